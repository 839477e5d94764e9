"""eventlet.queue: green queues (ioplay shares gevent's implementation)."""

from gevent.queue import Queue, LifoQueue, PriorityQueue, Empty, Full

LightQueue = Queue

__all__ = ["Queue", "LightQueue", "LifoQueue", "PriorityQueue", "Empty", "Full"]
