"""gevent.queue: Queue, LifoQueue, PriorityQueue, JoinableQueue whose waits let other greenlets run.

As in gevent, a put() never hands an item straight to a waiting get(): it queues a hub callback that wakes
the waiting getters (and putters) in order, so the woken greenlet runs only when the putter waits.
"""

from greenlet import getcurrent
from gevent.hub import get_hub, Waiter
from gevent.timeout import Timeout
from gevent.exceptions import InvalidSwitchError
from gevent.event import Event
from queue import Empty, Full


class _ItemWaiter(Waiter):
    """A putter waiting for room, holding its item."""

    def __init__(self, item, queue):
        Waiter.__init__(self)
        self.item = item
        self.queue = queue

    def put_and_switch(self):
        self.queue._put(self.item)
        return self.switch(self)


class Queue:
    """A FIFO queue of greenlets' items; maxsize None (or < 0) means unbounded."""

    def __init__(self, maxsize=None, items=()):
        if maxsize is not None and maxsize < 0:
            maxsize = None
        if maxsize == 0:
            maxsize = None
        self._maxsize = maxsize
        self.hub = get_hub()
        self.getters = []
        self.putters = []
        self._event_unlock = None
        self.unfinished_tasks = 0
        self.queue = []
        for item in items:
            self._put(item)

    @property
    def maxsize(self):
        return self._maxsize

    def _put(self, item):
        self.queue.append(item)
        self.unfinished_tasks += 1

    def _get(self):
        return self.queue.pop(0)

    def _peek(self):
        return self.queue[0]

    def __repr__(self):
        return "<%s at 0x%x queue=%r>" % (type(self).__name__, id(self), self.queue)

    def qsize(self):
        return len(self.queue)

    def __len__(self):
        return len(self.queue)

    def __bool__(self):
        return True

    def empty(self):
        return not self.qsize()

    def full(self):
        return self._maxsize is not None and self.qsize() >= self._maxsize

    def _has_room(self):
        return self._maxsize is None or self.qsize() < self._maxsize

    def put(self, item, block=True, timeout=None):
        if self._has_room():
            self._put(item)
            if self.getters:
                self._schedule_unlock()
            return
        if self.hub is getcurrent():
            # In the hub itself we cannot wait, but we can hand items to waiting getters.
            while self.getters and self.qsize() and not self._has_room():
                getter = self.getters.pop(0)
                getter.switch(getter)
            if self._has_room():
                self._put(item)
                return
            raise Full
        if not block:
            raise Full
        waiter = _ItemWaiter(item, self)
        self.putters.append(waiter)
        timer = Timeout._start_new_or_dummy(timeout, Full)
        try:
            if self.getters:
                self._schedule_unlock()
            result = waiter.get()
            if result is not waiter:
                raise InvalidSwitchError("Invalid switch into Queue.put: %r" % (result,))
        finally:
            timer.cancel()
            if waiter in self.putters:
                self.putters.remove(waiter)

    def put_nowait(self, item):
        self.put(item, False)

    def _get_or_peek(self, method, block, timeout):
        if self.qsize():
            if self.putters:
                self._schedule_unlock()
            return method()
        if self.hub is getcurrent():
            while self.putters:
                self.putters.pop(0).put_and_switch()
                if self.qsize():
                    return method()
            raise Empty
        if not block:
            raise Empty
        waiter = Waiter()
        timer = Timeout._start_new_or_dummy(timeout, Empty)
        try:
            self.getters.append(waiter)
            if self.putters:
                self._schedule_unlock()
            result = waiter.get()
            if result is not waiter:
                raise InvalidSwitchError("Invalid switch into Queue.get: %r" % (result,))
            return method()
        finally:
            timer.cancel()
            if waiter in self.getters:
                self.getters.remove(waiter)

    def get(self, block=True, timeout=None):
        return self._get_or_peek(self._get, block, timeout)

    def get_nowait(self):
        return self.get(False)

    def peek(self, block=True, timeout=None):
        if self.qsize():
            return self._peek()
        return self._get_or_peek(self._peek, block, timeout)

    def peek_nowait(self):
        return self.peek(False)

    def _unlock(self):
        """In a hub callback: move waiting putters' items in, and wake getters while there are items."""
        self._event_unlock = None
        while True:
            repeat = False
            if self.putters and self._has_room():
                repeat = True
                putter = self.putters.pop(0)
                self._put(putter.item)
                putter.switch(putter)
            if self.getters and self.qsize():
                repeat = True
                getter = self.getters.pop(0)
                getter.switch(getter)
            if not repeat:
                return

    def _schedule_unlock(self):
        if self._event_unlock is None:
            self._event_unlock = self.hub.run_callback(self._unlock)

    def __iter__(self):
        return self

    def __next__(self):
        result = self.get()
        if result is StopIteration:
            raise result
        return result

    def task_done(self):
        if self.unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self.unfinished_tasks -= 1
        if self.unfinished_tasks == 0 and self._join_event is not None:
            self._join_event.set()

    _join_event = None

    def join(self, timeout=None):
        """Wait until every item put has been marked task_done()."""
        if self.unfinished_tasks == 0:
            return True
        if self._join_event is None or self._join_event.is_set():
            self._join_event = Event()
        return self._join_event.wait(timeout)


JoinableQueue = Queue


class LifoQueue(Queue):
    def _get(self):
        return self.queue.pop()

    def _peek(self):
        return self.queue[-1]


class PriorityQueue(Queue):
    def _put(self, item):
        self.queue.append(item)
        self.queue.sort()
        self.unfinished_tasks += 1


SimpleQueue = Queue
UnboundQueue = Queue
