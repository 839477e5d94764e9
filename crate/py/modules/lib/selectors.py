"""selectors: high-level I/O multiplexing, as CPython's `selectors` (itself Python over `select`).

DefaultSelector is EpollSelector, as on Linux. The code follows CPython's Lib/selectors.py, without its
abstract base classes: SelectSelector calls select(), PollSelector poll(), EpollSelector epoll_wait().
"""

import select as _select

EVENT_READ = 1
EVENT_WRITE = 2


def _fileobj_to_fd(fileobj):
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError("Invalid file object: {!r}".format(fileobj)) from None
    if fd < 0:
        raise ValueError("Invalid file descriptor: {}".format(fd))
    return fd


class SelectorKey:
    """What a selector knows of one registered file object (a namedtuple in CPython)."""

    def __init__(self, fileobj, fd, events, data):
        self.fileobj = fileobj
        self.fd = fd
        self.events = events
        self.data = data

    def _fields(self):
        return (self.fileobj, self.fd, self.events, self.data)

    def __iter__(self):
        return iter(self._fields())

    def __eq__(self, other):
        return isinstance(other, SelectorKey) and self._fields() == other._fields()

    def __hash__(self):
        return hash((self.fd, self.events))

    def __repr__(self):
        return "SelectorKey(fileobj=%r, fd=%r, events=%r, data=%r)" % self._fields()


class BaseSelector:
    """Registration bookkeeping shared by every selector; subclasses implement select()."""

    def __init__(self):
        self._fd_to_key = {}

    def _fileobj_lookup(self, fileobj):
        """The fd of `fileobj`, or, for a closed object still registered, the fd it was registered with."""
        try:
            return _fileobj_to_fd(fileobj)
        except ValueError:
            for key in self._fd_to_key.values():
                if key.fileobj is fileobj:
                    return key.fd
            raise

    def register(self, fileobj, events, data=None):
        if (not events) or (events & ~(EVENT_READ | EVENT_WRITE)):
            raise ValueError("Invalid events: {!r}".format(events))
        key = SelectorKey(fileobj, self._fileobj_lookup(fileobj), events, data)
        if key.fd in self._fd_to_key:
            raise KeyError("{!r} (FD {}) is already registered".format(fileobj, key.fd))
        self._fd_to_key[key.fd] = key
        return key

    def unregister(self, fileobj):
        try:
            key = self._fd_to_key.pop(self._fileobj_lookup(fileobj))
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None
        return key

    def modify(self, fileobj, events, data=None):
        try:
            key = self._fd_to_key[self._fileobj_lookup(fileobj)]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None
        if events != key.events:
            self.unregister(fileobj)
            key = self.register(fileobj, events, data)
        elif data != key.data:
            key = SelectorKey(key.fileobj, key.fd, key.events, data)
            self._fd_to_key[key.fd] = key
        return key

    def select(self, timeout=None):
        raise NotImplementedError

    def close(self):
        self._fd_to_key.clear()
        self._fd_to_key = None

    def get_key(self, fileobj):
        mapping = self.get_map()
        if mapping is None:
            raise RuntimeError("Selector is closed")
        try:
            return mapping[fileobj]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None

    def get_map(self):
        """fileobj -> key (a read-only view in CPython, a fresh dict here)."""
        if self._fd_to_key is None:
            return None
        mapping = {}
        for key in self._fd_to_key.values():
            mapping[key.fileobj] = key
        return mapping

    def _key_from_fd(self, fd):
        return self._fd_to_key.get(fd)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class SelectSelector(BaseSelector):
    """select(2)-based selector."""

    def __init__(self):
        BaseSelector.__init__(self)
        self._readers = []
        self._writers = []

    def register(self, fileobj, events, data=None):
        key = BaseSelector.register(self, fileobj, events, data)
        if events & EVENT_READ:
            self._readers.append(key.fd)
        if events & EVENT_WRITE:
            self._writers.append(key.fd)
        return key

    def unregister(self, fileobj):
        key = BaseSelector.unregister(self, fileobj)
        if key.fd in self._readers:
            self._readers.remove(key.fd)
        if key.fd in self._writers:
            self._writers.remove(key.fd)
        return key

    def select(self, timeout=None):
        if timeout is not None:
            timeout = max(timeout, 0)
        ready = []
        try:
            r, w, x = _select.select(self._readers, self._writers, [], timeout)
        except InterruptedError:
            return ready
        # CPython walks a set of small ints, which iterates in ascending order.
        for fd in sorted(set(r) | set(w)):
            events = 0
            if fd in r:
                events |= EVENT_READ
            if fd in w:
                events |= EVENT_WRITE
            key = self._key_from_fd(fd)
            if key:
                ready.append((key, events & key.events))
        return ready


