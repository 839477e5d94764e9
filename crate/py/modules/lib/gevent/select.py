"""gevent.select: select() that waits in the hub (not in the kernel), as gevent's does.

It first asks the kernel with a zero timeout; if nothing is ready, it starts one fd watcher per fd and
switches to the hub until one fires (or the timeout passes), then returns what became ready.
"""

import select as _stdlib_select
from greenlet import getcurrent  # noqa: F401
from gevent.hub import get_hub, Waiter, READ, WRITE

error = OSError
_original_select = _stdlib_select.select


class _SelectResult:
    """Collects the fds the hub reports ready during one select() and wakes the selecting greenlet."""

    def __init__(self, hub):
        self.hub = hub
        self.read = []
        self.write = []
        self.waiter = Waiter(hub)
        self.woken = False

    def on_ready(self, fd, ready_list):
        if fd not in ready_list:
            ready_list.append(fd)
        if not self.woken:
            # Let the other watchers of this loop iteration report too, then wake the caller.
            self.woken = True
            self.hub.run_callback(self.waiter.switch, None)


def _fd_of(fileobj):
    if isinstance(fileobj, int):
        return fileobj
    return fileobj.fileno()


def select(rlist, wlist, xlist, timeout=None):
    """select() for greenlets: the same arguments, results and errors as select.select."""
    ready = _original_select(rlist, wlist, xlist, 0)
    if ready[0] or ready[1] or ready[2] or timeout == 0:
        return ready
    hub = get_hub()
    result = _SelectResult(hub)
    watchers = []
    for fileobj in rlist:
        watcher = hub.io(_fd_of(fileobj), READ)
        watcher.start(result.on_ready, _fd_of(fileobj), result.read)
        watchers.append(watcher)
    for fileobj in wlist:
        watcher = hub.io(_fd_of(fileobj), WRITE)
        watcher.start(result.on_ready, _fd_of(fileobj), result.write)
        watchers.append(watcher)
    timer = None
    if timeout is not None:
        timer = hub.timer(timeout)
        timer.start(result.waiter.switch, None)
    try:
        result.waiter.get()
    finally:
        if timer is not None:
            timer.stop()
        for watcher in watchers:
            watcher.stop()
    read = [fileobj for fileobj in rlist if _fd_of(fileobj) in result.read]
    write = [fileobj for fileobj in wlist if _fd_of(fileobj) in result.write]
    return read, write, []


class poll:
    """poll objects for greenlets: poll() waits in the hub like select()."""

    def __init__(self):
        self.fds = {}

    def register(self, fd, eventmask=_stdlib_select.POLLIN | _stdlib_select.POLLOUT):
        self.fds[_fd_of(fd)] = eventmask

    def modify(self, fd, eventmask):
        self.register(fd, eventmask)

    def unregister(self, fd):
        del self.fds[_fd_of(fd)]

    def poll(self, timeout=None):
        """`timeout` in milliseconds, as select.poll's."""
        readers = [fd for fd in self.fds if self.fds[fd] & _stdlib_select.POLLIN]
        writers = [fd for fd in self.fds if self.fds[fd] & _stdlib_select.POLLOUT]
        if timeout is not None:
            timeout = None if timeout < 0 else timeout / 1000
        read, write, _ = select(readers, writers, [], timeout)
        result = []
        for fd in self.fds:
            events = 0
            if fd in read:
                events |= _stdlib_select.POLLIN
            if fd in write:
                events |= _stdlib_select.POLLOUT
            if events:
                result.append((fd, events))
        return result
