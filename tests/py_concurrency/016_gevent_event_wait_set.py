# gevent.event.Event: waiters resume when it is set.
import gevent
from gevent.event import Event

ready = Event()


def waiter(name):
    print(name, "waiting")
    ready.wait()
    print(name, "released")


def setter():
    gevent.sleep(0.05)
    print("setting the event")
    ready.set()


gevent.joinall([gevent.spawn(waiter, "w1"), gevent.spawn(waiter, "w2"), gevent.spawn(setter)])
print(ready.is_set())
