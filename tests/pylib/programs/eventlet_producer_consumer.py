# A producer and two consumers on an eventlet queue, in a GreenPool.
import eventlet
from eventlet.queue import Queue

q = Queue(2)
pool = eventlet.GreenPool()


def producer():
    for n in range(6):
        q.put(n)
        print("put", n)
    for _ in range(2):
        q.put(None)


def consumer(name):
    total = 0
    while True:
        item = q.get()
        if item is None:
            print(name, "total", total)
            return total
        total += item
        eventlet.sleep(0)


pool.spawn(producer)
a = pool.spawn(consumer, "a")
b = pool.spawn(consumer, "b")
pool.waitall()
print(a.wait() + b.wait())
