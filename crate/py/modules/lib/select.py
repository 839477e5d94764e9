"""select: select(), poll and epoll objects, as CPython's `select` module, over `_ioplay`.

Each call is the one syscall CPython makes: `select()` is select(2) (so fds must be below FD_SETSIZE 1024),
`poll.poll()` is poll(2), `epoll.poll()` is epoll_wait(2).
"""

import _ioplay

POLLIN = 1
POLLPRI = 2
POLLOUT = 4
POLLERR = 8
POLLHUP = 16
POLLNVAL = 32
POLLRDNORM = 64
POLLRDBAND = 128
POLLWRNORM = 256
POLLWRBAND = 512
POLLMSG = 1024
POLLRDHUP = 0x2000
EPOLLIN = 1
EPOLLPRI = 2
EPOLLOUT = 4
EPOLLERR = 8
EPOLLHUP = 16
EPOLLRDNORM = 64
EPOLLRDBAND = 128
EPOLLWRNORM = 256
EPOLLWRBAND = 512
EPOLLMSG = 1024
EPOLLRDHUP = 0x2000
EPOLLEXCLUSIVE = 1 << 28
EPOLLONESHOT = 1 << 30
EPOLLET = 1 << 31
EPOLL_CLOEXEC = 0o2000000
PIPE_BUF = 4096

FD_SETSIZE = 1024
_EPOLL_CTL_ADD = 1
_EPOLL_CTL_DEL = 2
_EPOLL_CTL_MOD = 3

error = OSError


def _fileno(fileobj):
    """An int fd from an int or an object with fileno(), with CPython's errors."""
    if isinstance(fileobj, int):
        fd = fileobj
    elif hasattr(fileobj, "fileno"):
        fd = fileobj.fileno()
        if not isinstance(fd, int):
            raise TypeError("fileno() returned a non-integer")
    else:
        raise TypeError("argument must be an int, or have a fileno() method.")
    if fd < 0:
        raise ValueError("file descriptor cannot be a negative integer (%d)" % fd)
    return fd


def _select_fds(objects):
    """(object, fd) pairs for one of select()'s lists."""
    pairs = []
    for fileobj in objects:
        fd = _fileno(fileobj)
        if fd >= FD_SETSIZE:
            raise ValueError("filedescriptor out of range in select()")
        pairs.append((fileobj, fd))
    return pairs


def _timeout_ms(timeout):
    """poll's and epoll's timeout: None or negative blocks; otherwise rounded up, as CPython rounds."""
    if timeout is None:
        return -1
    if timeout < 0:
        return -1
    return int(-(-timeout // 1))


def select(rlist, wlist, xlist, timeout=None):
    """Wait until some of the fds are ready; return the ready objects, in the order given."""
    if timeout is None:
        timeout_ns = None
    else:
        if not isinstance(timeout, (int, float)):
            raise TypeError("timeout must be a float or None")
        if timeout < 0:
            raise ValueError("timeout must be non-negative")
        timeout_ns = int(-(-timeout * 1e9 // 1))
    lists = [_select_fds(rlist), _select_fds(wlist), _select_fds(xlist)]
    ready = _ioplay.select([fd for o, fd in lists[0]], [fd for o, fd in lists[1]], [fd for o, fd in lists[2]], timeout_ns)
    result = []
    for pairs, ready_fds in zip(lists, ready):
        result.append([fileobj for fileobj, fd in pairs if fd in ready_fds])
    return result[0], result[1], result[2]


class poll:
    """A poll(2) interest set kept in user space, as CPython keeps it: each poll() passes it whole."""

    def __init__(self):
        self._events = {}

    def register(self, fd, eventmask=POLLIN | POLLPRI | POLLOUT):
        self._events[_fileno(fd)] = eventmask

    def modify(self, fd, eventmask):
        fd = _fileno(fd)
        if fd not in self._events:
            raise OSError(2, "No such file or directory")
        self._events[fd] = eventmask

    def unregister(self, fd):
        fd = _fileno(fd)
        if fd not in self._events:
            raise KeyError(fd)
        del self._events[fd]

    def poll(self, timeout=None):
        return _ioplay.poll(list(self._events.items()), _timeout_ms(timeout))


class epoll:
    """An epoll instance: one kernel object, so register/modify/unregister are epoll_ctl(2) calls."""

    def __init__(self, sizehint=-1, flags=0):
        if sizehint == 0 or sizehint < -1:
            raise ValueError("negative sizehint")
        self._epfd = _ioplay.epoll_create1(EPOLL_CLOEXEC)

    def _check_open(self):
        if self._epfd < 0:
            raise ValueError("I/O operation on closed epoll object")

    @property
    def closed(self):
        return self._epfd < 0

    def fileno(self):
        self._check_open()
        return self._epfd

    def close(self):
        if self._epfd >= 0:
            epfd = self._epfd
            self._epfd = -1
            _ioplay.close(epfd)

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *args):
        self.close()

    def register(self, fd, eventmask=EPOLLIN | EPOLLPRI | EPOLLOUT):
        self._check_open()
        _ioplay.epoll_ctl(self._epfd, _EPOLL_CTL_ADD, _fileno(fd), eventmask)

    def modify(self, fd, eventmask):
        self._check_open()
        _ioplay.epoll_ctl(self._epfd, _EPOLL_CTL_MOD, _fileno(fd), eventmask)

    def unregister(self, fd):
        self._check_open()
        _ioplay.epoll_ctl(self._epfd, _EPOLL_CTL_DEL, _fileno(fd), 0)

    def poll(self, timeout=None, maxevents=-1):
        """epoll_wait(2); `timeout` in seconds (rounded up to ms), None or negative blocks."""
        self._check_open()
        if timeout is None or timeout < 0:
            timeout_ms = -1
        else:
            timeout_ms = int(-(-timeout * 1000 // 1))
        if maxevents == -1:
            maxevents = FD_SETSIZE - 1
        elif maxevents < 1:
            raise ValueError("maxevents must be greater than 0, got %d" % maxevents)
        return _ioplay.epoll_wait(self._epfd, maxevents, timeout_ms)
