"""eventlet.greenthread: GreenThread (a greenlet of the hub with a result) and spawn, spawn_n, sleep.

ioplay's eventlet runs on the same hub as its gevent (gevent/hub.py: one greenlet looping over
epoll_wait with timers): eventlet's own hub does the same with epoll.poll(). spawn() queues the start as a
hub callback, as eventlet's schedule_call_global(0, …) does, so threads start in spawn order.
"""

from greenlet import greenlet, getcurrent, GreenletExit
from gevent.hub import get_hub, sleep as _hub_sleep
from eventlet.event import Event


def sleep(seconds=0):
    """Yield to the hub for `seconds`; sleep(0) lets every other ready green thread run first."""
    _hub_sleep(seconds)


class GreenThread(greenlet):
    """A green thread: wait() returns its result (or raises its exception); link() runs at its exit."""

    def __init__(self, parent):
        greenlet.__init__(self, self.main, parent)
        self._exit_event = Event()
        self._resolving_links = False
        self._exit_funcs = None

    def wait(self):
        return self._exit_event.wait()

    def link(self, func, *curried_args, **curried_kwargs):
        if self._exit_funcs is None:
            self._exit_funcs = []
        self._exit_funcs.append((func, curried_args, curried_kwargs))
        if self._exit_event.ready():
            self._resolve_links()

    def unlink(self, func, *curried_args, **curried_kwargs):
        if not self._exit_funcs:
            return False
        for entry in self._exit_funcs:
            if entry[0] is func:
                self._exit_funcs.remove(entry)
                return True
        return False

    def main(self, function, args, kwargs):
        try:
            result = function(*args, **kwargs)
        except BaseException as error:
            self._exit_event.send_exception(error)
            self._resolve_links()
            raise
        self._exit_event.send(result)
        self._resolve_links()

    def _resolve_links(self):
        # Links run in the exiting thread itself, as eventlet's do.
        if self._resolving_links:
            return
        if not self._exit_funcs:
            return
        self._resolving_links = True
        try:
            while self._exit_funcs:
                func, args, kwargs = self._exit_funcs.pop(0)
                func(self, *args, **kwargs)
        finally:
            self._resolving_links = False

    def kill(self, *throw_args):
        return kill(self, *throw_args)

    def cancel(self, *throw_args):
        if not self:
            return kill(self, *throw_args)
        return None


def spawn(func, *args, **kwargs):
    """Start func(*args, **kwargs) in a new green thread (on the hub's next pass); returns it."""
    hub = get_hub()
    thread = GreenThread(hub)
    hub.run_callback(thread.switch, func, args, kwargs)
    return thread


def spawn_n(func, *args, **kwargs):
    """Like spawn, without a GreenThread: the result is lost; returns the greenlet."""
    hub = get_hub()
    glet = greenlet(_run_n, hub)
    hub.run_callback(glet.switch, func, args, kwargs)
    return glet


def _run_n(func, args, kwargs):
    func(*args, **kwargs)


def spawn_after(seconds, func, *args, **kwargs):
    hub = get_hub()
    thread = GreenThread(hub)
    timer = hub.timer(seconds)
    timer.start(thread.switch, func, args, kwargs)
    return thread


def kill(glet, *throw_args):
    """Raise GreenletExit (or the given exception) in the green thread now, from the caller."""
    if not throw_args:
        throw_args = (GreenletExit,)
    if glet.dead:
        return None
    if not glet:
        # Not started: eventlet makes it raise on its first switch, which ends it at once.
        hub = get_hub()
        hub.run_callback(_throw_into, glet, throw_args[0])
        return None
    current = getcurrent()
    hub = get_hub()
    if current is not hub:
        hub.run_callback(current.switch)
    glet.throw(throw_args[0])
    return None


def _throw_into(glet, error):
    if not glet.dead:
        try:
            glet.throw(error)
        except GreenletExit:
            pass
