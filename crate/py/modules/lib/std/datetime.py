"""datetime, in ioplay's Python subset: CPython 3.11's classes (`timedelta`, `date`, `time`, `datetime`,
`tzinfo`, `timezone`) with the C module's reprs, messages and rounding. The clock is `time.time()`, the
simulated machine's CLOCK_REALTIME, and the local zone is UTC (as in `time`), so `now()` equals `utcnow()`
and naive datetimes convert to timestamps as UTC.

Deliberate differences from CPython: there is no zone data (`timezone` holds fixed offsets only); `strptime`
(the C locale, ASCII digits) refuses the week directives %U %W %V %G, and a repeated directive is a
ValueError where CPython's `re` raises re.error; an operator these classes do not define at all (`dt * 2`),
or one between them and a user class that refuses it too, names the classes without the `datetime.` prefix
in its TypeError; a new attribute can be set on an instance; `divmod()` of two timedeltas is not supported
(use `//` and `%`); hashes differ from CPython's (equal values still hash equal)."""

import time as _time

MINYEAR = 1
MAXYEAR = 9999

_MAX_DELTA_DAYS = 999999999
_US_PER_SECOND = 1000000
_US_PER_DAY = 86400 * _US_PER_SECOND
_DAYS_IN_MONTH = (-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAYS_BEFORE_MONTH = (-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_DAY_NAMES = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_MONTH_NAMES = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')


# ---- the proleptic Gregorian calendar (day 1 is 0001-01-01, as date.toordinal counts) ----

def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ymd2ord(year, month, day):
    before_month = _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))
    return _days_before_year(year) + before_month + day


_DI400Y = _days_before_year(401)
_DI100Y = _days_before_year(101)
_DI4Y = _days_before_year(5)


def _ord2ymd(n):
    # CPython's algorithm: peel off 400-, 100-, 4- and 1-year cycles, then find the month.
    n -= 1
    n400, n = divmod(n, _DI400Y)
    year = n400 * 400 + 1
    n100, n = divmod(n, _DI100Y)
    n4, n = divmod(n, _DI4Y)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leapyear = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leapyear)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leapyear)
    return year, month, n - preceding + 1


def _iso_week1_monday(year):
    first_day = _ymd2ord(year, 1, 1)
    first_weekday = (first_day + 6) % 7
    week1_monday = first_day - first_weekday
    if first_weekday > 3:
        week1_monday += 7
    return week1_monday


_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()


# ---- checks, with the C module's messages ----

def _index(value):
    """An int argument the C module parses into a C int, with its overflow messages."""
    if not isinstance(value, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % _type_name(value))
    value = int(value)
    if not -2 ** 63 <= value < 2 ** 63:
        raise OverflowError('Python int too large to convert to C long')
    if value >= 2 ** 31:
        raise OverflowError('signed integer is greater than maximum')
    if value < -2 ** 31:
        raise OverflowError('signed integer is less than minimum')
    return value


def _check_date_fields(year, month, day):
    year, month, day = _index(year), _index(month), _index(day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('year %d is out of range' % year)
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError('day is out of range for month')
    return year, month, day


def _check_time_fields(hour, minute, second, microsecond, fold):
    hour, minute, second, microsecond = _index(hour), _index(minute), _index(second), _index(microsecond)
    if not 0 <= hour <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        raise ValueError('microsecond must be in 0..999999')
    if fold not in (0, 1):
        raise ValueError('fold must be either 0 or 1')
    return hour, minute, second, microsecond, fold


def _check_tzinfo(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'"
                        % type(tz).__name__)


def _check_utc_offset(name, offset):
    if offset is None:
        return None
    if not isinstance(offset, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'" % (name, _type_name(offset)))
    if not -timedelta(1) < offset < timedelta(1):
        raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and '
                         'timedelta(hours=24), not %r.' % offset)
    return offset


def _read_only(owner):
    """A property whose assignment fails with the C module's message (its fields are not writable):
    timedelta's are members (owner None), the others' getters."""
    def make(getter):
        def refuse(self, value):
            if owner is None:
                raise AttributeError('readonly attribute')
            raise AttributeError("attribute '%s' of '%s' objects is not writable" % (getter.__name__, owner))
        return property(getter, refuse)
    return make


def _type_name(value):
    # The C module's classes print with their module, as CPython's messages name them.
    name = type(value).__name__
    if isinstance(value, (timedelta, date, time, tzinfo)) and type(value).__module__ == __name__:
        return 'datetime.' + name
    return name


def _is_foreign(value):
    """True when `value` cannot take part in an operator with these classes: a builtin type or one of
    ours. A user class may still answer with its reflected method, so it gets NotImplemented."""
    return type(value).__module__ in ('builtins', __name__)


def _operand_error(symbol, left, right):
    if not _is_foreign(left) or not _is_foreign(right):
        return NotImplemented
    raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'"
                    % (symbol, _type_name(left), _type_name(right)))


def _order_error(symbol, left, right):
    if not _is_foreign(left) or not _is_foreign(right):
        return NotImplemented
    raise TypeError("'%s' not supported between instances of '%s' and '%s'"
                    % (symbol, _type_name(left), _type_name(right)))


def _compare(symbol, a, b):
    # a and b are comparable keys (tuples); symbol is the operator being answered.
    if symbol == '<':
        return a < b
    if symbol == '<=':
        return a <= b
    if symbol == '>':
        return a > b
    return a >= b


def _true_divide(n, d):
    """n / d of two ints, correctly rounded as CPython's int division is. The VM converts both ints to
    floats first, which rounds twice once a value passes 2**53 (timestamps far from 1970, long deltas)."""
    if -2 ** 53 <= n <= 2 ** 53 and -2 ** 53 <= d <= 2 ** 53:
        return n / d
    negative = (n < 0) != (d < 0)
    n, d = abs(n), abs(d)
    if n == 0:
        return -0.0 if negative else 0.0
    # A quotient of 55 or 56 bits, the remainder kept as a sticky bit, then rounded to 53 bits.
    shift = 55 - (n.bit_length() - d.bit_length())
    if shift >= 0:
        q, r = divmod(n << shift, d)
    else:
        q, r = divmod(n, d << -shift)
    extra = q.bit_length() - 53
    low = q & ((1 << extra) - 1)
    q >>= extra
    half = 1 << (extra - 1)
    if low > half or (low == half and (r != 0 or q & 1)):
        q += 1
    result = float(q) * 2.0 ** (extra - shift)
    return -result if negative else result


_INFINITY = float('inf')


