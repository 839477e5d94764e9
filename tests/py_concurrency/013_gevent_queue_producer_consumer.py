# gevent.queue.Queue between a producer and two consumers.
import gevent
from gevent.queue import Queue

tasks = Queue()
done = []


def producer():
    for i in range(6):
        tasks.put(i)
        print("put", i)
    gevent.sleep(0)


def consumer(name):
    while True:
        try:
            item = tasks.get(timeout=0.1)
        except gevent.queue.Empty:
            print(name, "queue empty, quitting")
            return
        done.append((name, item))
        gevent.sleep(0)


gevent.joinall([gevent.spawn(producer), gevent.spawn(consumer, "c1"), gevent.spawn(consumer, "c2")])
print(sorted(item for _, item in done), len(done))
