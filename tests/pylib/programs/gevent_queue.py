# A bounded queue between a producer and two consumers.
import gevent
from gevent.queue import Queue, Empty

tasks = Queue(maxsize=2)


def producer():
    for i in range(6):
        print("put", i)
        tasks.put(i)
    for _ in range(2):
        tasks.put(None)
    print("producer done")


def consumer(name):
    while True:
        item = tasks.get()
        if item is None:
            print(name, "stops")
            return
        print(name, "got", item)
        gevent.sleep(0)


gevent.joinall([gevent.spawn(producer), gevent.spawn(consumer, "x"), gevent.spawn(consumer, "y")])
try:
    tasks.get(timeout=0.05)
except Empty:
    print("empty after timeout")
try:
    tasks.get_nowait()
except Empty:
    print("empty now")
print(tasks.qsize(), tasks.empty())
