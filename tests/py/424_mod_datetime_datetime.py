# datetime.datetime: construction, isoformat/str/repr, strftime with %f %z %Z, timestamps (fromtimestamp
# rounds half to even), fromisoformat, arithmetic and comparisons, aware datetimes and a user tzinfo.
# Fixed values only, apart from the types now() and today() return (CPython's clock is not ioplay's).
import datetime as dt_module
from datetime import date, datetime, time, timedelta, timezone, tzinfo


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


dt = datetime(2026, 1, 1)
print(repr(dt), dt, dt.isoformat(), dt.isoformat(' '), dt.isoformat(timespec='hours'),
      dt.isoformat('_', 'milliseconds'), dt.isoformat(timespec='microseconds'))
x = datetime(2026, 7, 4, 13, 5, 9, 123456)
print(repr(x), x, x.date(), x.time(), repr(x.date()), repr(x.time()), x.timetz(), x.ctime(), x.timetuple(),
      x.utctimetuple(), x.toordinal(), x.weekday(), x.isocalendar(), x.year, x.month, x.day, x.hour, x.minute,
      x.second, x.microsecond, x.tzinfo, x.fold)
print(x.strftime('%Y-%m-%d %H:%M:%S.%f %z %Z %a %b %j %p %I %%f %c %x %X'), f'{x:%H:%M:%S}', f'[{x}]',
      '{:%f}'.format(x), '%s' % x, x.timestamp(), dt.timestamp(), datetime(1969, 12, 31, 23, 59, 59, 500000).timestamp())
print(x.replace(hour=0), x.replace(microsecond=0), repr(x.replace(tzinfo=timezone.utc)),
      repr(x.replace(tzinfo=timezone.utc).replace(tzinfo=None)), repr(x.replace(fold=1)))
print(x + timedelta(days=200, microseconds=999999), timedelta(hours=-20) + x, x - timedelta(weeks=60), x - dt,
      dt - x, (x - dt).total_seconds(), x - x, dt + timedelta(seconds=5) - dt)
for ts in (1767225600, 1767225605.25, 0, -1.5, 1767225600.0000005, 1767225600.0000015, 1767225599.9999996,
           -0.0000005, 253402300799.999999, 1e15, 1e17, 2**62, -1e11, 253402300800, -62135596801, -62135596800,
           1e20):
    show(lambda: datetime.fromtimestamp(ts))
    show(lambda: datetime.utcfromtimestamp(ts))
print(repr(datetime.fromtimestamp(0, timezone.utc)), datetime.fromtimestamp(0, timezone(timedelta(hours=9))),
      datetime.fromtimestamp(86400 * 365.25 * 30 + 0.0000015), type(datetime.fromtimestamp(0)).__name__)
print(datetime.combine(date(2026, 1, 2), time(3, 4)), repr(datetime.combine(date(2026, 1, 2), time(3, 4, tzinfo=timezone.utc))),
      datetime.combine(x, time(1), tzinfo=timezone.utc), datetime.fromordinal(739689))
for text in ['2026-01-01', '2026-01-01T12:30', '2026-01-01 12:30:15.123', '2026-01-01T12:30:15.123456+02:00',
             '2026-01-01T12:30:15Z', '20260101T123015', '2026-W01-1T10', '2026-01-01T25:00', '2026-01-01T',
             '2026-01-01X12', '2026-13-01', 'nope', '2026-01-01T12:30:15-0330', '2026-01-01T00:00+00:00',
             x.isoformat(), str(x)]:
    show(lambda: datetime.fromisoformat(text))
aware = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
ist = aware.astimezone(timezone(timedelta(hours=5, minutes=30)))
print(repr(aware), aware, ist, repr(ist), aware == ist, hash(aware) == hash(ist), ist - aware, aware.timestamp(),
      ist.timestamp(), ist.utcoffset(), ist.tzname(), ist.dst(), aware.strftime('%z %Z'), ist.strftime('%z|%Z'),
      aware.utctimetuple(), ist.utctimetuple(), ist.timetuple(), aware.isoformat(timespec='minutes'))
print(dt.astimezone(), repr(dt.astimezone()), repr(dt.astimezone(timezone.utc)), aware.astimezone(), dt.utcoffset(),
      dt.tzname(), dt.dst(), aware > ist - timedelta(microseconds=1), aware.astimezone(timezone.utc) is aware)
print(datetime.min, datetime.max, datetime.resolution, dt < x, x > dt, dt == datetime(2026, 1, 1, 0, 0, 0, 0),
      dt != x, sorted([x, dt, datetime.min]), max(x, dt), hash(dt) == hash(datetime(2026, 1, 1)),
      {dt: 'a'}[datetime(2026, 1, 1)], isinstance(dt, date), issubclass(datetime, date), dt == date(2026, 1, 1),
      date(2026, 1, 1) == dt, dt == aware, dt == 'x')
show(lambda: datetime(2026, 1, 1, 24))
show(lambda: datetime(2026, 1, 1, 1, 60))
show(lambda: datetime(2026, 1, 1, 1, 1, 60))
show(lambda: datetime(2026, 1, 1, 1, 1, 1, 10**6))
show(lambda: datetime(2026, 2, 29))
show(lambda: datetime(2026, 1, 1, tzinfo=5))
show(lambda: date(2026, 1, 1) < datetime(2026, 1, 1))
show(lambda: datetime(2026, 1, 1) < date(2026, 1, 1))
show(lambda: dt < aware)
show(lambda: dt - aware)
show(lambda: dt - date(2026, 1, 1))
show(lambda: date(2026, 1, 1) - dt)
show(lambda: x.isoformat(timespec='nanoseconds'))
show(lambda: datetime.combine(1, time()))
show(lambda: x + x)
show(lambda: x + 1)
show(lambda: dt.astimezone(5))
show(lambda: datetime.max + timedelta(microseconds=1))
show(lambda: datetime.min - timedelta(microseconds=1))
show(lambda: datetime.fromisoformat(None))
show(lambda: x.replace(month=13))


