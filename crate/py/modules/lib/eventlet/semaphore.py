"""eventlet.semaphore: Semaphore with eventlet's `balance` (free slots minus waiters)."""

from gevent.lock import Semaphore as _GeventSemaphore, BoundedSemaphore as _GeventBoundedSemaphore


class Semaphore(_GeventSemaphore):
    @property
    def balance(self):
        return self.counter - self.linkcount()


class BoundedSemaphore(_GeventBoundedSemaphore):
    @property
    def balance(self):
        return self.counter - self.linkcount()
