# time: calendar views of fixed timestamps (gmtime, asctime, strftime, mktime, struct_time).
import time
for s in (0, 1, 86399, 86400, 951782400, 1767225600, 1767225605.75, -1, -86401, 4102444800, 1709251199):
    t = time.gmtime(s)
    print(s, t, tuple(t), t.tm_yday, t.tm_wday)
    print(time.asctime(t), '|', time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %w %u %U %W %x %X %c %% %D %F %R %T %e %Q', t))
    print(time.mktime(t) if s >= 0 else '', time.strftime('%s', t) if s >= 0 else '')
print(time.struct_time((2026, 1, 1, 0, 0, 0, 3, 1, 0)))
print(time.gmtime(0) == time.gmtime(0), time.gmtime(0)[:3], len(time.gmtime(0)))
try:
    time.struct_time((1, 2))
except TypeError as e:
    print('TypeError', e)
