"""gevent: cooperative greenlets over one hub that waits in epoll_wait (ioplay's version, in the Python
subset, of gevent 26.9's pure-Python parts). See hub.py for the loop a learner can step through."""

from greenlet import getcurrent, GreenletExit
from gevent.exceptions import LoopExit
from gevent.hub import get_hub, sleep, kill, spawn_raw
from gevent.greenlet import Greenlet, joinall, killall, wait, iwait
from gevent.timeout import Timeout, with_timeout

__version__ = "26.9.0"

spawn = Greenlet.spawn
spawn_later = Greenlet.spawn_later

__all__ = [
    "Greenlet",
    "GreenletExit",
    "LoopExit",
    "Timeout",
    "get_hub",
    "getcurrent",
    "iwait",
    "joinall",
    "kill",
    "killall",
    "sleep",
    "spawn",
    "spawn_later",
    "spawn_raw",
    "wait",
    "with_timeout",
]
