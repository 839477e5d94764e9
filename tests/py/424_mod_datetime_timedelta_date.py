# datetime: timedelta (normalisation, float rounding, arithmetic, reprs), date, time and timezone; fixed
# values only (CPython's clock is not ioplay's virtual one).
import datetime
from datetime import date, time, timedelta, timezone


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


for args in [dict(seconds=1.5), dict(days=0.1, hours=0.3), dict(microseconds=0.5), dict(microseconds=1.5),
             dict(microseconds=-0.5), dict(microseconds=2.5), dict(seconds=1e-7), dict(hours=-25.7777),
             dict(weeks=1.1, days=-0.0001, minutes=1 / 3, milliseconds=0.0005), dict(days=-1, seconds=-1),
             dict(milliseconds=1.0000005), dict(minutes=90, seconds=-30), dict(weeks=-2, microseconds=10**9)]:
    print(args, repr(timedelta(**args)), str(timedelta(**args)))
a = timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5)
b = timedelta(minutes=7, microseconds=3)
print(a + b, a - b, b - a, -a, abs(-a), +a, a * 3, 3 * a, a * 1.5, a * -0.3, 0.5 * b)
print(a / 3, a / 1.7, a / b, a // b, a % b, a // 7, a / -7, b * 0.1, timedelta(microseconds=5) / 2,
      timedelta(microseconds=7) / 2, timedelta(microseconds=-5) / 2, timedelta(microseconds=-7) // 2)
print(a.total_seconds(), b.total_seconds(), timedelta.max.total_seconds(), timedelta(microseconds=1).total_seconds())
print(timedelta.min, timedelta.max, timedelta.resolution, repr(timedelta.min), repr(timedelta.max))
print(a == timedelta(1, 7384, 5), a != b, a < b, a >= b, a > b, a <= b, sorted([a, b, -a, timedelta()]),
      bool(timedelta()), bool(b), hash(a) == hash(timedelta(1, 7384, 5)), {a: 1}[timedelta(1, 7384, 5)])
print(a.days, a.seconds, a.microseconds, timedelta(-1).days, timedelta(-2, 5), timedelta(2),
      timedelta(1, microseconds=1), timedelta(hours=-1), min(a, b), max(a, b), a == 5, a != 'x')
print(repr(timedelta(0)), repr(timedelta(microseconds=-1)), repr(timedelta(weeks=2)), repr(timedelta(1, 1, 1)))
show(lambda: timedelta(days=1e9))
show(lambda: timedelta(days=999999999, hours=24))
show(lambda: timedelta('1'))
show(lambda: timedelta(1) + 1)
show(lambda: 1 + timedelta(1))
show(lambda: timedelta(1) < 1)
show(lambda: timedelta(1) <= None)
show(lambda: timedelta(1) * timedelta(1))
show(lambda: timedelta(1) / 0)
show(lambda: timedelta(1) // 0)
show(lambda: timedelta(1) / timedelta(0))
show(lambda: timedelta(1) % 5)
show(lambda: timedelta(1) // 1.5)
show(lambda: timedelta(1) - 2)
show(lambda: timedelta.max + timedelta.resolution)

d = date(2026, 3, 14)
print(d, repr(d), d.year, d.month, d.day, d.weekday(), d.isoweekday(), d.isocalendar(), d.toordinal(),
      d.ctime(), d.timetuple())
print(d.strftime('%Y-%m-%d %a %A %b %B %j %U %W %f %z %Z|'), f'{d:%d/%m/%Y}', f'{d}', format(d, ''),
      '{:%Y}'.format(d))
print(d.replace(day=1), d.replace(year=2024, month=2, day=29), d + timedelta(days=30), timedelta(1) + d,
      d - timedelta(days=400), d - date(2025, 1, 1), date(2025, 1, 1) - d, d + timedelta(hours=47))
print(date.fromordinal(1), date.fromordinal(739689), date.fromisoformat('2026-03-14'),
      date.fromisoformat('20260314'), date.fromisoformat('2026-W11-6'), date.fromisoformat('2026W116'),
      date.fromisocalendar(2026, 1, 1), date.fromtimestamp(1767225599.9999996), date.fromtimestamp(0))
for text in ['2026-03-14', '2026-3-14', '2026-03-14T', '2026-02-30', '+2026-01-01', '2026-W53-1', '2020-W53-7',
             '2026W01', '2026-W01', 'abc', '', '2026-03-141', '2026-0314']:
    show(lambda: date.fromisoformat(text))
for y in (2019, 2020, 2021, 2024, 2026, 2027):
    for md in ((1, 1), (1, 3), (12, 28), (12, 29), (12, 31)):
        iso = date(y, *md).isocalendar()
        print(y, md, iso, tuple(iso), iso.week, iso == (iso[0], iso[1], iso[2]))
print(date.min, date.max, date.resolution, d == date(2026, 3, 14), d != date(2026, 3, 14), d < date(2026, 3, 15),
      d >= date(2027, 1, 1), hash(d) == hash(date(2026, 3, 14)), sorted([d, date(2000, 1, 1), date.max]))
print(type(d).__name__, type(d), date, timedelta, timezone, datetime.MINYEAR, datetime.MAXYEAR)
show(lambda: date(0, 1, 1))
show(lambda: date(2026, 13, 1))
show(lambda: date(2026, 2, 29))
show(lambda: date(2026.0, 1, 1))
show(lambda: date('2026', 1, 1))
show(lambda: date.fromordinal(0))
show(lambda: date.fromisoformat(5))
show(lambda: date(9999, 12, 31) + timedelta(1))
show(lambda: date.min - timedelta(1))
show(lambda: d + d)
show(lambda: d - 1)
show(lambda: 1 - d)
show(lambda: d < 1)
show(lambda: d.replace(month=13))

tm = time(12, 30)
print(tm, repr(tm), repr(time()), repr(time(1, 2, 3)), repr(time(1, 2, 3, 4)), time(1, 2, 3, 4),
      time(23, 59, 59, 999999).isoformat('milliseconds'), tm.isoformat('hours'), tm.isoformat(timespec='minutes'))
print(tm.replace(minute=0), tm.strftime('%H:%M:%S %p %f %Y'), f'{tm:%I%p}', time.min, time.max, time.resolution)
utc_one = time(1, tzinfo=timezone.utc)
print(repr(utc_one), utc_one, time(1, 2, tzinfo=timezone(timedelta(hours=-5, minutes=-30))), repr(time(1, fold=1)),
      tm.utcoffset(), utc_one.utcoffset(), tm.tzname(), utc_one.tzname(), utc_one.strftime('%z %Z'))
print(time(1) < time(2), time(1) == time(1, 0), utc_one == time(2, tzinfo=timezone(timedelta(hours=1))),
      hash(time(1)) == hash(time(1)), bool(time()), utc_one == time(1))
for text in ['12:30', '12:30:15', '12:30:15.5', '12:30:15,123456789', '1230', '123015', 'T12:30', '12:30Z',
             '12:30+05:30', '12', '1', '12:3', '12:30:15.', '12:30:15.12a', '25:00']:
    show(lambda: time.fromisoformat(text))
show(lambda: time(25))
show(lambda: time(1, 60))
show(lambda: time(1, 2, 3, -1))
show(lambda: time(1, tzinfo=timezone.utc) < time(1))
show(lambda: time(1) + timedelta(1))
show(lambda: tm.isoformat('x'))

ist = timezone(timedelta(hours=5, minutes=30))
print(repr(timezone.utc), timezone.utc, repr(ist), ist, repr(timezone(timedelta(hours=-3), 'BRT')),
      timezone(timedelta(hours=-3), 'BRT'), timezone(timedelta(seconds=61)), timezone(-timedelta(microseconds=1)),
      repr(datetime.UTC), datetime.UTC is timezone.utc, timezone.min, timezone.max)
print(ist == timezone(timedelta(minutes=330)), ist.utcoffset(None), ist.dst(None), ist.tzname(None),
      hash(ist) == hash(timezone(timedelta(minutes=330))), timezone.utc == timezone(timedelta(0)),
      isinstance(ist, datetime.tzinfo))
show(lambda: timezone(5))
show(lambda: timezone(timedelta(hours=-24)))
show(lambda: timezone(timedelta(hours=24)))
show(lambda: timezone(timedelta(0), 5))
print(repr(timezone(timedelta(0))), timezone(timedelta(0)) is timezone.utc, repr(timezone(timedelta(0), 'UTC')))
print(timedelta.max.total_seconds(), timedelta(days=-123456789, microseconds=7).total_seconds(),
      timedelta.max / timedelta(microseconds=7), timedelta(days=300000) / timedelta(days=7, microseconds=1))
show(lambda: timedelta(days=3 * 10**9))
show(lambda: timedelta(microseconds=-10**23))
show(lambda: date.fromisoformat('2026010101'))
show(lambda: date.fromisoformat('2026W0112'))
inf, nan = float('inf'), float('nan')
for f in (lambda: timedelta(seconds=inf), lambda: timedelta(seconds=nan), lambda: timedelta(1) * inf,
          lambda: timedelta(1) * nan, lambda: timedelta(1) / 0.0, lambda: timedelta(days=1) * 1e-30,
          lambda: timedelta.max * 5e-324, lambda: timedelta.max / 1e300, lambda: timedelta(1) / 5e-324,
          lambda: date.fromtimestamp(nan), lambda: date.fromtimestamp(inf), lambda: date.fromtimestamp('x'),
          lambda: timedelta(True), lambda: timedelta(1) * True, lambda: date(True, True, True)):
    show(f)
for f in (lambda: date(10**10, 1, 1), lambda: date(-10**10, 1, 1), lambda: date(10**20, 1, 1), lambda: date(2026, 2**31, 1),
          lambda: time(2**40), lambda: date.fromordinal(2**70), lambda: date.fromordinal(10**9), lambda: date.fromisocalendar(2026, 54, 1),
          lambda: date.fromisocalendar(2026, 1, 8), lambda: date.fromisocalendar(2020, 53, 7), lambda: date.fromisocalendar(10000, 1, 1)):
    show(f)
