"""gevent.timeout: Timeout, an exception raised in a greenlet by a hub timer, and with_timeout."""

from greenlet import getcurrent
from gevent.hub import get_hub

_NONE = object()


class Timeout(BaseException):
    """Raise `exception` (default: this Timeout itself) in the greenlet that started it, after `seconds`.

    `with Timeout(2): ...` bounds a block; Timeout(seconds, False) makes the with-block end silently.
    """

    def __init__(self, seconds=None, exception=None, ref=True, priority=-1):
        BaseException.__init__(self)
        self.seconds = seconds
        self.exception = exception
        self._ref = ref
        self.timer = None

    def start(self):
        if self.pending:
            raise AssertionError("%r is already started; to restart it, cancel it first" % self)
        if self.seconds is None:
            return
        if self.exception is None or self.exception is False or isinstance(self.exception, str):
            throws = self
        else:
            throws = self.exception
        self.timer = get_hub().timer(self.seconds, self._ref)
        self.timer.start(getcurrent().throw, throws)

    @classmethod
    def start_new(cls, timeout=None, exception=None, ref=True):
        if isinstance(timeout, Timeout):
            if not timeout.pending:
                timeout.start()
            return timeout
        started = cls(timeout, exception, ref)
        started.start()
        return started

    @staticmethod
    def _start_new_or_dummy(timeout, exception=None):
        if timeout is None:
            return _NO_TIMEOUT
        return Timeout.start_new(timeout, exception)

    @property
    def pending(self):
        return self.timer is not None and self.timer.active

    def cancel(self):
        if self.timer is not None:
            self.timer.stop()

    def close(self):
        self.cancel()

    def __repr__(self):
        exception = ""
        if self.exception is not None:
            exception = " exception=%r" % (self.exception,)
        return "<Timeout at 0x%x seconds=%s%s%s>" % (
            id(self),
            self.seconds,
            exception,
            " pending" if self.pending else "",
        )

    def __str__(self):
        if self.seconds is None:
            return ""
        suffix = "" if self.seconds == 1 else "s"
        if self.exception is None:
            return "%s second%s" % (self.seconds, suffix)
        if self.exception is False:
            return "%s second%s (silent)" % (self.seconds, suffix)
        return "%s second%s: %s" % (self.seconds, suffix, self.exception)

    def __enter__(self):
        if not self.pending:
            self.start()
        return self

    def __exit__(self, typ, value, tb):
        self.cancel()
        if value is self and self.exception is False:
            return True
        return None


class _NoTimeout:
    """What _start_new_or_dummy returns for timeout None: nothing to cancel."""

    pending = False

    def cancel(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, typ, value, tb):
        return None


_NO_TIMEOUT = _NoTimeout()


def with_timeout(seconds, function, *args, **kwds):
    """function(*args, **kwds), bounded by `seconds`; timeout_value=… is returned instead of raising."""
    timeout_value = kwds.pop("timeout_value", _NONE)
    timeout = Timeout.start_new(seconds)
    try:
        try:
            return function(*args, **kwds)
        except Timeout as error:
            if error is timeout and timeout_value is not _NONE:
                return timeout_value
            raise
    finally:
        timeout.cancel()
