# greenlet itself, under gevent's hub: spawn_raw and switching values both ways.
import gevent
from greenlet import greenlet, getcurrent


def echo(value):
    while True:
        value = main.switch(value * 2)


main = getcurrent()
g = greenlet(echo)
print(g.switch(1), g.switch(5), g.dead)
gevent.spawn_raw(print, "raw greenlet ran")
gevent.sleep(0)
print(gevent.getcurrent() is main)
