"""gevent._abstract_linkable: what Event, AsyncResult and Semaphore share — a list of links notified
from the hub once the object is ready, and a wait() that parks the current greenlet until then."""

from greenlet import getcurrent
from gevent.hub import get_hub
from gevent.exceptions import InvalidSwitchError
from gevent.timeout import Timeout


class SwitchLink:
    """A link that switches back into one waiting greenlet, passing the ready object."""

    def __init__(self, glet):
        self.greenlet = glet

    def __call__(self, source):
        self.greenlet.switch(source)


class AbstractLinkable:
    """Links run in a hub callback after the object becomes ready, in the order they were added."""

    def __init__(self):
        self.hub = get_hub()
        self._links = []
        self._notifier = None

    def ready(self):
        raise NotImplementedError

    def rawlink(self, callback):
        if not callable(callback):
            raise TypeError("Expected callable: %r" % (callback,))
        self._links.append(callback)
        self._check_and_notify()

    def unlink(self, callback):
        if callback in self._links:
            self._links.remove(callback)

    def linkcount(self):
        return len(self._links)

    def _check_and_notify(self):
        if self.ready() and self._links and self._notifier is None:
            self._notifier = self.hub.run_callback(self._notify_links)

    def _notify_links(self):
        """Call each link present now, while the object stays ready (a Semaphore may run out)."""
        self._notifier = None
        for link in list(self._links):
            if not self.ready():
                break
            if link in self._links:
                self._links.remove(link)
                link(self)

    def _wait_core(self, timeout):
        """Park the current greenlet until notified; False if `timeout` expired first."""
        link = SwitchLink(getcurrent())
        self.rawlink(link)
        try:
            timer = Timeout._start_new_or_dummy(timeout)
            try:
                result = self.hub.switch()
                if result is not self:
                    raise InvalidSwitchError("Invalid switch into %r.wait(): %r" % (self, result))
                return True
            finally:
                timer.cancel()
        except Timeout as error:
            if error is not timer:
                raise
            return False
        finally:
            self.unlink(link)
