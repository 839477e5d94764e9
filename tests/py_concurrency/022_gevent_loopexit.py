# LoopExit: waiting on something nobody will ever provide.
import gevent
from gevent.queue import Queue
from gevent.exceptions import LoopExit

q = Queue()
try:
    q.get()
except LoopExit as e:
    print("LoopExit:", e.args[0])
print(issubclass(LoopExit, Exception))