def _float_ratio(x):
    """x.as_integer_ratio(), in ints: doubling a float is exact until it is integral (at most 1074 times).
    The VM's float.as_integer_ratio keeps the denominator in 128 bits, too few for tiny floats."""
    if x != x:
        raise ValueError('cannot convert NaN to integer ratio')
    if x == _INFINITY or x == -_INFINITY:
        raise OverflowError('cannot convert Infinity to integer ratio')
    exponent = 0
    while x != int(x):
        x *= 2.0
        exponent += 1
    return int(x), 2 ** exponent


def _round_half_even(a, b):
    """a / b rounded to the nearest int, ties to even (exact, on ints)."""
    q, r = divmod(a, b)
    r *= 2
    greater_than_half = r > b if b > 0 else r < b
    if greater_than_half or (r == b and q % 2 == 1):
        q += 1
    return q


def _round_half_away(x):
    # C's round(): a tie goes away from zero.
    whole = float(int(abs(x) + 0.5))
    return whole if x >= 0 else -whole


# ---- timedelta ----

_DELTA_UNITS = (('microseconds', 1), ('milliseconds', 1000), ('seconds', _US_PER_SECOND),
                ('minutes', 60 * _US_PER_SECOND), ('hours', 3600 * _US_PER_SECOND), ('days', _US_PER_DAY),
                ('weeks', 7 * _US_PER_DAY))


