"""queue: Queue, LifoQueue, PriorityQueue, SimpleQueue with CPython's API and exceptions.

ioplay has no threads, so no other thread can ever put or get while a call blocks: a blocking get() on an
empty queue (or put() on a full one) waits out its timeout in time.sleep() and raises Empty (Full), and
without a timeout it waits forever in pause(), as the CPython program would hang. Under gevent, use
gevent.queue, whose waits let other greenlets run.
"""

import time
import _ioplay


class Empty(Exception):
    "Exception raised by Queue.get(block=0)/get_nowait()."


class Full(Exception):
    "Exception raised by Queue.put(block=0)/put_nowait()."


def _wait_in_vain(timeout, exception):
    """Nothing can change the queue while we wait: sleep the timeout (or forever), then fail."""
    if timeout is None:
        while True:
            _ioplay.pause()
    if timeout < 0:
        raise ValueError("'timeout' must be a non-negative number")
    time.sleep(timeout)
    raise exception


class Queue:
    """A FIFO queue; maxsize <= 0 means no limit."""

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self.unfinished_tasks = 0
        self._init(maxsize)

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop(0)

    def qsize(self):
        return self._qsize()

    def empty(self):
        return not self._qsize()

    def full(self):
        return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        if self.full():
            if not block:
                raise Full
            _wait_in_vain(timeout, Full)
        self._put(item)
        self.unfinished_tasks += 1

    def get(self, block=True, timeout=None):
        if not self._qsize():
            if not block:
                raise Empty
            _wait_in_vain(timeout, Empty)
        return self._get()

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    def task_done(self):
        if self.unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self.unfinished_tasks -= 1

    def join(self):
        if self.unfinished_tasks:
            _wait_in_vain(None, Empty)


class LifoQueue(Queue):
    """Last in, first out."""

    def _get(self):
        return self.queue.pop()


def _sift_up(heap, index):
    while index > 0:
        parent = (index - 1) // 2
        if heap[index] < heap[parent]:
            heap[index], heap[parent] = heap[parent], heap[index]
            index = parent
        else:
            return


def _sift_down(heap, index):
    size = len(heap)
    while True:
        smallest = index
        for child in (2 * index + 1, 2 * index + 2):
            if child < size and heap[child] < heap[smallest]:
                smallest = child
        if smallest == index:
            return
        heap[index], heap[smallest] = heap[smallest], heap[index]
        index = smallest


class PriorityQueue(Queue):
    """Smallest item first (a binary heap, as heapq keeps it)."""

    def _put(self, item):
        self.queue.append(item)
        _sift_up(self.queue, len(self.queue) - 1)

    def _get(self):
        last = self.queue.pop()
        if not self.queue:
            return last
        first = self.queue[0]
        self.queue[0] = last
        _sift_down(self.queue, 0)
        return first


class SimpleQueue(Queue):
    """An unbounded FIFO queue."""

    def __init__(self):
        Queue.__init__(self, 0)
