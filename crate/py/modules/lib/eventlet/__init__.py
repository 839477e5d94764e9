"""eventlet: green threads over one hub (ioplay's version, in the Python subset, sharing gevent's hub)."""

from greenlet import getcurrent, GreenletExit  # noqa: F401
from eventlet.greenthread import spawn, spawn_n, spawn_after, sleep, kill, GreenThread
from eventlet.greenpool import GreenPool, GreenPile
from eventlet.event import Event
from eventlet.queue import Queue
from eventlet.timeout import Timeout, with_timeout
from eventlet.convenience import connect, listen, serve, StopServe
from eventlet.patcher import monkey_patch

__version__ = "0.41.3"

__all__ = [
    "Event",
    "GreenPile",
    "GreenPool",
    "GreenThread",
    "Queue",
    "StopServe",
    "Timeout",
    "connect",
    "getcurrent",
    "kill",
    "listen",
    "monkey_patch",
    "serve",
    "sleep",
    "spawn",
    "spawn_after",
    "spawn_n",
    "with_timeout",
]
