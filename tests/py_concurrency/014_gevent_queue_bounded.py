# A bounded queue blocks the producer until a consumer takes an item.
import gevent
from gevent.queue import Queue, Full

q = Queue(maxsize=2)
log = []


def producer():
    for i in range(4):
        q.put(i)
        log.append("put %d" % i)


def consumer():
    for _ in range(4):
        item = q.get()
        log.append("got %d" % item)


gevent.joinall([gevent.spawn(producer), gevent.spawn(consumer)])
print(log)
small = Queue(1)
small.put_nowait("x")
try:
    small.put_nowait("y")
except Full:
    print("Full raised", small.qsize())
