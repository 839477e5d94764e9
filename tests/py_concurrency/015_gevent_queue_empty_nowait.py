# Queue.get_nowait on an empty queue raises Empty; qsize and empty().
from gevent.queue import Queue, Empty

q = Queue()
print(q.qsize(), q.empty())
try:
    q.get_nowait()
except Empty:
    print("Empty raised")
q.put("a")
q.put("b")
print(q.qsize(), q.get(), q.get_nowait(), q.empty())
