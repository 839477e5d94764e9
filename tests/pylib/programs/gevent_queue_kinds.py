# Iterating a queue up to StopIteration; peek; LIFO and priority queues; put with timeout.
import gevent
from gevent.queue import Queue, LifoQueue, PriorityQueue, Full

q = Queue()


def feed():
    for word in ["a", "b", "c"]:
        q.put(word)
        gevent.sleep(0)
    q.put(StopIteration)


gevent.spawn(feed)
print(q.peek())
print([item for item in q])

lifo = LifoQueue()
for n in range(3):
    lifo.put(n)
print([lifo.get() for _ in range(3)])
pq = PriorityQueue()
for n in [5, 1, 4, 2]:
    pq.put(n)
print([pq.get() for _ in range(4)])
small = Queue(1)
small.put("x")
try:
    small.put("y", timeout=0.01)
except Full:
    print("Full", small.qsize(), small.full())
