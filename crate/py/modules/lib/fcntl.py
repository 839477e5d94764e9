"""fcntl: fcntl(2) and ioctl(2) on ints or objects with fileno(), as CPython's `fcntl` module."""

import _ioplay

F_DUPFD = 0
F_GETFD = 1
F_SETFD = 2
F_GETFL = 3
F_SETFL = 4
F_SETOWN = 8
F_GETOWN = 9
F_SETSIG = 10
F_GETSIG = 11
FD_CLOEXEC = 1
FIONBIO = 0x5421
FIONREAD = 0x541B
O_NONBLOCK = 0o4000
O_ASYNC = 0o20000
FASYNC = O_ASYNC


def _fd(fileobj):
    if isinstance(fileobj, int):
        return fileobj
    if hasattr(fileobj, "fileno"):
        return fileobj.fileno()
    raise TypeError("argument must be an int, or have a fileno() method.")


def fcntl(fd, cmd, arg=0):
    return _ioplay.fcntl(_fd(fd), cmd, arg)


def ioctl(fd, request, arg=0, mutate_flag=True):
    return _ioplay.ioctl(_fd(fd), request, arg)
