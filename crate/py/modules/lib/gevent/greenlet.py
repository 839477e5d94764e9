"""gevent.greenlet: Greenlet, a greenlet whose parent is the hub, with a result and links; joinall.

spawn(f) creates a Greenlet and queues its start as a hub callback: it runs only once the current
greenlet waits (sleep, join, a socket), in spawn order. When it finishes, its value or exception is
kept, and its links (join, joinall, link) are called from the hub.
"""

from greenlet import greenlet, getcurrent, GreenletExit
from gevent.hub import get_hub, Waiter
from gevent.exceptions import InvalidSwitchError
from gevent.timeout import Timeout
from gevent._abstract_linkable import SwitchLink


class SpawnedLink:
    """link(callback): the callback runs in a new greenlet of its own, as gevent's SpawnedLink."""

    def __init__(self, callback):
        self.callback = callback

    def __call__(self, source):
        glet = greenlet(self.callback, get_hub())
        glet.switch(source)


class SuccessSpawnedLink(SpawnedLink):
    def __call__(self, source):
        if source.successful():
            SpawnedLink.__call__(self, source)


class FailureSpawnedLink(SpawnedLink):
    def __call__(self, source):
        if not source.successful():
            SpawnedLink.__call__(self, source)


_counter = [0]


def _format_call(function, args, kwargs):
    """f('a', 1, key=2): how gevent shows a greenlet's function in its repr."""
    name = getattr(function, "__name__", None)
    if name is None:
        name = repr(function)
    shown = [repr(arg) for arg in args]
    for key in kwargs:
        shown.append("%s=%r" % (key, kwargs[key]))
    if shown:
        return "%s(%s)" % (name, ", ".join(shown))
    return name


class Greenlet(greenlet):
    """A greenlet run by the hub, with gevent's API: start, join, get, kill, value, exception, links."""

    def __init__(self, run=None, *args, **kwargs):
        greenlet.__init__(self, None, get_hub())
        if run is not None:
            self._run = run
        self.args = args
        self.kwargs = kwargs
        self.value = None
        self._exception = None
        self._has_result = False
        self._finished = False
        self._killed_before_start = False
        self._start_event = None
        self._links = []
        self._notifier = None
        _counter[0] += 1
        self.name = "Greenlet-%d" % _counter[0]

    def _run(self):
        return None

    def __repr__(self):
        return "<%s %r at 0x%x: %s>" % (type(self).__name__, self.name, id(self), _format_call(self._run, self.args, self.kwargs))

    # -- state --

    @property
    def dead(self):
        return self._killed_before_start or self._finished

    @property
    def started(self):
        return self._start_event is not None or bool(self)

    @property
    def exception(self):
        return self._exception

    def ready(self):
        return self.dead or self._has_result

    def successful(self):
        return self._has_result and self._exception is None

    # -- starting --

    def start(self):
        """Queue the start in the hub (once)."""
        if self._start_event is None:
            self._start_event = self.parent.run_callback(self.switch)

    def start_later(self, seconds):
        if self._start_event is None:
            self._start_event = self.parent.timer(seconds)
            self._start_event.start(self.switch)

    @classmethod
    def spawn(cls, *args, **kwargs):
        glet = cls(*args, **kwargs)
        glet.start()
        return glet

    @classmethod
    def spawn_later(cls, seconds, *args, **kwargs):
        glet = cls(*args, **kwargs)
        glet.start_later(seconds)
        return glet

    def _cancel_start(self):
        if self._start_event is not None:
            self._start_event.stop()

    # -- running --

    def run(self):
        try:
            try:
                result = self._run(*self.args, **self.kwargs)
            except BaseException as error:
                self._report_error(error)
                return
            self._report_result(result)
        finally:
            self._finished = True

    def _report_result(self, result):
        self._has_result = True
        self._exception = None
        self.value = result
        self._schedule_notify()

    def _report_error(self, error):
        if isinstance(error, GreenletExit):
            self._report_result(error)
            return
        self._has_result = True
        self._exception = error
        self._schedule_notify()
        self.parent.handle_error(self, error)

    # -- links --

    def _schedule_notify(self):
        if self._links and self._notifier is None:
            self._notifier = self.parent.run_callback(self._notify_links)

    def _notify_links(self):
        while self._links:
            link = self._links.pop(0)
            try:
                link(self)
            except BaseException as error:
                self.parent.handle_error(link, error)
        self._notifier = None

    def rawlink(self, callback):
        if not callable(callback):
            raise TypeError("Expected callable: %r" % (callback,))
        self._links.append(callback)
        if self.ready():
            self._schedule_notify()

    def link(self, callback):
        self.rawlink(SpawnedLink(callback))

    def link_value(self, callback):
        self.rawlink(SuccessSpawnedLink(callback))

    def link_exception(self, callback):
        self.rawlink(FailureSpawnedLink(callback))

    def unlink(self, callback):
        if callback in self._links:
            self._links.remove(callback)

    # -- waiting for it --

    def join(self, timeout=None):
        """Wait until it has finished (or `timeout` passed); returns None either way."""
        if self.ready():
            return
        link = SwitchLink(getcurrent())
        self.rawlink(link)
        try:
            timer = Timeout._start_new_or_dummy(timeout)
            try:
                result = self.parent.switch()
                if result is not self:
                    raise InvalidSwitchError("Invalid switch into Greenlet.join(): %r" % (result,))
            finally:
                timer.cancel()
        except Timeout as error:
            if error is not timer:
                raise
        finally:
            self.unlink(link)

    def get(self, block=True, timeout=None):
        """Its value once finished; re-raises its exception; Timeout if not ready in time."""
        if not self.ready():
            if not block:
                raise Timeout()
            link = SwitchLink(getcurrent())
            self.rawlink(link)
            try:
                timer = Timeout._start_new_or_dummy(timeout)
                try:
                    result = self.parent.switch()
                    if result is not self:
                        raise InvalidSwitchError("Invalid switch into Greenlet.get(): %r" % (result,))
                finally:
                    timer.cancel()
            finally:
                self.unlink(link)
        if self._exception is not None:
            raise self._exception
        return self.value

    def kill(self, exception=GreenletExit, block=True, timeout=None):
        """Raise `exception` in it (from the hub); a greenlet not yet started just never runs."""
        self._cancel_start()
        if self.dead:
            return
        if not bool(self) and not self._finished:
            # Not started: it will never run; it ends as if killed at its first line.
            self._killed_before_start = True
            if isinstance(exception, type):
                exception = exception()
            self._report_error(exception)
            return
        waiter = Waiter() if block else None
        self.parent.run_callback(_kill, self, exception, waiter)
        if block:
            waiter.get()
            self.join(timeout)


