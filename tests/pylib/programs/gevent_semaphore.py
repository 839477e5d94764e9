# A BoundedSemaphore(2) lets two greenlets in at a time.
import gevent
from gevent.lock import BoundedSemaphore

sem = BoundedSemaphore(2)


def worker(n):
    with sem:
        print("in", n, "free", sem.counter)
        gevent.sleep(0.01)
    print("out", n)


gevent.joinall([gevent.spawn(worker, n) for n in range(4)])
try:
    sem.release()
except ValueError as error:
    print(error)
print(sem.acquire(blocking=False), sem.acquire(blocking=False), sem.acquire(blocking=False))
print(sem.locked(), sem.acquire(timeout=0.01))