class _PollLikeSelector(BaseSelector):
    """Shared by PollSelector and EpollSelector: the kernel (or poll's set) holds the interest list."""

    _EVENT_READ = _select.POLLIN
    _EVENT_WRITE = _select.POLLOUT

    def __init__(self):
        BaseSelector.__init__(self)
        self._selector = self._make_selector()

    def _make_selector(self):
        return _select.poll()

    def _poll_events(self, events):
        poller_events = 0
        if events & EVENT_READ:
            poller_events |= self._EVENT_READ
        if events & EVENT_WRITE:
            poller_events |= self._EVENT_WRITE
        return poller_events

    def register(self, fileobj, events, data=None):
        key = BaseSelector.register(self, fileobj, events, data)
        try:
            self._selector.register(key.fd, self._poll_events(events))
        except BaseException:
            BaseSelector.unregister(self, fileobj)
            raise
        return key

    def unregister(self, fileobj):
        key = BaseSelector.unregister(self, fileobj)
        try:
            self._selector.unregister(key.fd)
        except OSError:
            # The fd may have been closed before it was unregistered: nothing left to remove.
            pass
        return key

    def modify(self, fileobj, events, data=None):
        try:
            key = self._fd_to_key[self._fileobj_lookup(fileobj)]
        except KeyError:
            raise KeyError(f"{fileobj!r} is not registered") from None
        changed = False
        if events != key.events:
            if (not events) or (events & ~(EVENT_READ | EVENT_WRITE)):
                raise ValueError("Invalid events: {!r}".format(events))
            self._selector.modify(key.fd, self._poll_events(events))
            changed = True
        if data != key.data:
            changed = True
        if changed:
            key = SelectorKey(key.fileobj, key.fd, events, data)
            self._fd_to_key[key.fd] = key
        return key

    def _wait(self, timeout):
        """poll(2) takes milliseconds: None blocks, ≤ 0 polls, else rounded up."""
        if timeout is None:
            timeout = None
        elif timeout <= 0:
            timeout = 0
        else:
            timeout = int(-(-timeout * 1e3 // 1))
        return self._selector.poll(timeout)

    def select(self, timeout=None):
        ready = []
        try:
            fd_event_list = self._wait(timeout)
        except InterruptedError:
            return ready
        for fd, event in fd_event_list:
            events = 0
            if event & ~self._EVENT_READ:
                events |= EVENT_WRITE
            if event & ~self._EVENT_WRITE:
                events |= EVENT_READ
            key = self._key_from_fd(fd)
            if key:
                ready.append((key, events & key.events))
        return ready


class PollSelector(_PollLikeSelector):
    """poll(2)-based selector."""


class EpollSelector(_PollLikeSelector):
    """epoll-based selector: epoll_wait(2) for at most as many events as there are registered fds."""

    _EVENT_READ = _select.EPOLLIN
    _EVENT_WRITE = _select.EPOLLOUT

    def _make_selector(self):
        return _select.epoll()

    def fileno(self):
        return self._selector.fileno()

    def _wait(self, timeout):
        if timeout is None:
            timeout = -1
        elif timeout <= 0:
            timeout = 0
        else:
            timeout = int(-(-timeout * 1e3 // 1)) * 1e-3
        max_events = max(len(self._fd_to_key), 1)
        return self._selector.poll(timeout, max_events)

    def close(self):
        self._selector.close()
        BaseSelector.close(self)


DefaultSelector = EpollSelector
