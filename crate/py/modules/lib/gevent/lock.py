"""gevent.lock: Semaphore, BoundedSemaphore and a simple RLock-free Lock, waiting in the hub."""

from gevent._abstract_linkable import AbstractLinkable


class Semaphore(AbstractLinkable):
    """A counter: acquire() takes one, waiting in the hub while it is 0; release() gives one back."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        AbstractLinkable.__init__(self)
        self.counter = value

    def __repr__(self):
        return "<%s at 0x%x counter=%d _links[%d]>" % (type(self).__name__, id(self), self.counter, len(self._links))

    def ready(self):
        return self.counter > 0

    def locked(self):
        return self.counter <= 0

    def release(self):
        self.counter += 1
        self._check_and_notify()
        return self.counter

    def acquire(self, blocking=True, timeout=None):
        if self.counter > 0 and not self._links:
            self.counter -= 1
            return True
        if not blocking:
            return False
        while self.counter <= 0:
            if not self._wait_core(timeout):
                return False
        self.counter -= 1
        return True

    def wait(self, timeout=None):
        if self.counter > 0:
            return self.counter
        self._wait_core(timeout)
        return self.counter

    def __enter__(self):
        self.acquire()

    def __exit__(self, typ, value, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self):
        if self.counter >= self._initial_value:
            raise ValueError("Semaphore released too many times")
        return Semaphore.release(self)


class DummySemaphore:
    """A semaphore that never blocks (Pool without a size)."""

    counter = 1

    def acquire(self, blocking=True, timeout=None):
        return True

    def release(self):
        pass

    def locked(self):
        return False

    def wait(self, timeout=None):
        return 1

    def __enter__(self):
        pass

    def __exit__(self, typ, value, tb):
        pass


Lock = BoundedSemaphore
