"""gevent.event: Event (a flag greenlets wait for) and AsyncResult (one value or exception, later)."""

from gevent._abstract_linkable import AbstractLinkable
from gevent.timeout import Timeout


class Event(AbstractLinkable):
    """A flag: wait() parks greenlets until set(); they wake in a hub callback, in order of waiting."""

    def __init__(self):
        AbstractLinkable.__init__(self)
        self._flag = False

    def __repr__(self):
        return "<Event at 0x%x %s _links[%d]>" % (id(self), "set" if self._flag else "unset", len(self._links))

    def is_set(self):
        return self._flag

    def isSet(self):
        return self._flag

    def ready(self):
        return self._flag

    def set(self):
        self._flag = True
        self._check_and_notify()

    def clear(self):
        self._flag = False

    def wait(self, timeout=None):
        """True once set; with a timeout, the flag's value when it expires."""
        if self._flag:
            return True
        self._wait_core(timeout)
        return self._flag


class AsyncResult(AbstractLinkable):
    """A result that arrives later: set(value) or set_exception(error); get() waits for it."""

    def __init__(self):
        AbstractLinkable.__init__(self)
        self._has_value = False
        self.value = None
        self._exception = None

    def ready(self):
        return self._has_value or self._exception is not None

    def successful(self):
        return self._has_value

    @property
    def exception(self):
        return self._exception

    def set(self, value=None):
        self.value = value
        self._has_value = True
        self._check_and_notify()

    def set_exception(self, exception, exc_info=None):
        self._exception = exception
        self._check_and_notify()

    def _result(self):
        if self._exception is not None:
            raise self._exception
        return self.value

    def get(self, block=True, timeout=None):
        if self.ready():
            return self._result()
        if not block:
            raise Timeout()
        if not self._wait_core(timeout):
            raise Timeout()
        return self._result()

    def get_nowait(self):
        return self.get(False)

    def wait(self, timeout=None):
        if not self.ready():
            self._wait_core(timeout)
        return self.value

    def __call__(self, source):
        """As a link of a Greenlet: take its value or exception."""
        if source.successful():
            self.set(source.value)
        else:
            self.set_exception(source.exception)
