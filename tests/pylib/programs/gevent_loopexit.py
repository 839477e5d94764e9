# When every greenlet waits forever, the hub raises LoopExit in the main greenlet.
import gevent
from gevent.event import Event
from gevent.queue import Queue

try:
    Queue().get()
except gevent.exceptions.LoopExit as error:
    print(type(error).__name__, error.args[0])

event = Event()
waiter = gevent.spawn(event.wait)
try:
    waiter.join()
    print("joined", waiter.dead)
except gevent.exceptions.LoopExit as error:
    print("LoopExit again", error.args[0])