class Pacific(tzinfo):
    def utcoffset(self, when):
        return timedelta(hours=-8)

    def dst(self, when):
        return timedelta(0)

    def tzname(self, when):
        return 'PST'

    def __repr__(self):
        return 'Pacific()'


pst = datetime(2026, 1, 1, 8, tzinfo=Pacific())
print(repr(pst), pst, pst.strftime('%Z %z'), pst - aware, pst.astimezone(timezone.utc), aware.astimezone(Pacific()),
      pst.timestamp(), pst == aware + timedelta(hours=4), pst.timetuple().tm_isdst)

# A log line as socket tutorials write it, on a fixed moment.
start = datetime.fromtimestamp(1767225600)
stamp = start + timedelta(seconds=5, milliseconds=250)
print('[%s] connected after %s' % (stamp.strftime('%H:%M:%S.%f')[:-3], stamp - start))
print(f'{stamp:%Y-%m-%d %H:%M:%S} took {(stamp - start).total_seconds():.3f}s', stamp.isoformat(timespec='seconds'))
print(type(datetime.now()).__name__, datetime.now().tzinfo, datetime.now(timezone.utc).tzinfo,
      datetime.utcnow().tzinfo, type(date.today()).__name__, type(datetime.today()).__name__,
      date.today() > date(2025, 1, 1), dt_module.datetime is datetime)
far = datetime(2999, 12, 31, 23, 59, 59, 999999)
print(far.timestamp(), far.replace(tzinfo=timezone(timedelta(hours=3))).timestamp(), datetime(1000, 1, 1, 0, 0, 0, 1).timestamp(),
      datetime(1, 1, 1, tzinfo=timezone.utc).timestamp(), datetime(9999, 11, 23, 18, 49, 40, 272476, timezone.utc).timestamp())

# Subclasses keep their type through arithmetic and print their own name; copies keep timezone.utc;
# the fields are read-only.
import copy


class Stamp(datetime):
    def label(self):
        return 'stamp ' + self.isoformat()


s = Stamp(2026, 1, 1, 12)
print(repr(s), s, (s + timedelta(1)).label(), type(s - timedelta(1)).__name__, type(Stamp.fromtimestamp(0)).__name__,
      type(s.replace(hour=1)).__name__, s - datetime(2026, 1, 1))
print(repr(copy.copy(aware)), repr(copy.deepcopy(aware)), copy.deepcopy(ist) == ist, copy.copy(x) == x)
events = {date(2026, 1, 1): 'new year', date(2026, 12, 25): 'xmas'}
print(sorted(events), date(2026, 1, 1) in events, datetime(2026, 1, 1) in events,
      sum([timedelta(seconds=1), timedelta(seconds=2)], timedelta()), f'{timedelta(seconds=5)}')
show(lambda: f'{timedelta(seconds=5):>10}')
show(lambda: setattr(x, 'year', 5))
show(lambda: setattr(x, 'hour', 5))
show(lambda: setattr(timedelta(1), 'days', 5))
show(lambda: setattr(time(1), 'minute', 5))

# strptime in the C locale: CPython's regular expressions, their alternatives tried in order.
for data, fmt in [('2026-01-01 12:30:15', '%Y-%m-%d %H:%M:%S'), ('2026-01-01T12:30:15.123', '%Y-%m-%dT%H:%M:%S.%f'),
                  ('1/2/26', '%m/%d/%y'), ('1/2/69', '%m/%d/%y'), ('Mon Jan  5 10:00:00 2026', '%c'),
                  ('Thu, 01 Jan 2026 00:00:00 GMT', '%a, %d %b %Y %H:%M:%S %Z'), ('12:30 PM', '%I:%M %p'),
                  ('12:30 am', '%I:%M %p'), ('PM 1', '%p %I'), ('2026-02-29', '%Y-%m-%d'), ('02-29', '%m-%d'),
                  ('2026 032', '%Y %j'), ('2025 366', '%Y %j'), ('2026-01-01 12:00 +0530', '%Y-%m-%d %H:%M %z'),
                  ('2026-01-01 12:00 -05:30:15.5', '%Y-%m-%d %H:%M %z'), ('2026-01-01 12:00 Z', '%Y-%m-%d %H:%M %z'),
                  ('2026-01-01 12:00 +05:3015', '%Y-%m-%d %H:%M %z'), ('2026-01-01 12:00 +0000 UTC', '%Y-%m-%d %H:%M %z %Z'),
                  ('20260101', '%Y%m%d'), ('2026111', '%Y%m%d'), ('2026-01-01 extra', '%Y-%m-%d'), ('nope', '%Y'),
                  ('2026', '%Y %'), ('2026', '%Q'), ('2026', '%.'), ('JANUARY 5 2026', '%B %d %Y'), ('2026-13-01', '%Y-%m-%d'),
                  ('  5', '%d'), ('5', ' %d'), ('a  b', 'A B'), ('12', '%H%M'), ('123', '%H%M'), ('1234', '%H%M%S'),
                  ('10:00:00', '%X'), ('01/02/03', '%x'), ('2026-01-01 1:2:3.1234567', '%Y-%m-%d %H:%M:%S.%f'),
                  ('5 mOnDaY', '%d %A'), ('100%', '%d%%'), ('1999 26', '%Y %y'), ('3 1', '%w %u'), (5, '%d'), ('5', None)]:
    show(lambda: datetime.strptime(data, fmt))
print(type(Stamp.strptime('2026', '%Y')).__name__)
