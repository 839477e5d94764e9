"""gevent.socket: the cooperative socket. Its fd is always non-blocking; a call that gets EAGAIN starts
an fd watcher in the hub and switches to the hub, which resumes it when epoll_wait says the fd is ready
(or raises socket.timeout when the socket's timeout expires first). Then the call is retried.
"""

import socket as _stdlib_socket
import os
import _ioplay
from errno import EINPROGRESS, EALREADY, EWOULDBLOCK, EISCONN, EBADF
from gevent.hub import get_hub, READ, WRITE
from gevent.timeout import Timeout

# Everything but the socket class and the functions that create sockets is the standard module's.
AF_INET = _stdlib_socket.AF_INET
SOCK_STREAM = _stdlib_socket.SOCK_STREAM
SOCK_DGRAM = _stdlib_socket.SOCK_DGRAM
SOL_SOCKET = _stdlib_socket.SOL_SOCKET
SO_REUSEADDR = _stdlib_socket.SO_REUSEADDR
SO_ERROR = _stdlib_socket.SO_ERROR
IPPROTO_TCP = _stdlib_socket.IPPROTO_TCP
TCP_NODELAY = _stdlib_socket.TCP_NODELAY
SHUT_RD = _stdlib_socket.SHUT_RD
SHUT_WR = _stdlib_socket.SHUT_WR
SHUT_RDWR = _stdlib_socket.SHUT_RDWR
error = OSError
timeout = TimeoutError
gaierror = _stdlib_socket.gaierror
herror = _stdlib_socket.herror
gethostbyname = _stdlib_socket.gethostbyname
getaddrinfo = _stdlib_socket.getaddrinfo
gethostname = _stdlib_socket.gethostname
getdefaulttimeout = _stdlib_socket.getdefaulttimeout
setdefaulttimeout = _stdlib_socket.setdefaulttimeout
_GLOBAL_DEFAULT_TIMEOUT = _stdlib_socket._GLOBAL_DEFAULT_TIMEOUT

# The standard socket class, kept before monkey.patch_socket() replaces socket.socket with ours.
_BaseSocket = _stdlib_socket.socket
_FIONBIO = 0x5421


class cancel_wait_ex(OSError):
    """What a greenlet waiting on a socket gets when another greenlet closes that socket."""

    def __init__(self):
        OSError.__init__(self, EBADF, "File descriptor was closed in another greenlet")


class socket(_BaseSocket):
    """A socket whose blocking calls wait in the hub instead of in the kernel."""

    _repr_name = "gevent._socket3.socket"

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        _BaseSocket.__init__(self, family, type, proto, fileno)
        self.hub = get_hub()
        _ioplay.ioctl(self._fd, _FIONBIO, 1)
        self._read_event = self.hub.io(self._fd, READ)
        self._write_event = self.hub.io(self._fd, WRITE)

    def _set_internal_blocking(self, blocking):
        """The fd stays non-blocking: waiting is the hub's job."""

    def _wait(self, watcher):
        """Switch to the hub until `watcher`'s fd is ready; socket.timeout after the socket's timeout."""
        timer = Timeout._start_new_or_dummy(self._timeout, timeout("timed out"))
        try:
            self.hub.wait(watcher)
        finally:
            timer.cancel()

    def _sock_call(self, writing, syscall, args, deadline_ns=None):
        """Try the call; on EAGAIN wait in the hub (unless timeout is 0) and try again."""
        while True:
            try:
                return syscall(self._fd, *args)
            except BlockingIOError:
                if self._timeout == 0.0:
                    raise
            if writing:
                self._wait(self._write_event)
            else:
                self._wait(self._read_event)

    def connect(self, address):
        """A non-blocking connect, then wait in the hub until writable and read SO_ERROR."""
        if self._timeout == 0.0:
            return _BaseSocket.connect(self, address)
        address = _stdlib_socket._resolve(address)
        timer = Timeout._start_new_or_dummy(self._timeout, timeout("timed out"))
        try:
            while True:
                code = self.getsockopt(SOL_SOCKET, SO_ERROR)
                if code:
                    raise OSError(code, os.strerror(code))
                try:
                    _ioplay.connect(self._fd, address)
                    return
                except OSError as connect_error:
                    if connect_error.errno == EISCONN:
                        return
                    if connect_error.errno not in (EINPROGRESS, EALREADY, EWOULDBLOCK):
                        raise
                self.hub.wait(self._write_event)
        finally:
            timer.cancel()

    def close(self):
        if not self._closed:
            self.hub.cancel_wait(self._read_event, cancel_wait_ex())
            self.hub.cancel_wait(self._write_event, cancel_wait_ex())
            self.hub.forget_fd(self._fd)
        _BaseSocket.close(self)

    def __repr__(self):
        text = _BaseSocket.__repr__(self)
        return "<gevent._socket3.socket at 0x%x object, fd=%d, family=%s, type=%s, proto=%s%s" % (
            id(self),
            self._fd,
            self.family,
            self.type,
            self.proto,
            text[text.find(", laddr") :] if ", laddr" in text else ">",
        )


SocketType = socket


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """socket.create_connection with a cooperative socket."""
    host, port = address
    last_error = None
    for family, kind, proto, canonname, sockaddr in getaddrinfo(host, port, 0, SOCK_STREAM):
        sock = None
        try:
            sock = socket(family, kind, proto)
            if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as connect_error:
            last_error = connect_error
            if sock is not None:
                sock.close()
    raise last_error


# As in gevent, create_server is the standard module's: without monkey patching it makes a standard
# (blocking) socket, after patch_socket() a cooperative one, since it calls socket.socket.
create_server = _stdlib_socket.create_server


def wait_read(fileno, timeout=None, timeout_exc=None):
    """Wait in the hub until `fileno` is readable."""
    _wait_fd(fileno, READ, timeout, timeout_exc)


def wait_write(fileno, timeout=None, timeout_exc=None):
    """Wait in the hub until `fileno` is writable."""
    _wait_fd(fileno, WRITE, timeout, timeout_exc)


def _wait_fd(fileno, events, timeout_seconds, timeout_exc):
    hub = get_hub()
    if timeout_exc is None:
        timeout_exc = timeout("timed out")
    timer = Timeout._start_new_or_dummy(timeout_seconds, timeout_exc)
    try:
        hub.wait(hub.io(fileno, events))
    finally:
        timer.cancel()