class timedelta:
    """A duration: days, seconds (0..86399) and microseconds (0..999999); only days carries the sign."""

    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        values = {'days': days, 'seconds': seconds, 'microseconds': microseconds,
                  'milliseconds': milliseconds, 'minutes': minutes, 'hours': hours, 'weeks': weeks}
        # CPython's delta_new: whole parts are summed exactly in microseconds, the fractions of floats
        # apart, and their sum is rounded once at the end (a tie goes to the even total).
        total = 0
        leftover = 0.0
        for name, factor in _DELTA_UNITS:
            value = values[name]
            if isinstance(value, int):
                total += int(value) * factor
            elif isinstance(value, float):
                whole = int(value)
                total += whole * factor
                fraction = value - whole
                if fraction != 0.0:
                    scaled = float(factor) * fraction
                    whole_us = int(scaled)
                    total += whole_us
                    leftover += scaled - whole_us
            else:
                raise TypeError('unsupported type for timedelta %s component: %s'
                                % (name, type(value).__name__))
        if leftover != 0.0:
            whole_us = _round_half_away(leftover)
            if abs(whole_us - leftover) == 0.5:
                odd = total & 1
                whole_us = 2.0 * _round_half_away((leftover + odd) * 0.5) - odd
            total += int(whole_us)
        self._set(total)

    def _set(self, total_us):
        days, us = divmod(total_us, _US_PER_DAY)
        if not -2 ** 31 <= days < 2 ** 31:
            # The C module holds days in a C int before it checks the range.
            raise OverflowError('Python int too large to convert to C int')
        if not -_MAX_DELTA_DAYS <= days <= _MAX_DELTA_DAYS:
            raise OverflowError('days=%d; must have magnitude <= %d' % (days, _MAX_DELTA_DAYS))
        self._days = days
        self._seconds, self._microseconds = divmod(us, _US_PER_SECOND)
        self._hashcode = -1

    @_read_only(None)
    def days(self):
        return self._days

    @_read_only(None)
    def seconds(self):
        return self._seconds

    @_read_only(None)
    def microseconds(self):
        return self._microseconds

    def _to_microseconds(self):
        return (self._days * 86400 + self._seconds) * _US_PER_SECOND + self._microseconds

    def total_seconds(self):
        return _true_divide(self._to_microseconds(), _US_PER_SECOND)

    def __repr__(self):
        args = []
        if self._days:
            args.append('days=%d' % self._days)
        if self._seconds:
            args.append('seconds=%d' % self._seconds)
        if self._microseconds:
            args.append('microseconds=%d' % self._microseconds)
        return '%s(%s)' % (_type_name(self), ', '.join(args) if args else '0')

    def __str__(self):
        minutes, seconds = divmod(self._seconds, 60)
        hours, minutes = divmod(minutes, 60)
        text = '%d:%02d:%02d' % (hours, minutes, seconds)
        if self._days:
            text = '%d day%s, ' % (self._days, '' if abs(self._days) == 1 else 's') + text
        if self._microseconds:
            text += '.%06d' % self._microseconds
        return text

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _delta(self._to_microseconds() + other._to_microseconds())
        if isinstance(other, date):
            return other.__add__(self)
        return _operand_error('+', self, other)

    def __radd__(self, other):
        if isinstance(other, (timedelta, date)):
            return self.__add__(other)
        return _operand_error('+', other, self)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _delta(self._to_microseconds() - other._to_microseconds())
        return _operand_error('-', self, other)

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return other.__sub__(self)
        if isinstance(other, date):
            return other.__sub__(self)
        return _operand_error('-', other, self)

    def __neg__(self):
        return _delta(-self._to_microseconds())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, int):
            return _delta(self._to_microseconds() * int(other))
        if isinstance(other, float):
            numerator, denominator = _float_ratio(other)
            return _delta(_round_half_even(self._to_microseconds() * numerator, denominator))
        return _operand_error('*', self, other)

    def __rmul__(self, other):
        if isinstance(other, (int, float)):
            return self.__mul__(other)
        return _operand_error('*', other, self)

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._to_microseconds() // _divisor(other._to_microseconds())
        if isinstance(other, int):
            return _delta(self._to_microseconds() // _divisor(int(other)))
        return _operand_error('//', self, other)

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return _true_divide(self._to_microseconds(), _divisor_float(other._to_microseconds()))
        if isinstance(other, int):
            return _delta(_round_half_even(self._to_microseconds(), _divisor(int(other))))
        if isinstance(other, float):
            numerator, denominator = _float_ratio(other)
            return _delta(_round_half_even(denominator * self._to_microseconds(), _divisor(numerator)))
        return _operand_error('/', self, other)

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return _delta(self._to_microseconds() % _divisor(other._to_microseconds()))
        return _operand_error('%', self, other)

    def __format__(self, fmt):
        _check_format_spec(fmt)
        if fmt:
            raise TypeError('unsupported format string passed to %s.__format__' % _type_name(self))
        return str(self)

    def __bool__(self):
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0

    def _key(self):
        return self._days, self._seconds, self._microseconds

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._key() == other._key()
        return False if _is_foreign(other) else NotImplemented

    def _order(self, symbol, other):
        if isinstance(other, timedelta):
            return _compare(symbol, self._key(), other._key())
        return _order_error(symbol, self, other)

    def __lt__(self, other):
        return self._order('<', other)

    def __le__(self, other):
        return self._order('<=', other)

    def __gt__(self, other):
        return self._order('>', other)

    def __ge__(self, other):
        return self._order('>=', other)

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash(self._key())
        return self._hashcode


def _divisor(n):
    if n == 0:
        raise ZeroDivisionError('integer division or modulo by zero')
    return n


def _divisor_float(n):
    if n == 0:
        raise ZeroDivisionError('division by zero')
    return n


def _delta(total_us):
    delta = timedelta()
    delta._set(total_us)
    return delta


timedelta.min = _delta(-_MAX_DELTA_DAYS * _US_PER_DAY)
timedelta.max = _delta((_MAX_DELTA_DAYS + 1) * _US_PER_DAY - 1)
timedelta.resolution = _delta(1)


# ---- formatting helpers ----

def _format_time(hour, minute, second, microsecond, timespec):
    if timespec == 'auto':
        timespec = 'microseconds' if microsecond else 'seconds'
    if timespec == 'hours':
        return '%02d' % hour
    if timespec == 'minutes':
        return '%02d:%02d' % (hour, minute)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (hour, minute, second)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (hour, minute, second, microsecond // 1000)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (hour, minute, second, microsecond)
    raise ValueError('Unknown timespec value')


def _format_offset(offset, sep=':'):
    """+HH:MM (and :SS, .ffffff when present) of a utcoffset; '' for None."""
    if offset is None:
        return ''
    sign = '+'
    if offset.days < 0:
        sign = '-'
        offset = -offset
    minutes, seconds = divmod(offset.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = '%s%02d%s%02d' % (sign, hours, sep, minutes)
    if seconds or offset.microseconds:
        text += '%s%02d' % (sep, seconds)
        if offset.microseconds:
            text += '.%06d' % offset.microseconds
    return text


def _wrap_strftime(obj, fmt, timetuple):
    # %f, %z and %Z belong to the object (time.strftime knows no microseconds and no tzinfo); the
    # other directives go to time.strftime.
    if not isinstance(fmt, str):
        raise TypeError("strftime() argument 1 must be str, not %s" % type(fmt).__name__)
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        i += 1
        if c != '%' or i == n:
            out.append(c)
            continue
        d = fmt[i]
        i += 1
        if d == 'f':
            out.append('%06d' % getattr(obj, 'microsecond', 0))
        elif d == 'z':
            out.append(_format_offset(obj.utcoffset(), '') if hasattr(obj, 'utcoffset') else '')
        elif d == 'Z':
            name = obj.tzname() if hasattr(obj, 'tzname') else None
            out.append('' if name is None else name.replace('%', '%%'))
        else:
            out.append('%' + d)
    return _time.strftime(''.join(out), timetuple)


def _check_format_spec(fmt):
    if not isinstance(fmt, str):
        raise TypeError('must be str, not %s' % type(fmt).__name__)


# ---- ISO 8601 parsing (CPython 3.11's grammar; every failure is one ValueError) ----

def _digits(text, start, count):
    part = text[start:start + count]
    if len(part) != count:
        raise ValueError('too short')
    for ch in part:
        if ch not in '0123456789':
            raise ValueError('not a digit')
    return int(part)


def _find_isoformat_datetime_separator(dtstr):
    n = len(dtstr)
    if n == 7:
        return 7
    if dtstr[4] == '-':
        if dtstr[5] == 'W':
            if n > 8 and dtstr[8] == '-':
                if n == 9:
                    raise ValueError('Invalid ISO string')
                if n > 10 and dtstr[10] in '0123456789':
                    return 8
                return 10
            return 8
        return 10
    if dtstr[4] == 'W':
        idx = 7
        while idx < n and dtstr[idx] in '0123456789':
            idx += 1
        if idx < 9:
            return idx
        return 7 if idx % 2 == 0 else 8
    return 8


def _parse_isoformat_date(dtstr):
    if len(dtstr) not in (7, 8, 10):
        raise ValueError('bad length')
    year = _digits(dtstr, 0, 4)
    has_sep = dtstr[4] == '-'
    pos = 4 + has_sep
    if dtstr[pos:pos + 1] == 'W':
        pos += 1
        week = _digits(dtstr, pos, 2)
        pos += 2
        weekday = 1
        if len(dtstr) > pos:
            if (dtstr[pos:pos + 1] == '-') != has_sep:
                raise ValueError('Inconsistent use of dash separator')
            pos += has_sep
            weekday = _digits(dtstr, pos, 1)
        return _isoweek_to_gregorian(year, week, weekday)
    month = _digits(dtstr, pos, 2)
    pos += 2
    if (dtstr[pos:pos + 1] == '-') != has_sep:
        raise ValueError('Inconsistent use of dash separator')
    pos += has_sep
    # Like the C module, ignore what follows the day (only date.fromisoformat can pass more).
    return year, month, _digits(dtstr, pos, 2)


def _parse_hh_mm_ss_ff(tstr):
    # HH[:?MM[:?SS[{.,}fff[fff]]]]
    n = len(tstr)
    comps = [0, 0, 0, 0]
    pos = 0
    has_sep = False
    for comp in range(3):
        comps[comp] = _digits(tstr, pos, 2)
        pos += 2
        next_char = tstr[pos:pos + 1]
        if comp == 0:
            has_sep = next_char == ':'
        if not next_char or comp >= 2:
            break
        if has_sep and next_char != ':':
            raise ValueError('Invalid time separator')
        pos += has_sep
    if pos < n:
        if tstr[pos] not in '.,':
            raise ValueError('Invalid microsecond component')
        pos += 1
        remainder = n - pos
        if remainder < 1:
            raise ValueError('empty fraction')
        count = min(remainder, 6)
        comps[3] = _digits(tstr, pos, count) * 10 ** (6 - count)
        if remainder > count:
            _digits(tstr, pos + count, remainder - count)  # digits beyond the microsecond are dropped
    return comps


def _parse_isoformat_time(tstr):
    # HH[:MM[:SS[.fff[fff]]]][+HH:MM[:SS[.ffffff]]] or a trailing Z.
    if len(tstr) < 2:
        raise ValueError('Isoformat time too short')
    tz_pos = tstr.find('-') + 1 or tstr.find('+') + 1 or tstr.find('Z') + 1
    timestr = tstr[:tz_pos - 1] if tz_pos > 0 else tstr
    comps = _parse_hh_mm_ss_ff(timestr)
    tz = None
    if tz_pos == len(tstr) and tstr[-1] == 'Z':
        tz = timezone.utc
    elif tz_pos > 0:
        tzstr = tstr[tz_pos:]
        if len(tzstr) in (0, 1, 3):
            raise ValueError('Malformed time zone string')
        tz_comps = _parse_hh_mm_ss_ff(tzstr)
        if tz_comps == [0, 0, 0, 0]:
            tz = timezone.utc
        else:
            sign = -1 if tstr[tz_pos - 1] == '-' else 1
            tz = timezone(sign * timedelta(hours=tz_comps[0], minutes=tz_comps[1], seconds=tz_comps[2],
                                           microseconds=tz_comps[3]))
    comps.append(tz)
    return comps


def _isoweek_to_gregorian(year, week, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('Year is out of range: %d' % year)
    if not 0 < week < 53:
        first_weekday = _ymd2ord(year, 1, 1) % 7
        if not (week == 53 and (first_weekday == 4 or (first_weekday == 3 and _is_leap(year)))):
            raise ValueError('Invalid week: %d' % week)
    if not 0 < day < 8:
        raise ValueError('Invalid day: %d (range is [1, 7])' % day)
    return _ord2ymd(_iso_week1_monday(year) + (week - 1) * 7 + (day - 1))


def _check_isoformat_arg(text):
    if not isinstance(text, str):
        raise TypeError('fromisoformat: argument must be str')


def _invalid_isoformat(text):
    return ValueError('Invalid isoformat string: %r' % (text,))


# ---- date ----

class IsoCalendarDate:
    """`date.isocalendar()`'s result: a (year, week, weekday) triple with names."""

    def __init__(self, year, week, weekday):
        self._fields = (year, week, weekday)
        self.year, self.week, self.weekday = year, week, weekday

    def __getitem__(self, i):
        return self._fields[i]

    def __len__(self):
        return 3

    def __iter__(self):
        return iter(self._fields)

    def __eq__(self, other):
        if isinstance(other, IsoCalendarDate):
            return self._fields == other._fields
        return self._fields == other

    def __hash__(self):
        return hash(self._fields)

    def __repr__(self):
        return 'datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)' % self._fields


class date:
    """A day of the proleptic Gregorian calendar."""

    def __init__(self, year, month, day):
        self._year, self._month, self._day = _check_date_fields(year, month, day)
        self._hashcode = -1

    @classmethod
    def fromtimestamp(cls, t):
        if isinstance(t, float) and -_INFINITY < t < _INFINITY:
            t = int(t // 1)  # CPython floors a date's timestamp (no rounding to the microsecond)
        y, m, d, hh, mm, ss, us = _utc_fields(t)
        return cls(y, m, d)

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, n):
        n = _index(n)
        if n < 1:
            raise ValueError('ordinal must be >= 1')
        if n > _MAX_ORDINAL:
            raise ValueError('year %d is out of range' % _ord2ymd(n)[0])
        y, m, d = _ord2ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, date_string):
        _check_isoformat_arg(date_string)
        try:
            y, m, d = _parse_isoformat_date(date_string)
        except ValueError:
            raise _invalid_isoformat(date_string) from None
        return cls(y, m, d)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        y, m, d = _isoweek_to_gregorian(_index(year), _index(week), _index(day))
        return cls(y, m, d)

    @_read_only('datetime.date')
    def year(self):
        return self._year

    @_read_only('datetime.date')
    def month(self):
        return self._month

    @_read_only('datetime.date')
    def day(self):
        return self._day

    def __repr__(self):
        return '%s(%d, %d, %d)' % (_type_name(self), self._year, self._month, self._day)

    def isoformat(self):
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    def __str__(self):
        return self.isoformat()

    def ctime(self):
        return '%s %s %2d 00:00:00 %04d' % (_DAY_NAMES[self.weekday()], _MONTH_NAMES[self._month - 1],
                                            self._day, self._year)

    def strftime(self, fmt):
        return _wrap_strftime(self, fmt, self.timetuple())

    def __format__(self, fmt):
        _check_format_spec(fmt)
        return self.strftime(fmt) if fmt else str(self)

    def timetuple(self):
        return _time.struct_time(_build_struct(self._year, self._month, self._day, 0, 0, 0))

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        year = self._year
        week1_monday = _iso_week1_monday(year)
        week, day = divmod(self.toordinal() - week1_monday, 7)
        if week < 0:
            year -= 1
            week, day = divmod(self.toordinal() - _iso_week1_monday(year), 7)
        elif week >= 52 and self.toordinal() >= _iso_week1_monday(year + 1):
            year += 1
            week = 0
        return IsoCalendarDate(year, week + 1, day + 1)

    def _date_key(self):
        return self._year, self._month, self._day

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._date_key() == other._date_key()
        return False if _is_foreign(other) else NotImplemented

    def _order(self, symbol, other):
        if isinstance(other, datetime):
            raise TypeError("can't compare datetime.datetime to datetime.date")
        if isinstance(other, date):
            return _compare(symbol, self._date_key(), other._date_key())
        return _order_error(symbol, self, other)

    def __lt__(self, other):
        return self._order('<', other)

    def __le__(self, other):
        return self._order('<=', other)

    def __gt__(self, other):
        return self._order('>', other)

    def __ge__(self, other):
        return self._order('>=', other)

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash(self._date_key())
        return self._hashcode

    def __add__(self, other):
        if isinstance(other, timedelta):
            ordinal = self.toordinal() + other.days
            if not 0 < ordinal <= _MAX_ORDINAL:
                raise OverflowError('date value out of range')
            return type(self).fromordinal(ordinal)
        return _operand_error('+', self, other)

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return self.__add__(other)
        return _operand_error('+', other, self)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self.__add__(-other)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        return _operand_error('-', self, other)

    def __rsub__(self, other):
        return _operand_error('-', other, self)


_MAX_ORDINAL = _ymd2ord(MAXYEAR, 12, 31)


def _build_struct(y, m, d, hh, mm, ss, dst=-1):
    weekday = (_ymd2ord(y, m, d) + 6) % 7
    yday = _DAYS_BEFORE_MONTH[m] + (m > 2 and _is_leap(y)) + d
    return (y, m, d, hh, mm, ss, weekday, yday, dst)


def _utc_fields(t):
    """(year, month, day, hour, minute, second, microsecond) of a POSIX timestamp, rounded to the
    microsecond half to even as CPython's fromtimestamp rounds it."""
    if isinstance(t, float):
        if t != t:
            raise ValueError('Invalid value NaN (not a number)')
        if t == _INFINITY or t == -_INFINITY:
            raise OverflowError('timestamp out of range for platform time_t')
        whole = int(t)
        us = round((t - whole) * 1e6)
        if us >= 1000000:
            whole += 1
            us -= 1000000
        elif us < 0:
            whole -= 1
            us += 1000000
    elif isinstance(t, int):
        whole, us = int(t), 0
    else:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(t).__name__)
    if not -2 ** 63 <= whole < 2 ** 63:
        raise OverflowError('timestamp out of range for platform time_t')
    days, secs = divmod(whole, 86400)
    y, m, d = _ord2ymd(days + _EPOCH_ORDINAL)
    if not -2 ** 31 <= y - 1900 < 2 ** 31:
        # glibc's gmtime() keeps the year minus 1900 in an int.
        raise OSError(75, 'Value too large for defined data type')
    if not MINYEAR <= y <= MAXYEAR:
        raise ValueError('year %d is out of range' % y)
    hh, rest = divmod(secs, 3600)
    mm, ss = divmod(rest, 60)
    return y, m, d, hh, mm, ss, us


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


# ---- tzinfo and timezone ----

class tzinfo:
    """The abstract base of time zones: subclasses define utcoffset, dst and tzname."""

    def tzname(self, dt):
        raise NotImplementedError('a tzinfo subclass must implement tzname()')

    def utcoffset(self, dt):
        raise NotImplementedError('a tzinfo subclass must implement utcoffset()')

    def dst(self, dt):
        raise NotImplementedError('a tzinfo subclass must implement dst()')

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() requires a datetime argument')
        if dt.tzinfo is not self:
            raise ValueError('dt.tzinfo is not self')
        offset = dt.utcoffset()
        if offset is None:
            raise ValueError('fromutc() requires a non-None utcoffset() result')
        dst = dt.dst()
        if dst is None:
            raise ValueError('fromutc() requires a non-None dst() result')
        delta = offset - dst
        if delta:
            dt += delta
            dst = dt.dst()
            if dst is None:
                raise ValueError('fromutc(): dt.dst gave inconsistent results; cannot convert')
        return dt + dst


class timezone(tzinfo):
    """A fixed offset from UTC."""

    def __new__(cls, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError('timezone() argument 1 must be datetime.timedelta, not %s'
                            % type(offset).__name__)
        if name is not None and not isinstance(name, str):
            raise TypeError("timezone() argument 2 must be str, not %s" % type(name).__name__)
        if not -timedelta(1) < offset < timedelta(1):
            raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and '
                             'timedelta(hours=24), not %r.' % offset)
        if name is None and not offset and _UTC is not None:
            return _UTC  # as in CPython, a nameless zero offset is the one timezone.utc
        zone = object.__new__(cls)
        zone._offset = offset
        zone._name = name
        return zone

    def __copy__(self):
        # Rebuilt from the offset and the name, as CPython's pickling does: timezone.utc stays the one.
        return timezone(self._offset, self._name)

    def __deepcopy__(self, memo):
        return timezone(self._offset, self._name)

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return False if _is_foreign(other) else NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is _UTC:
            return 'datetime.timezone.utc'
        if self._name is None:
            return 'datetime.timezone(%r)' % self._offset
        return 'datetime.timezone(%r, %r)' % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def utcoffset(self, dt):
        if isinstance(dt, datetime) or dt is None:
            return self._offset
        raise TypeError('utcoffset() argument must be a datetime instance or None')

    def tzname(self, dt):
        if isinstance(dt, datetime) or dt is None:
            if self._name is not None:
                return self._name
            if not self._offset:
                return 'UTC'
            return 'UTC' + _format_offset(self._offset)
        raise TypeError('tzname() argument must be a datetime instance or None')

    def dst(self, dt):
        if isinstance(dt, datetime) or dt is None:
            return None
        raise TypeError('dst() argument must be a datetime instance or None')

    def fromutc(self, dt):
        if isinstance(dt, datetime):
            if dt.tzinfo is not self:
                raise ValueError('fromutc: dt.tzinfo is not self')
            return dt + self._offset
        raise TypeError('fromutc() argument must be a datetime instance or None')


_UTC = None
_UTC = timezone(timedelta(0))
timezone.utc = _UTC
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = _UTC
# The simulated machine's local zone, as CPython's astimezone() names it (from localtime's tm_zone).
_LOCAL = timezone(timedelta(0), 'UTC')


# ---- time ----

class time:
    """A time of day, optionally with a tzinfo."""

    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        (self._hour, self._minute, self._second, self._microsecond,
         self._fold) = _check_time_fields(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self._tzinfo = tzinfo
        self._hashcode = -1

    @classmethod
    def fromisoformat(cls, time_string):
        _check_isoformat_arg(time_string)
        text = time_string[1:] if time_string[:1] == 'T' else time_string
        try:
            hh, mm, ss, us, tz = _parse_isoformat_time(text)
        except ValueError:
            raise _invalid_isoformat(time_string) from None
        return cls(hh, mm, ss, us, tz)

    @_read_only('datetime.time')
    def hour(self):
        return self._hour

    @_read_only('datetime.time')
    def minute(self):
        return self._minute

    @_read_only('datetime.time')
    def second(self):
        return self._second

    @_read_only('datetime.time')
    def microsecond(self):
        return self._microsecond

    @_read_only('datetime.time')
    def tzinfo(self):
        return self._tzinfo

    @_read_only('datetime.time')
    def fold(self):
        return self._fold

    def utcoffset(self):
        if self._tzinfo is None:
            return None
        return _check_utc_offset('utcoffset', self._tzinfo.utcoffset(None))

    def dst(self):
        if self._tzinfo is None:
            return None
        return _check_utc_offset('dst', self._tzinfo.dst(None))

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(None)

    def __repr__(self):
        fields = _time_repr_args(self._hour, self._minute, self._second, self._microsecond, self._tzinfo,
                                 self._fold)
        return '%s(%s)' % (_type_name(self), fields)

    def isoformat(self, timespec='auto'):
        text = _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        return text + _format_offset(self.utcoffset())

    def __str__(self):
        return self.isoformat()

    def strftime(self, fmt):
        timetuple = (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1)
        return _wrap_strftime(self, fmt, _time.struct_time(timetuple))

    def __format__(self, fmt):
        _check_format_spec(fmt)
        return self.strftime(fmt) if fmt else str(self)

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self._hour if hour is None else hour, self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    def _key(self, other_aware):
        # Times compare by their UTC moment when both are aware, as naive values when neither is.
        offset = self.utcoffset()
        if (offset is not None) != other_aware:
            return None
        minutes = self._hour * 60 + self._minute - (0 if offset is None else offset // timedelta(minutes=1))
        return minutes, self._second, self._microsecond

    def _compare_to(self, other):
        if self._tzinfo is other._tzinfo:
            return ((self._hour, self._minute, self._second, self._microsecond),
                    (other._hour, other._minute, other._second, other._microsecond))
        mine = self._key(other.utcoffset() is not None)
        if mine is None:
            return None
        return mine, other._key(self.utcoffset() is not None)

    def __eq__(self, other):
        if isinstance(other, time):
            keys = self._compare_to(other)
            return keys is not None and keys[0] == keys[1]
        return False if _is_foreign(other) else NotImplemented

    def _order(self, symbol, other):
        if isinstance(other, time):
            keys = self._compare_to(other)
            if keys is None:
                raise TypeError("can't compare offset-naive and offset-aware times")
            return _compare(symbol, keys[0], keys[1])
        return _order_error(symbol, self, other)

    def __lt__(self, other):
        return self._order('<', other)

    def __le__(self, other):
        return self._order('<=', other)

    def __gt__(self, other):
        return self._order('>', other)

    def __ge__(self, other):
        return self._order('>=', other)

    def __hash__(self):
        if self._hashcode == -1:
            key = self._key(self.utcoffset() is not None)
            self._hashcode = hash(key)
        return self._hashcode

    def __bool__(self):
        return True


def _time_repr_args(hour, minute, second, microsecond, tz, fold):
    if microsecond:
        text = '%d, %d, %d, %d' % (hour, minute, second, microsecond)
    elif second:
        text = '%d, %d, %d' % (hour, minute, second)
    else:
        text = '%d, %d' % (hour, minute)
    if tz is not None:
        text += ', tzinfo=%r' % tz
    if fold:
        text += ', fold=1'
    return text


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


# ---- datetime ----

class datetime(date):
    """A date and a time of day, optionally with a tzinfo."""

    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        self._year, self._month, self._day = _check_date_fields(year, month, day)
        (self._hour, self._minute, self._second, self._microsecond,
         self._fold) = _check_time_fields(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self._tzinfo = tzinfo
        self._hashcode = -1

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        _check_tzinfo(tz)
        y, m, d, hh, mm, ss, us = _utc_fields(t)
        if tz is None:
            # CPython probes local time a day earlier (to find a fold); before year 1 that fails.
            if _ymd2ord(y, m, d) == 1:
                raise ValueError('year 0 is out of range')
        result = cls(y, m, d, hh, mm, ss, us, tz)
        if tz is not None:
            # The fields are UTC's; the zone says what the wall clock shows.
            result = tz.fromutc(result)
        return result

    @classmethod
    def utcfromtimestamp(cls, t):
        y, m, d, hh, mm, ss, us = _utc_fields(t)
        return cls(y, m, d, hh, mm, ss, us)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.utcfromtimestamp(_time.time())

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, n):
        d = date.fromordinal(n)
        return cls(d.year, d.month, d.day)

    @classmethod
    def combine(cls, date_part, time_part, tzinfo=True):
        if not isinstance(date_part, date):
            raise TypeError("combine() argument 1 must be datetime.date, not %s" % type(date_part).__name__)
        if not isinstance(time_part, time):
            raise TypeError("combine() argument 2 must be datetime.time, not %s" % type(time_part).__name__)
        if tzinfo is True:
            tzinfo = time_part.tzinfo
        return cls(date_part.year, date_part.month, date_part.day, time_part.hour, time_part.minute,
                   time_part.second, time_part.microsecond, tzinfo, fold=time_part.fold)

    @classmethod
    def strptime(cls, date_string, format):
        return _strptime(cls, date_string, format)

    @classmethod
    def fromisoformat(cls, date_string):
        _check_isoformat_arg(date_string)
        try:
            if len(date_string) < 7:
                raise ValueError('too short')
            separator = _find_isoformat_datetime_separator(date_string)
            y, m, d = _parse_isoformat_date(date_string[:separator])
            time_fields = [0, 0, 0, 0, None]
            if len(date_string) > separator:
                time_fields = _parse_isoformat_time(date_string[separator + 1:])
        except ValueError:
            raise _invalid_isoformat(date_string) from None
        hh, mm, ss, us, tz = time_fields
        return cls(y, m, d, hh, mm, ss, us, tz)

    @_read_only('datetime.datetime')
    def hour(self):
        return self._hour

    @_read_only('datetime.datetime')
    def minute(self):
        return self._minute

    @_read_only('datetime.datetime')
    def second(self):
        return self._second

    @_read_only('datetime.datetime')
    def microsecond(self):
        return self._microsecond

    @_read_only('datetime.datetime')
    def tzinfo(self):
        return self._tzinfo

    @_read_only('datetime.datetime')
    def fold(self):
        return self._fold

    def utcoffset(self):
        if self._tzinfo is None:
            return None
        return _check_utc_offset('utcoffset', self._tzinfo.utcoffset(self))

    def dst(self):
        if self._tzinfo is None:
            return None
        return _check_utc_offset('dst', self._tzinfo.dst(self))

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond, fold=self._fold)

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._microsecond, self._tzinfo, fold=self._fold)

    def timetuple(self):
        dst = self.dst()
        flag = -1 if dst is None else (1 if dst else 0)
        return _time.struct_time(_build_struct(self._year, self._month, self._day, self._hour, self._minute,
                                               self._second, flag))

    def utctimetuple(self):
        offset = self.utcoffset()
        moment = self if offset is None else self - offset
        return _time.struct_time(_build_struct(moment.year, moment.month, moment.day, moment.hour,
                                               moment.minute, moment.second, 0))

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def _local_microseconds(self):
        # Microseconds since 0001-01-01T00:00 of the wall-clock fields (no offset applied).
        seconds = (self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second)
        return seconds * _US_PER_SECOND + self._microsecond

    def timestamp(self):
        offset = self.utcoffset()
        us = self._local_microseconds() - _EPOCH_ORDINAL * _US_PER_DAY
        if offset is not None:
            return _true_divide(us - offset._to_microseconds(), _US_PER_SECOND)
        # The local zone is UTC, so a naive datetime is a UTC one; CPython adds the microseconds to the
        # whole seconds in floats here (not one exact division), and so do we, for the same last digit.
        return float(us // _US_PER_SECOND) + self._microsecond / 1e6

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None,
                tzinfo=True, *, fold=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day, self._hour if hour is None else hour,
                          self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    def astimezone(self, tz=None):
        if tz is None:
            tz = _LOCAL
        _check_tzinfo(tz)
        offset = self.utcoffset()
        if offset is None:
            # A naive datetime is local time, and local time is UTC here.
            offset = timedelta(0)
        if self._tzinfo is tz:
            return self
        utc = (self - offset).replace(tzinfo=tz)
        return tz.fromutc(utc)

    def ctime(self):
        return '%s %s %2d %02d:%02d:%02d %04d' % (_DAY_NAMES[self.weekday()], _MONTH_NAMES[self._month - 1],
                                                  self._day, self._hour, self._minute, self._second,
                                                  self._year)

    def isoformat(self, sep='T', timespec='auto'):
        if not isinstance(sep, str) or len(sep) != 1:
            raise TypeError('isoformat() argument 1 must be a unicode character, not %s' % type(sep).__name__)
        text = '%04d-%02d-%02d%s' % (self._year, self._month, self._day, sep)
        text += _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        return text + _format_offset(self.utcoffset())

    def __str__(self):
        return self.isoformat(sep=' ')

    def __repr__(self):
        return '%s(%d, %d, %d, %s)' % (
            _type_name(self), self._year, self._month, self._day,
            _time_repr_args(self._hour, self._minute, self._second, self._microsecond, self._tzinfo,
                            self._fold))

    def strftime(self, fmt):
        return _wrap_strftime(self, fmt, self.timetuple())

    def __format__(self, fmt):
        _check_format_spec(fmt)
        return self.strftime(fmt) if fmt else str(self)

    def _utc_microseconds(self, offset):
        return self._local_microseconds() - (0 if offset is None else offset._to_microseconds())

    def _compare_to(self, other, equality):
        """The two keys to compare, or None when one is naive and the other aware."""
        if self._tzinfo is other._tzinfo:
            return self._local_microseconds(), other._local_microseconds()
        mine, theirs = self.utcoffset(), other.utcoffset()
        if (mine is None) != (theirs is None):
            if equality:
                return None
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        return self._utc_microseconds(mine), other._utc_microseconds(theirs)

    def __eq__(self, other):
        if isinstance(other, datetime):
            keys = self._compare_to(other, True)
            return keys is not None and keys[0] == keys[1]
        if isinstance(other, date):
            return False
        return False if _is_foreign(other) else NotImplemented

    def _order(self, symbol, other):
        if isinstance(other, datetime):
            keys = self._compare_to(other, False)
            return _compare(symbol, keys[0], keys[1])
        if isinstance(other, date):
            raise TypeError("can't compare datetime.datetime to datetime.date")
        return _order_error(symbol, self, other)

    def __lt__(self, other):
        return self._order('<', other)

    def __le__(self, other):
        return self._order('<=', other)

    def __gt__(self, other):
        return self._order('>', other)

    def __ge__(self, other):
        return self._order('>=', other)

    def __hash__(self):
        if self._hashcode == -1:
            self._hashcode = hash(self._utc_microseconds(self.utcoffset()))
        return self._hashcode

    def __add__(self, other):
        if isinstance(other, timedelta):
            us = self._local_microseconds() + other._to_microseconds()
            days, us = divmod(us, _US_PER_DAY)
            if not 0 < days <= _MAX_ORDINAL:
                raise OverflowError('date value out of range')
            y, m, d = _ord2ymd(days)
            seconds, us = divmod(us, _US_PER_SECOND)
            hh, seconds = divmod(seconds, 3600)
            mm, ss = divmod(seconds, 60)
            return type(self)(y, m, d, hh, mm, ss, us, self._tzinfo)
        return _operand_error('+', self, other)

    def __radd__(self, other):
        if isinstance(other, timedelta):
            return self.__add__(other)
        return _operand_error('+', other, self)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self.__add__(-other)
        if isinstance(other, datetime):
            mine, theirs = self.utcoffset(), other.utcoffset()
            if self._tzinfo is other._tzinfo:
                mine = theirs = None
            elif (mine is None) != (theirs is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            return _delta(self._utc_microseconds(mine) - other._utc_microseconds(theirs))
        return _operand_error('-', self, other)

    def __rsub__(self, other):
        return _operand_error('-', other, self)


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)


# ---- strptime: CPython's _strptime in the C locale, its regular expressions matched by hand ----

def _char_classes(pattern):
    """The characters each position of a tiny regular expression accepts: literals, [a-z] sets, \\d."""
    classes = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == '[':
            end = pattern.index(']', i)
            chars = ''
            j = i + 1
            while j < end:
                if j + 2 < end and pattern[j + 1] == '-':
                    chars += ''.join(chr(n) for n in range(ord(pattern[j]), ord(pattern[j + 2]) + 1))
                    j += 3
                else:
                    chars += pattern[j]
                    j += 1
            classes.append(chars)
            i = end + 1
        elif c == '\\':
            classes.append('0123456789')
            i += 2
        else:
            classes.append(c)
            i += 1
    return classes


def _alternatives(patterns):
    return [_char_classes(pattern) for pattern in patterns]


def _words(words):
    # Longest first, as _strptime orders them; matched regardless of case.
    ordered = sorted(words, key=len, reverse=True)
    return [[c + c.upper() for c in word] for word in ordered]


def _offset_alternatives():
    # (?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z)), in the order the regex tries them.
    found = []
    for first_colon in (':', ''):
        head = '[+-]\\d\\d' + first_colon + '[0-5]\\d'
        for second_colon in (':', ''):
            seconds = head + second_colon + '[0-5]\\d'
            for digits in range(6, 0, -1):
                found.append(_char_classes(seconds + '.' + '\\d' * digits))
            found.append(_char_classes(seconds))
        found.append(_char_classes(head))
    found.append(['Z'])
    return found


_MONTHS_ABBR = [name.lower() for name in _MONTH_NAMES]
_MONTHS_LOWER = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
                 'october', 'november', 'december']

_STRPTIME_DIRECTIVES = {
    'd': _alternatives(['3[0-1]', '[1-2]\\d', '0[1-9]', '[1-9]', ' [1-9]']),
    'f': _alternatives(['\\d' * n for n in range(6, 0, -1)]),
    'H': _alternatives(['2[0-3]', '[0-1]\\d', '\\d']),
    'I': _alternatives(['1[0-2]', '0[1-9]', '[1-9]']),
    'j': _alternatives(['36[0-6]', '3[0-5]\\d', '[1-2]\\d\\d', '0[1-9]\\d', '00[1-9]', '[1-9]\\d', '0[1-9]',
                        '[1-9]']),
    'm': _alternatives(['1[0-2]', '0[1-9]', '[1-9]']),
    'M': _alternatives(['[0-5]\\d', '\\d']),
    'S': _alternatives(['6[0-1]', '[0-5]\\d', '\\d']),
    'w': _alternatives(['[0-6]']),
    'u': _alternatives(['[1-7]']),
    'y': _alternatives(['\\d\\d']),
    'Y': _alternatives(['\\d\\d\\d\\d']),
    'z': _offset_alternatives(),
    'a': _words([name.lower() for name in _DAY_NAMES]),
    'A': _words(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
    'b': _words(_MONTHS_ABBR),
    'B': _words(_MONTHS_LOWER),
    'p': _words(['am', 'pm']),
    'Z': _words(['utc', 'gmt']),
}
# The C locale's %c, %x and %X, as _strptime spells them out.
_STRPTIME_LOCALE = {'c': '%a %b %d %H:%M:%S %Y', 'x': '%m/%d/%y', 'X': '%H:%M:%S'}
# Valid directives that need week arithmetic ioplay's strptime does not do.
_STRPTIME_UNSUPPORTED = 'UWVG'
_REGEX_SPECIALS = '\\.^$*+?(){}[]|'


def _strptime_tokens(fmt, whole_format, tokens):
    """Appends the format's tokens: (None, classes) for a literal, ('', None) for a run of whitespace
    (\\s+), (directive, alternatives) for a directive."""
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c.isspace():
            while i < len(fmt) and fmt[i].isspace():
                i += 1
            tokens.append(('', None))
            continue
        if c != '%':
            tokens.append((None, [[c + c.upper() + c.lower()]]))
            i += 1
            continue
        if i + 1 == len(fmt):
            raise ValueError("stray %% in format '%s'" % whole_format)
        d = fmt[i + 1]
        i += 2
        if d == '%':
            tokens.append((None, [['%']]))
        elif d in _STRPTIME_LOCALE:
            _strptime_tokens(_STRPTIME_LOCALE[d], whole_format, tokens)
        elif d in _STRPTIME_DIRECTIVES:
            for directive, alternatives in tokens:
                if directive == d:
                    # CPython's re.error, as a ValueError here (ioplay has no re).
                    raise ValueError("redefinition of group name '%s' in format '%s'" % (d, whole_format))
            tokens.append((d, _STRPTIME_DIRECTIVES[d]))
        elif d in _STRPTIME_UNSUPPORTED:
            raise ValueError("ioplay's strptime does not support %%%s (format '%s')" % (d, whole_format))
        else:
            bad = '%' if d in _REGEX_SPECIALS else d
            raise ValueError("'%s' is a bad directive in format '%s'" % (bad, whole_format))


def _strptime_match(tokens, i, text, pos, found):
    """Where the first match of tokens[i:] at text[pos:] ends, trying alternatives in the regular
    expression's order (and backtracking as it does); None when there is none. Fills `found`."""
    if i == len(tokens):
        return pos
    directive, alternatives = tokens[i]
    if directive == '':
        end = pos
        while end < len(text) and text[end].isspace():
            end += 1
        for stop in range(end, pos, -1):
            result = _strptime_match(tokens, i + 1, text, stop, found)
            if result is not None:
                return result
        return None
    for classes in alternatives:
        stop = pos + len(classes)
        if stop > len(text):
            continue
        matched = True
        for k in range(len(classes)):
            if text[pos + k] not in classes[k]:
                matched = False
                break
        if matched:
            result = _strptime_match(tokens, i + 1, text, stop, found)
            if result is not None:
                if directive is not None:
                    found[directive] = text[pos:stop]
                return result
    return None


def _strptime(cls, data_string, format):
    for index, arg in enumerate((data_string, format)):
        if not isinstance(arg, str):
            name = 'None' if arg is None else type(arg).__name__
            raise TypeError('strptime() argument %d must be str, not %s' % (index + 1, name))
    tokens = []
    _strptime_tokens(format, format, tokens)
    matched = {}
    end = _strptime_match(tokens, 0, data_string, 0, matched)
    if end is None:
        raise ValueError('time data %r does not match format %r' % (data_string, format))
    if end != len(data_string):
        raise ValueError('unconverted data remains: %s' % data_string[end:])
    # The fields in the format's order, as the regular expression's groupdict() gives them: a later one
    # wins (%y after %Y), and %I reads %p wherever it is.
    found = {}
    for directive, alternatives in tokens:
        if directive:
            found[directive] = matched[directive]
    year = None
    month = day = 1
    hour = minute = second = fraction = 0
    gmtoff = None
    gmtoff_fraction = 0
    julian = None
    for key in found:
        value = found[key]
        if key == 'y':
            year = int(value)
            year += 2000 if year <= 68 else 1900
        elif key == 'Y':
            year = int(value)
        elif key == 'm':
            month = int(value)
        elif key == 'B' or key == 'b':
            month = (_MONTHS_LOWER if key == 'B' else _MONTHS_ABBR).index(value.lower()) + 1
        elif key == 'd':
            day = int(value)
        elif key == 'H':
            hour = int(value)
        elif key == 'I':
            hour = int(value)
            ampm = found.get('p', '').lower()
            if ampm in ('', 'am'):
                if hour == 12:
                    hour = 0
            elif ampm == 'pm' and hour != 12:
                hour += 12
        elif key == 'M':
            minute = int(value)
        elif key == 'S':
            second = int(value)
        elif key == 'f':
            fraction = int(value + '0' * (6 - len(value)))
        elif key == 'j':
            julian = int(value)
        elif key == 'z':
            if value == 'Z':
                gmtoff = 0
            else:
                z = value
                if z[3] == ':':
                    z = z[:3] + z[4:]
                    if len(z) > 5:
                        if z[5] != ':':
                            raise ValueError('Inconsistent use of : in %s' % value)
                        z = z[:5] + z[6:]
                gmtoff = int(z[1:3]) * 3600 + int(z[3:5]) * 60 + int(z[5:7] or 0)
                remainder = z[8:]
                gmtoff_fraction = int(remainder + '0' * (6 - len(remainder))) if remainder else 0
                if z[0] == '-':
                    gmtoff = -gmtoff
                    gmtoff_fraction = -gmtoff_fraction
    leap_year_fix = False
    if year is None and month == 2 and day == 29:
        year = 1904  # a leap year, so that Feb 29 parses; the year goes back to 1900 below
        leap_year_fix = True
    elif year is None:
        year = 1900
    if julian is None:
        julian = date(year, month, day).toordinal() - date(year, 1, 1).toordinal() + 1
    else:
        result = date.fromordinal(julian - 1 + date(year, 1, 1).toordinal())
        year, month, day = result.year, result.month, result.day
    if leap_year_fix:
        year = 1900
    tz = None
    if gmtoff is not None:
        offset = timedelta(seconds=gmtoff, microseconds=gmtoff_fraction)
        tz = timezone(offset, found['Z']) if 'Z' in found else timezone(offset)
    return cls(year, month, day, hour, minute, second, fraction, tz)

