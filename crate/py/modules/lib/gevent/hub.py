"""gevent.hub: the hub greenlet and its event loop, in the shape of gevent's libev loop.

The hub is one greenlet per process. Greenlets that must wait (for a timer, for a socket) register a
watcher with the hub and switch to it; the hub loops:

    1. run the callbacks queued with run_callback() (greenlets starting, links, wake-ups), in order;
    2. tell the kernel which fds it now watches (epoll_ctl ADD/MOD/DEL);
    3. epoll_wait(epfd, 64, timeout) — the timeout is the nearest timer, rounded up to whole ms as libev
       does, 0 if callbacks are pending, -1 if there are no timers;
    4. fire the timers that are due, then the fd watchers the kernel reported ready: each one switches
       into the greenlet that waits for it, which runs until it waits again and switches back here.

When nothing is left to wait for (no callbacks, no active timers or fd watchers), the loop ends and the hub
raises LoopExit('This operation would block forever') in the main greenlet, as gevent does.

Timers count from the loop's cached time (`now_ns`, refreshed before and after each epoll_wait, and when a
timer starts from a callback), as gevent's libev loop does: that is why the reference strace of 03 shows
epoll_wait(…, 2000) then (…, 2998), not 3000.
Deliberate differences from libev: fd events of one iteration run in the order epoll_wait returned them
(libev runs pending watchers in reverse), and a stopped fd watcher is removed from epoll at once
(libev waits for a spurious event); no signal pipe or async watcher is created, as there are no threads.
"""

import sys

import _ioplay
from greenlet import greenlet, getcurrent, GreenletExit  # noqa: F401
from gevent.exceptions import LoopExit, BlockingSwitchOutError, InvalidSwitchError

_CLOCK_MONOTONIC = 1
_EPOLL_CLOEXEC = 0o2000000
_EPOLL_CTL_ADD = 1
_EPOLL_CTL_DEL = 2
_EPOLL_CTL_MOD = 3
_EPOLLIN = 1
_EPOLLOUT = 4
_EPOLLERR = 8
_EPOLLHUP = 16
_ENOENT = 2
_EEXIST = 17
MAX_EVENTS = 64

# libev's event bits, which gevent's io watchers use: 1 = read, 2 = write.
READ = 1
WRITE = 2


def _heap_push(heap, item):
    heap.append(item)
    index = len(heap) - 1
    while index > 0:
        parent = (index - 1) // 2
        if heap[index] < heap[parent]:
            heap[index], heap[parent] = heap[parent], heap[index]
            index = parent
        else:
            break


def _heap_pop(heap):
    last = heap.pop()
    if not heap:
        return last
    first = heap[0]
    heap[0] = last
    index = 0
    while True:
        smallest = index
        for child in (2 * index + 1, 2 * index + 2):
            if child < len(heap) and heap[child] < heap[smallest]:
                smallest = child
        if smallest == index:
            return first
        heap[index], heap[smallest] = heap[smallest], heap[index]
        index = smallest


class Callback:
    """A function queued to run once in the hub's next pass over its callbacks; stop() cancels it."""

    def __init__(self, callback, args):
        self.callback = callback
        self.args = args

    def stop(self):
        self.callback = None
        self.args = None

    @property
    def pending(self):
        return self.callback is not None


class Timer:
    """A one-shot timer watcher: when due, the hub calls callback(*args)."""

    def __init__(self, hub, seconds, ref=True):
        self.hub = hub
        self.seconds = seconds
        self.ref = ref
        self.active = False
        self.callback = None
        self.args = ()
        self.waiter = None

    def start(self, callback, *args):
        if self.active:
            self.stop()
        self.callback = callback
        self.args = args
        self.hub._start_timer(self)

    def stop(self):
        if self.active:
            self.hub._stop_timer(self)


