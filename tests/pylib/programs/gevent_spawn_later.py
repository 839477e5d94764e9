# spawn_later starts after a delay; getcurrent names who runs.
import gevent


def hello(name):
    print("hello", name, gevent.getcurrent() is not None)


late = gevent.spawn_later(0.05, hello, "late")
early = gevent.spawn(hello, "early")
gevent.joinall([late, early])
print(late.value, early.value)
