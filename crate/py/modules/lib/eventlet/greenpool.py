"""eventlet.greenpool: GreenPool (at most `size` green threads at once), GreenPile, and imap/starmap."""

from greenlet import getcurrent
from eventlet import greenthread
from eventlet.event import Event
from eventlet.semaphore import Semaphore
from eventlet.queue import LightQueue


class GreenPool:
    """A pool of green threads: spawn() waits in the hub while `size` of them are running."""

    def __init__(self, size=1000):
        if size < 0:
            raise ValueError("GreenPool size must be greater than or equal to zero: %s" % size)
        self.size = size
        self.coroutines_running = []
        self.sem = Semaphore(size)
        self.no_coros_running = Event()

    def resize(self, new_size):
        size_delta = new_size - self.size
        self.sem.counter += size_delta
        self.size = new_size

    def running(self):
        return len(self.coroutines_running)

    def free(self):
        return self.sem.counter

    def spawn(self, function, *args, **kwargs):
        """Run function(*args, **kwargs) in a green thread of the pool; returns the GreenThread."""
        current = getcurrent()
        if self.sem.locked() and current in self.coroutines_running:
            # Re-entering a full pool from one of its own threads: run inline instead of deadlocking.
            thread = greenthread.GreenThread(current)
            thread.main(function, args, kwargs)
            return thread
        self.sem.acquire()
        thread = greenthread.spawn(function, *args, **kwargs)
        if not self.coroutines_running:
            self.no_coros_running = Event()
        self.coroutines_running.append(thread)
        thread.link(self._spawn_done)
        return thread

    def _spawn_n_impl(self, func, args, kwargs, coro):
        try:
            try:
                func(*args, **kwargs)
            except Exception:
                pass
        finally:
            if coro is not None:
                self._spawn_done(getcurrent())

    def spawn_n(self, function, *args, **kwargs):
        """Like spawn, but the result is not kept; returns None."""
        current = getcurrent()
        if self.sem.locked() and current in self.coroutines_running:
            self._spawn_n_impl(function, args, kwargs, None)
            return
        self.sem.acquire()
        glet = greenthread.spawn_n(self._spawn_n_impl, function, args, kwargs, True)
        if not self.coroutines_running:
            self.no_coros_running = Event()
        self.coroutines_running.append(glet)

    def waitall(self):
        """Wait until every green thread of the pool has finished."""
        if getcurrent() in self.coroutines_running:
            raise AssertionError(
                "Calling waitall() from within one of the GreenPool's greenthreads will never terminate."
            )
        if self.running():
            self.no_coros_running.wait()

    def _spawn_done(self, coro):
        self.sem.release()
        if coro is not None and coro in self.coroutines_running:
            self.coroutines_running.remove(coro)
        if self.sem.balance == self.size:
            self.no_coros_running.send(None)

    def waiting(self):
        if self.sem.balance < 0:
            return -self.sem.balance
        return 0

    def _do_map(self, func, iterator, pile):
        for args in iterator:
            pile.spawn(func, *args)
        pile.done_spawning()

    def starmap(self, function, iterable):
        """func(*args) for each args, in green threads of the pool; results in order, as they come."""
        if function is None:
            function = _identity
        green_map = GreenMap(self.size)
        greenthread.spawn_n(self._do_map, function, iterable, green_map)
        return green_map

    def imap(self, function, *iterables):
        return self.starmap(function, zip(*iterables))


def _identity(*args):
    return args


class GreenPile:
    """Spawn jobs into it, then iterate it: the results come back in spawn order."""

    def __init__(self, size_or_pool=1000):
        if isinstance(size_or_pool, GreenPool):
            self.pool = size_or_pool
        else:
            self.pool = GreenPool(size_or_pool)
        self.waiters = LightQueue()
        self.counter = 0

    def spawn(self, func, *args, **kw):
        self.counter += 1
        try:
            thread = self.pool.spawn(func, *args, **kw)
            self.waiters.put(thread)
        except BaseException:
            self.counter -= 1
            raise

    def __iter__(self):
        return self

    def next(self):
        if self.counter == 0:
            raise StopIteration()
        return self._next()

    def __next__(self):
        return self.next()

    def _next(self):
        try:
            return self.waiters.get().wait()
        finally:
            self.counter -= 1


class GreenMap(GreenPile):
    """A GreenPile fed by another green thread, which ends it with done_spawning()."""

    def __init__(self, size_or_pool):
        GreenPile.__init__(self, size_or_pool)
        self.waiters = LightQueue(self.pool.size)

    def done_spawning(self):
        self.spawn(StopIteration)

    def next(self):
        value = self._next()
        if isinstance(value, StopIteration):
            raise value
        return value
