# gevent.sleep(0) yields to every other ready greenlet, round robin.
import gevent

log = []


def counter(name, n):
    for i in range(n):
        log.append(f"{name}{i}")
        gevent.sleep(0)


gevent.joinall([gevent.spawn(counter, "x", 3), gevent.spawn(counter, "y", 2), gevent.spawn(counter, "z", 1)])
print(" ".join(log))