def _kill(glet, exception, waiter):
    try:
        glet.throw(exception)
    except BaseException as error:
        glet.parent.handle_error(glet, error)
    if waiter is not None:
        waiter.switch(None)


class _ReadyCollector:
    """A link for many objects at once: collects them as they finish, wakes the one waiting greenlet."""

    def __init__(self, hub):
        self.hub = hub
        self.ready = []
        self.waiting = None

    def __call__(self, source):
        self.ready.append(source)
        if self.waiting is not None:
            waiting = self.waiting
            self.waiting = None
            waiting.switch()

    def next_ready(self):
        if not self.ready:
            self.waiting = getcurrent()
            try:
                self.hub.switch()
            finally:
                self.waiting = None
        return self.ready.pop(0)


_TIMED_OUT = object()


def iwait(objects, timeout=None, count=None):
    """Yield the objects (greenlets, events, …) as they become ready; stop after `count` or `timeout`."""
    hub = get_hub()
    objects = list(objects)
    if count is None or count > len(objects):
        count = len(objects)
    collector = _ReadyCollector(hub)
    timer = None
    if timeout is not None:
        timer = hub.timer(timeout)
        timer.start(collector, _TIMED_OUT)
    for obj in objects:
        obj.rawlink(collector)
    try:
        for _ in range(count):
            item = collector.next_ready()
            if item is _TIMED_OUT:
                return
            yield item
    finally:
        if timer is not None:
            timer.stop()
        for obj in objects:
            obj.unlink(collector)


def wait(objects=None, timeout=None, count=None):
    """The ready objects, in the order they finished; without objects, wait for the hub to run dry."""
    if objects is None:
        return get_hub().join(timeout)
    return list(iwait(objects, timeout, count))


def joinall(greenlets, timeout=None, raise_error=False, count=None):
    """Wait for the greenlets; return those that finished, in the order they finished."""
    if not raise_error:
        return wait(greenlets, timeout, count)
    done = []
    for glet in iwait(greenlets, timeout, count):
        if glet.exception is not None:
            raise glet.exception
        done.append(glet)
    return done


def killall(greenlets, exception=GreenletExit, block=True, timeout=None):
    """Kill every greenlet (from the hub); with block, wait until all are dead."""
    greenlets = list(greenlets)
    for glet in greenlets:
        glet.kill(exception, False)
    if block:
        wait(greenlets, timeout)
