# time.strftime: ISO weeks (%G %g %V), century, blank-padded hours, week numbers around year ends, %r %n %t.
import time
for s in range(-400 * 86400, 4102444800, 86400 * 191 + 3600 * 7 + 61):
    t = time.gmtime(s)
    print(time.strftime('%G %g %V %C %k %l|%U %W %j %a', t))
for y in range(2003, 2017):
    for md in ((1, 1), (1, 2), (1, 3), (1, 4), (12, 28), (12, 29), (12, 30), (12, 31)):
        t = time.gmtime(time.mktime((y, md[0], md[1], 12, 0, 0, 0, 0, 0)))
        print(y, md, time.strftime('%G-W%V-%u', t))
import time
for s in (0, 3600*13+61, 86400*400+3600*23+59*60+59):
    print(repr(time.strftime('%r|%n|%t|%R|%T|%D|%e|%h', time.gmtime(s))))
