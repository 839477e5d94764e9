# eventlet: spawn, spawn_n, sleep, GreenThread.wait and link, Event, Queue.
import eventlet
from eventlet import event, queue


def add(a, b):
    eventlet.sleep(0)
    return a + b


t = eventlet.spawn(add, 1, 2)
t.link(lambda thread: print("linked", thread.wait()))
eventlet.spawn_n(print, "spawn_n runs")
print("result", t.wait())

done = event.Event()


def waiter():
    print("got", done.wait())


eventlet.spawn(waiter)
eventlet.sleep(0)
done.send("sent")
eventlet.sleep(0)

q = queue.Queue()


def producer():
    for i in range(3):
        q.put(i)
        eventlet.sleep(0)


eventlet.spawn(producer)
print([q.get() for _ in range(3)])
pile = eventlet.GreenPile(2)
for n in range(3):
    pile.spawn(add, n, 10)
print(list(pile))
