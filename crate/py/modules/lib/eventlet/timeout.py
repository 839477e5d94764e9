"""eventlet.timeout: Timeout (ioplay shares gevent's: same arguments, same with-block behaviour)."""

from gevent.timeout import Timeout, with_timeout

__all__ = ["Timeout", "with_timeout"]