class Io:
    """An fd watcher: while started, the hub watches `fd` for `events` (READ, WRITE) and calls back."""

    def __init__(self, hub, fd, events, ref=True):
        self.hub = hub
        self.fd = fd
        self.events = events
        self.ref = ref
        self.active = False
        self.callback = None
        self.args = ()
        self.waiter = None

    def start(self, callback, *args):
        if self.active:
            self.stop()
        self.callback = callback
        self.args = args
        self.hub._start_io(self)

    def stop(self):
        if self.active:
            self.hub._stop_io(self)


class Waiter:
    """One wake-up between the hub and a waiting greenlet: get() switches to the hub until switch(value).

    If the hub calls switch() before anyone waits, the value is kept and get() returns it at once.
    """

    def __init__(self, hub=None):
        self.hub = get_hub() if hub is None else hub
        self.greenlet = None
        self.has_value = False
        self.value = None
        self.exception = None

    def switch(self, value=None):
        if self.greenlet is None:
            self.has_value = True
            self.value = value
        else:
            self.greenlet.switch(value)

    def throw(self, error):
        if self.greenlet is None:
            self.has_value = True
            self.exception = error
        else:
            self.greenlet.throw(error)

    def get(self):
        if self.has_value:
            self.has_value = False
            if self.exception is not None:
                raise self.exception
            return self.value
        if getcurrent() is self.hub:
            raise BlockingSwitchOutError("Impossible to call blocking function in the event loop callback")
        self.greenlet = getcurrent()
        try:
            return self.hub.switch()
        finally:
            self.greenlet = None


