"""os: the few calls the lesson uses (getpid, read, write, pipe, close, strerror), over `_ioplay`."""

import _ioplay

O_RDONLY = 0
O_WRONLY = 1
O_RDWR = 2
O_NONBLOCK = 0o4000
O_ASYNC = 0o20000
O_CLOEXEC = 0o2000000
name = "posix"
linesep = "\n"
sep = "/"

error = OSError

# glibc's messages, the strerror of every errno the simulated kernel can return.
_MESSAGES = {
    1: "Operation not permitted",
    2: "No such file or directory",
    3: "No such process",
    4: "Interrupted system call",
    5: "Input/output error",
    9: "Bad file descriptor",
    11: "Resource temporarily unavailable",
    12: "Cannot allocate memory",
    13: "Permission denied",
    14: "Bad address",
    16: "Device or resource busy",
    17: "File exists",
    20: "Not a directory",
    21: "Is a directory",
    22: "Invalid argument",
    23: "Too many open files in system",
    24: "Too many open files",
    25: "Inappropriate ioctl for device",
    28: "No space left on device",
    29: "Illegal seek",
    32: "Broken pipe",
    36: "File name too long",
    38: "Function not implemented",
    88: "Socket operation on non-socket",
    90: "Message too long",
    95: "Operation not supported",
    97: "Address family not supported by protocol",
    98: "Address already in use",
    99: "Cannot assign requested address",
    100: "Network is down",
    101: "Network is unreachable",
    103: "Software caused connection abort",
    104: "Connection reset by peer",
    105: "No buffer space available",
    106: "Transport endpoint is already connected",
    107: "Transport endpoint is not connected",
    108: "Cannot send after transport endpoint shutdown",
    110: "Connection timed out",
    111: "Connection refused",
    112: "Host is down",
    113: "No route to host",
    114: "Operation already in progress",
    115: "Operation now in progress",
}


def strerror(code):
    return _MESSAGES.get(code, "Unknown error %d" % code)


def getpid():
    return _ioplay.getpid()


def read(fd, n):
    return _ioplay.read(fd, n)


def write(fd, data):
    return _ioplay.write(fd, bytes(data))


def pipe():
    """Two fds (read end, write end), close-on-exec as CPython makes them."""
    return _ioplay.pipe2(O_CLOEXEC)


def pipe2(flags):
    return _ioplay.pipe2(flags)


def close(fd):
    _ioplay.close(fd)


def kill(pid, sig):
    _ioplay.kill(pid, sig)


def get_blocking(fd):
    return not _ioplay.fcntl(fd, 3, 0) & O_NONBLOCK


def set_blocking(fd, blocking):
    flags = _ioplay.fcntl(fd, 3, 0)
    if blocking:
        flags = flags & ~O_NONBLOCK
    else:
        flags = flags | O_NONBLOCK
    _ioplay.fcntl(fd, 4, flags)
