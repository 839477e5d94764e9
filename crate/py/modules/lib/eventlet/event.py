"""eventlet.event: Event, a one-shot result: send(value) wakes every wait(), which returns the value."""

from gevent._abstract_linkable import AbstractLinkable

_NOT_USED = object()


class Event(AbstractLinkable):
    """wait() blocks until send(); send_exception() makes wait() raise instead."""

    def __init__(self):
        AbstractLinkable.__init__(self)
        self._result = _NOT_USED
        self._exc = None

    def __repr__(self):
        return "<%s at 0x%x result=%r>" % (type(self).__name__, id(self), self._result)

    def ready(self):
        return self._result is not _NOT_USED

    def has_exception(self):
        return self._exc is not None

    def has_result(self):
        return self.ready() and self._exc is None

    def reset(self):
        if not self.ready():
            raise AssertionError("Trying to re-reset() a fresh event.")
        self._result = _NOT_USED
        self._exc = None

    def poll(self, notready=None):
        if self.ready():
            return self.wait()
        return notready

    def send(self, result=None, exc=None):
        if self.ready():
            raise AssertionError("Trying to re-send() an already-triggered event.")
        self._result = result
        self._exc = exc
        self._check_and_notify()

    def send_exception(self, *args):
        error = args[0]
        if isinstance(error, type):
            error = error(*args[1:])
        self.send(None, error)

    def wait(self, timeout=None):
        if not self.ready():
            if not self._wait_core(timeout):
                return None
        if self._exc is not None:
            raise self._exc
        return self._result