class Hub(greenlet):
    """The hub greenlet: runs the event loop; its parent is the main greenlet."""

    def __init__(self, parent=None):
        greenlet.__init__(self, None, parent)
        self.epfd = _ioplay.epoll_create1(_EPOLL_CLOEXEC)
        self.now_ns = _ioplay.clock_gettime(_CLOCK_MONOTONIC)
        self._callbacks = []
        self._timers = []  # heap of (when_ns, sequence, Timer)
        self._timer_sequence = 0
        self._io = {}  # fd -> [Io, ...] started on it
        self._epoll_events = {}  # fd -> events the kernel's epoll has for it
        self._dirty_fds = []
        self._refs = 0  # active watchers that keep the loop alive
        self._running_callbacks = False

    @property
    def loop(self):
        """gevent code says hub.loop.run_callback(…): here the hub is its own loop."""
        return self

    def __repr__(self):
        return "<Hub at 0x%x epoll pending=%d ref=%d fileno=%d>" % (
            id(self),
            len(self._callbacks),
            self._refs,
            self.epfd,
        )

    # -- watchers --

    def now(self):
        return self.now_ns / 1e9

    def update_now(self):
        self.now_ns = _ioplay.clock_gettime(_CLOCK_MONOTONIC)

    def run_callback(self, callback, *args):
        entry = Callback(callback, args)
        self._callbacks.append(entry)
        return entry

    def timer(self, seconds, ref=True):
        return Timer(self, seconds, ref)

    def io(self, fd, events, ref=True):
        return Io(self, fd, events, ref)

    def _start_timer(self, timer):
        if self._running_callbacks:
            # As gevent's starting_timer_may_update_loop_time: a timer started from a callback (a greenlet
            # that just began, say) counts from the current time, not from the loop's last update.
            self.update_now()
        timer.active = True
        timer.when_ns = self.now_ns + int(timer.seconds * 1e9)
        self._timer_sequence += 1
        _heap_push(self._timers, (timer.when_ns, self._timer_sequence, timer))
        if timer.ref:
            self._refs += 1

    def _stop_timer(self, timer):
        # The heap entry stays; the loop skips inactive timers when it reaches them.
        timer.active = False
        if timer.ref:
            self._refs -= 1

    def _start_io(self, watcher):
        watcher.active = True
        if watcher.fd not in self._io:
            self._io[watcher.fd] = []
        self._io[watcher.fd].append(watcher)
        self._mark_dirty(watcher.fd)
        if watcher.ref:
            self._refs += 1

    def _stop_io(self, watcher):
        watcher.active = False
        self._io[watcher.fd].remove(watcher)
        if not self._io[watcher.fd]:
            del self._io[watcher.fd]
        self._mark_dirty(watcher.fd)
        if watcher.ref:
            self._refs -= 1

    def _mark_dirty(self, fd):
        if fd not in self._dirty_fds:
            self._dirty_fds.append(fd)

    def forget_fd(self, fd):
        """The fd is about to be closed: the kernel drops it from epoll by itself."""
        if fd in self._epoll_events:
            del self._epoll_events[fd]
        if fd in self._dirty_fds and fd not in self._io:
            self._dirty_fds.remove(fd)

    # -- waiting --

    def switch(self):
        return greenlet.switch(self)

    def wait(self, watcher):
        """Start `watcher` and wait in the hub until it fires."""
        waiter = Waiter(self)
        unique = object()
        watcher.waiter = waiter
        watcher.start(waiter.switch, unique)
        try:
            result = waiter.get()
            if result is not unique:
                raise InvalidSwitchError("Invalid switch into %s: %r (expected %r)" % (getcurrent(), result, unique))
        finally:
            watcher.stop()
            watcher.waiter = None

    def cancel_wait(self, watcher, error):
        """Wake whoever waits on `watcher` with `error` (a socket closed under a waiting greenlet)."""
        if watcher.active:
            self.run_callback(self._cancel_wait, watcher, error)

    def _cancel_wait(self, watcher, error):
        if watcher.active and watcher.waiter is not None:
            watcher.waiter.throw(error)

    def join(self, timeout=None):
        """Wait until the loop has nothing left to do; True if it ran dry, False on timeout."""
        if self.dead:
            return True
        waiter = Waiter(self)
        timer = None
        if timeout is not None:
            timer = self.timer(timeout, False)
            timer.start(waiter.switch, None)
        try:
            try:
                waiter.get()
            except LoopExit:
                return True
        finally:
            if timer is not None:
                timer.stop()
        return False

    def handle_error(self, context, error):
        """An error escaped a greenlet or a callback: report it on stderr, as gevent does."""
        if isinstance(error, (SystemExit, KeyboardInterrupt)):
            self.parent.throw(error)
            return
        print_exception(error)
        if context is not None:
            sys.stderr.write("%s failed with %s\n\n" % (context, type(error).__name__))

    # -- the loop --

    def run(self):
        while True:
            self._run_loop()
            # Nothing can wake anyone any more: as gevent, raise LoopExit in the main greenlet.
            self.parent.throw(LoopExit("This operation would block forever", self, []))

    def _alive(self):
        return self._refs > 0 or len(self._callbacks) > 0

    def _run_loop(self):
        while True:
            self._run_callbacks()
            self._poll()
            if not self._alive():
                return

    def _run_callbacks(self):
        """Run queued callbacks in order, including those queued meanwhile, as gevent's loop does."""
        self._running_callbacks = True
        try:
            self._run_queued_callbacks()
        finally:
            self._running_callbacks = False

    def _run_queued_callbacks(self):
        while self._callbacks:
            entry = self._callbacks.pop(0)
            callback = entry.callback
            args = entry.args
            entry.stop()
            if callback is None:
                continue
            try:
                callback(*args)
            except BaseException as error:
                self.handle_error(None, error)

    def _poll(self):
        """One epoll_wait, then the due timers and the ready fds."""
        self._update_epoll()
        events = _ioplay.epoll_wait(self.epfd, MAX_EVENTS, self._timeout_ms())
        self.update_now()
        self._fire_timers()
        self._dispatch_io(events)

    def _timeout_ms(self):
        if self._callbacks or not self._alive():
            return 0
        next_timer = self._next_timer()
        if next_timer is None:
            return -1
        self.update_now()
        left_ns = next_timer.when_ns - self.now_ns
        if left_ns <= 0:
            return 0
        return (left_ns + 999999) // 1000000

    def _next_timer(self):
        while self._timers:
            timer = self._timers[0][2]
            if timer.active and timer.when_ns == self._timers[0][0]:
                return timer
            _heap_pop(self._timers)
        return None

    def _fire_timers(self):
        while True:
            timer = self._next_timer()
            if timer is None or timer.when_ns > self.now_ns:
                return
            _heap_pop(self._timers)
            timer.stop()
            self._call(timer)

    def _dispatch_io(self, events):
        for fd, kernel_events in events:
            happened = 0
            if kernel_events & (_EPOLLIN | _EPOLLERR | _EPOLLHUP):
                happened |= READ
            if kernel_events & (_EPOLLOUT | _EPOLLERR | _EPOLLHUP):
                happened |= WRITE
            for watcher in list(self._io.get(fd, [])):
                if watcher.active and watcher.events & happened:
                    self._call(watcher)

    def _call(self, watcher):
        try:
            watcher.callback(*watcher.args)
        except BaseException as error:
            self.handle_error(None, error)

    def _update_epoll(self):
        """Tell the kernel what changed since the last epoll_wait: one epoll_ctl per changed fd."""
        dirty = self._dirty_fds
        self._dirty_fds = []
        for fd in dirty:
            wanted = 0
            for watcher in self._io.get(fd, []):
                if watcher.events & READ:
                    wanted |= _EPOLLIN
                if watcher.events & WRITE:
                    wanted |= _EPOLLOUT
            registered = self._epoll_events.get(fd, 0)
            if wanted == registered:
                continue
            if wanted == 0:
                del self._epoll_events[fd]
                self._epoll_ctl(_EPOLL_CTL_DEL, fd, 0)
            elif registered == 0:
                self._epoll_events[fd] = wanted
                self._epoll_ctl(_EPOLL_CTL_ADD, fd, wanted)
            else:
                self._epoll_events[fd] = wanted
                self._epoll_ctl(_EPOLL_CTL_MOD, fd, wanted)

    def _epoll_ctl(self, op, fd, events):
        try:
            _ioplay.epoll_ctl(self.epfd, op, fd, events)
        except OSError as error:
            # The fd was closed and reused behind our back: fall back to the other operation.
            if op == _EPOLL_CTL_MOD and error.errno == _ENOENT:
                _ioplay.epoll_ctl(self.epfd, _EPOLL_CTL_ADD, fd, events)
            elif op == _EPOLL_CTL_ADD and error.errno == _EEXIST:
                _ioplay.epoll_ctl(self.epfd, _EPOLL_CTL_MOD, fd, events)
            elif op != _EPOLL_CTL_DEL:
                raise


