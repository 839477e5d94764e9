"""time, in ioplay's Python subset: the clocks are natives of `_time` (each one syscall), and the calendar
views of a timestamp are computed here. The simulated machine's zone is UTC, so `localtime` is `gmtime`
and `timezone` is 0."""

from _time import sleep, time, time_ns, monotonic, monotonic_ns, perf_counter, perf_counter_ns

timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')

_DAYS = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_DAY_NAMES = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_MONTHS = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')
_MONTH_NAMES = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                'October', 'November', 'December')
_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')


class struct_time:
    """The nine fields of a broken-down time; indexable like CPython's (a tuple there)."""

    def __init__(self, fields):
        fields = tuple(fields)
        if len(fields) < 9:
            raise TypeError('time.struct_time() takes an at least 9-sequence (%d-sequence given)' % len(fields))
        if len(fields) > 11:
            raise TypeError('time.struct_time() takes an at most 11-sequence (%d-sequence given)' % len(fields))
        # Two more fields may follow the nine: the zone's name and its offset, not part of the tuple.
        self._fields = fields[:9]
        (self.tm_year, self.tm_mon, self.tm_mday, self.tm_hour, self.tm_min, self.tm_sec, self.tm_wday,
         self.tm_yday, self.tm_isdst) = self._fields
        self.tm_zone = fields[9] if len(fields) > 9 else 'UTC'
        self.tm_gmtoff = fields[10] if len(fields) > 10 else 0

    def __getitem__(self, i):
        return self._fields[i]

    def __len__(self):
        return 9

    def __iter__(self):
        return iter(self._fields)

    def __eq__(self, other):
        if isinstance(other, struct_time):
            return self._fields == other._fields
        return self._fields == other

    def __hash__(self):
        return hash(self._fields)

    def __repr__(self):
        parts = ', '.join('%s=%r' % (name, value) for name, value in zip(_FIELDS, self._fields))
        return 'time.struct_time(%s)' % parts


def _days_from_civil(y, m, d):
    # Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z):
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, d


def _seconds(secs):
    if secs is None:
        return int(time() // 1)
    if not isinstance(secs, (int, float)):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(secs).__name__)
    if secs != secs:
        raise ValueError('Invalid value NaN (not a number)')
    return int(secs // 1)


def gmtime(secs=None):
    s = _seconds(secs)
    days, rest = divmod(s, 86400)
    y, m, d = _civil_from_days(days)
    yday = days - _days_from_civil(y, 1, 1) + 1
    return struct_time((y, m, d, rest // 3600, rest % 3600 // 60, rest % 60, (days + 3) % 7, yday, 0))


def localtime(secs=None):
    return gmtime(secs)


def mktime(t):
    t = tuple(t)
    if len(t) != 9:
        raise TypeError('mktime(): illegal time tuple argument')
    return float(_days_from_civil(t[0], t[1], t[2]) * 86400 + t[3] * 3600 + t[4] * 60 + t[5])


def asctime(t=None):
    t = localtime() if t is None else t
    return '%s %s %2d %02d:%02d:%02d %d' % (_DAYS[t[6]], _MONTHS[t[1] - 1], t[2], t[3], t[4], t[5], t[0])


def ctime(secs=None):
    return asctime(localtime(secs))


def _is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _iso_week(y, yday, wday):
    # ISO 8601: weeks start on Monday, and week 1 holds the year's first Thursday.
    week = (yday - wday + 9) // 7
    if week < 1:
        prev = y - 1
        prev_days = 366 if _is_leap(prev) else 365
        return prev, (yday + prev_days - wday + 9) // 7
    days = 366 if _is_leap(y) else 365
    if week == 53 and yday - wday + 3 > days:
        return y + 1, 1
    return y, week


def strftime(format, t=None):
    t = localtime() if t is None else t
    y, mon, mday, hour, minute, sec, wday, yday = t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]
    out = []
    i = 0
    while i < len(format):
        c = format[i]
        if c != '%' or i + 1 == len(format):
            out.append(c)
            i += 1
            continue
        d = format[i + 1]
        i += 2
        if d == 'Y':
            out.append(str(y))
        elif d == 'm':
            out.append('%02d' % mon)
        elif d == 'd':
            out.append('%02d' % mday)
        elif d == 'e':
            out.append('%2d' % mday)
        elif d == 'H':
            out.append('%02d' % hour)
        elif d == 'I':
            out.append('%02d' % ((hour + 11) % 12 + 1))
        elif d == 'M':
            out.append('%02d' % minute)
        elif d == 'S':
            out.append('%02d' % sec)
        elif d == 'p':
            out.append('AM' if hour < 12 else 'PM')
        elif d == 'y':
            out.append('%02d' % (y % 100))
        elif d == 'j':
            out.append('%03d' % yday)
        elif d == 'a':
            out.append(_DAYS[wday])
        elif d == 'A':
            out.append(_DAY_NAMES[wday])
        elif d == 'b' or d == 'h':
            out.append(_MONTHS[mon - 1])
        elif d == 'B':
            out.append(_MONTH_NAMES[mon - 1])
        elif d == 'C':
            out.append('%02d' % (y // 100))
        elif d == 'k':
            out.append('%2d' % hour)
        elif d == 'l':
            out.append('%2d' % ((hour + 11) % 12 + 1))
        elif d == 'G' or d == 'g' or d == 'V':
            iso_year, iso_week = _iso_week(y, yday, wday)
            if d == 'G':
                out.append(str(iso_year))
            elif d == 'g':
                out.append('%02d' % (iso_year % 100))
            else:
                out.append('%02d' % iso_week)
        elif d == 'U':
            out.append('%02d' % ((yday - 1 + 7 - (wday + 1) % 7) // 7))
        elif d == 'W':
            out.append('%02d' % ((yday - 1 + 7 - wday) // 7))
        elif d == 'w':
            out.append(str((wday + 1) % 7))
        elif d == 'u':
            out.append(str(wday + 1))
        elif d == 'c':
            out.append(asctime(t))
        elif d == 'x':
            out.append('%02d/%02d/%02d' % (mon, mday, y % 100))
        elif d == 'X' or d == 'T':
            out.append('%02d:%02d:%02d' % (hour, minute, sec))
        elif d == 'D':
            out.append('%02d/%02d/%02d' % (mon, mday, y % 100))
        elif d == 'F':
            out.append('%d-%02d-%02d' % (y, mon, mday))
        elif d == 'r':
            out.append('%02d:%02d:%02d %s' % ((hour + 11) % 12 + 1, minute, sec, 'AM' if hour < 12 else 'PM'))
        elif d == 'n':
            out.append('\n')
        elif d == 't':
            out.append('\t')
        elif d == 'R':
            out.append('%02d:%02d' % (hour, minute))
        elif d == 'Z':
            out.append('UTC')
        elif d == 'z':
            out.append('+0000')
        elif d == 's':
            out.append(str(int(mktime(t))))
        elif d == '%':
            out.append('%')
        else:
            # glibc keeps a directive it does not know as it is written.
            out.append('%' + d)
    return ''.join(out)
