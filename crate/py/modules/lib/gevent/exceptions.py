"""gevent.exceptions: the errors gevent's hub raises, with gevent's names and messages."""

from greenlet import GreenletExit  # noqa: F401  gevent re-exports it


class LoopExit(Exception):
    """Raised in the main greenlet when the hub has nothing left to wait for: everyone would block forever.

    As in gevent, the hub raises it as LoopExit('This operation would block forever', hub, handles).
    """

    @property
    def hub(self):
        if len(self.args) == 3:
            return self.args[1]
        return None

    def __str__(self):
        if len(self.args) == 3:
            return "%s\n\tHub: %s\n\tHandles:\n%s" % (self.args[0], self.args[1], self.args[2])
        return Exception.__str__(self)


class BlockingSwitchOutError(AssertionError):
    """A blocking call was made inside the hub itself (which must never block)."""


class InvalidSwitchError(AssertionError):
    """A waiting greenlet was switched to by someone other than what it waits for."""


class ConcurrentObjectUseError(AssertionError):
    """Two greenlets waited on the same socket at once."""