def print_exception(error):
    """A traceback on stderr, as the interpreter prints an uncaught one (or its last line, if it cannot)."""
    if hasattr(sys, "excepthook"):
        sys.excepthook(type(error), error, error.__traceback__)
    else:
        sys.stderr.write("%s: %s\n" % (type(error).__name__, error))


_hub = None


def get_hub():
    """The process's hub, created on first use with the current (main) greenlet as its parent."""
    global _hub
    if _hub is None:
        _hub = Hub(getcurrent())
    return _hub


def sleep(seconds=0, ref=True):
    """Wait `seconds` in the hub; sleep(0) only lets the other ready greenlets run first."""
    hub = get_hub()
    if seconds <= 0:
        waiter = Waiter(hub)
        hub.run_callback(waiter.switch, None)
        waiter.get()
    else:
        hub.wait(hub.timer(seconds, ref))


def kill(glet, exception=GreenletExit):
    """Kill a greenlet asynchronously: raise `exception` in it at its next switch."""
    if hasattr(glet, "kill"):
        glet.kill(exception, False)
    else:
        get_hub().run_callback(glet.throw, exception)


def spawn_raw(function, *args, **kwargs):
    """A plain greenlet (no Greenlet API), started by the hub on its next pass."""
    if kwargs:
        plain_function = function

        def function(*positional):
            return plain_function(*positional, **kwargs)

    glet = greenlet(function, get_hub())
    get_hub().run_callback(glet.switch, *args)
    return glet
