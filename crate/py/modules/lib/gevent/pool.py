"""gevent.pool: Group (a set of greenlets to join or kill together) and Pool (a Group of bounded size)."""

from greenlet import getcurrent, GreenletExit
from gevent.greenlet import Greenlet, iwait
from gevent.event import Event
from gevent.lock import Semaphore, DummySemaphore
from gevent.timeout import Timeout


class Group:
    """Greenlets spawned (or added) together; join() waits until all are done."""

    greenlet_class = Greenlet

    def __init__(self, *args):
        self.greenlets = []
        self._empty_event = Event()
        self._empty_event.set()
        for glet in args:
            self.add(glet)

    def __repr__(self):
        return "<%s at 0x%x %r>" % (type(self).__name__, id(self), self.greenlets)

    def __len__(self):
        return len(self.greenlets)

    def __contains__(self, item):
        return item in self.greenlets

    def __iter__(self):
        return iter(list(self.greenlets))

    def add(self, glet):
        glet.rawlink(self._discard_link)
        self.greenlets.append(glet)
        self._empty_event.clear()

    def _discard_link(self, glet):
        self.discard(glet)

    def discard(self, glet):
        if glet in self.greenlets:
            self.greenlets.remove(glet)
            glet.unlink(self._discard_link)
        if not self.greenlets:
            self._empty_event.set()

    def start(self, glet):
        self.add(glet)
        glet.start()

    def spawn(self, *args, **kwargs):
        glet = self.greenlet_class(*args, **kwargs)
        self.start(glet)
        return glet

    def join(self, timeout=None, raise_error=False):
        """Wait until every greenlet of the group has finished; False if `timeout` expired first."""
        if raise_error:
            for glet in iwait(list(self.greenlets), timeout):
                if glet.exception is not None:
                    raise glet.exception
        return self._empty_event.wait(timeout)

    def kill(self, exception=None, block=True, timeout=None):
        if exception is None:
            exception = GreenletExit
        for glet in list(self.greenlets):
            glet.kill(exception, False)
        if block:
            self.join(timeout)

    def killone(self, glet, exception=None, block=True, timeout=None):
        if glet in self.greenlets:
            if exception is None:
                glet.kill(block=block, timeout=timeout)
            else:
                glet.kill(exception, block, timeout)

    def full(self):
        return False

    def wait_available(self, timeout=None):
        pass

    def apply(self, func, args=None, kwds=None):
        """func(*args, **kwds) in a greenlet of the group (or directly, if already in one)."""
        if args is None:
            args = ()
        if kwds is None:
            kwds = {}
        if getcurrent() in self.greenlets:
            return func(*args, **kwds)
        return self.spawn(func, *args, **kwds).get()

    def apply_async(self, func, args=None, kwds=None, callback=None):
        if args is None:
            args = ()
        if kwds is None:
            kwds = {}
        glet = self.spawn(func, *args, **kwds)
        if callback is not None:
            glet.link_value(lambda source: callback(source.value))
        return glet

    def imap(self, func, *iterables):
        """The results in input order, each computed in its own greenlet."""
        greenlets = [self.spawn(func, *items) for items in zip(*iterables)]
        for glet in greenlets:
            yield glet.get()

    def imap_unordered(self, func, *iterables):
        """The results as they finish."""
        greenlets = [self.spawn(func, *items) for items in zip(*iterables)]
        for glet in iwait(greenlets):
            yield glet.get()

    def map(self, func, iterable):
        return list(self.imap(func, iterable))

    def map_async(self, func, iterable, callback=None):
        return Greenlet.spawn(self.map, func, iterable)


class Pool(Group):
    """A Group of at most `size` running greenlets: spawn() waits in the hub while the pool is full."""

    def __init__(self, size=None, greenlet_class=None):
        if size is not None and size < 0:
            raise ValueError("size must not be negative: %r" % (size,))
        Group.__init__(self)
        self.size = size
        if greenlet_class is not None:
            self.greenlet_class = greenlet_class
        if size is None:
            self._semaphore = DummySemaphore()
        else:
            self._semaphore = Semaphore(size)

    def wait_available(self, timeout=None):
        return self._semaphore.wait(timeout)

    def full(self):
        return self.free_count() <= 0

    def free_count(self):
        if self.size is None:
            return 1
        return max(0, self.size - len(self))

    def add(self, glet, blocking=True, timeout=None):
        """Take a free slot (waiting for one in the hub), then add the greenlet."""
        if not self._semaphore.acquire(blocking, timeout):
            raise Timeout()
        Group.add(self, glet)

    def discard(self, glet):
        if glet in self.greenlets:
            Group.discard(self, glet)
            self._semaphore.release()
        else:
            Group.discard(self, glet)
