"""socket: CPython's socket module, written in ioplay's Python subset over `_ioplay` (one syscall per call).

Blocking works as in CPython: with no timeout the fd is blocking and the kernel waits; with a timeout the
fd is non-blocking and every call first waits in `poll()` for at most the time left, as CPython's
`sock_call_ex` does; with timeout 0 the call fails with BlockingIOError at once.

The address families and socket kinds are `AddressFamily` and `SocketKind` IntEnum members, as in
CPython (`<AddressFamily.AF_INET: 2>`; `str()` and the socket's repr give the number).

Deliberate differences from CPython: only AF_INET is supported; `makefile`, `dup`, `sendfile` and socket finalisation on
garbage collection are not provided (close sockets explicitly or with `with`).
"""

import _ioplay
from enum import IntEnum
from errno import EINPROGRESS, EINTR
import os


class AddressFamily(IntEnum):
    AF_UNSPEC = 0
    AF_UNIX = 1
    AF_INET = 2
    AF_INET6 = 10


class SocketKind(IntEnum):
    SOCK_STREAM = 1
    SOCK_DGRAM = 2
    SOCK_RAW = 3
    SOCK_RDM = 4
    SOCK_SEQPACKET = 5
    SOCK_NONBLOCK = 0o4000
    SOCK_CLOEXEC = 0o2000000


AF_UNSPEC = AddressFamily.AF_UNSPEC
AF_UNIX = AddressFamily.AF_UNIX
AF_INET = AddressFamily.AF_INET
AF_INET6 = AddressFamily.AF_INET6
SOCK_STREAM = SocketKind.SOCK_STREAM
SOCK_DGRAM = SocketKind.SOCK_DGRAM
SOCK_RAW = SocketKind.SOCK_RAW
SOCK_RDM = SocketKind.SOCK_RDM
SOCK_SEQPACKET = SocketKind.SOCK_SEQPACKET
SOCK_NONBLOCK = SocketKind.SOCK_NONBLOCK
SOCK_CLOEXEC = SocketKind.SOCK_CLOEXEC


def _intenum_converter(value, enum_klass):
    """The enum member for an int when there is one (CPython's helper of the same name)."""
    try:
        return enum_klass(value)
    except ValueError:
        return value
SOL_SOCKET = 1
SO_REUSEADDR = 2
SO_TYPE = 3
SO_ERROR = 4
SO_BROADCAST = 6
SO_SNDBUF = 7
SO_RCVBUF = 8
SO_KEEPALIVE = 9
SO_LINGER = 13
SO_REUSEPORT = 15
SO_RCVLOWAT = 18
SOL_TCP = 6
SOL_UDP = 17
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
TCP_NODELAY = 1
SOMAXCONN = 4096
SHUT_RD = 0
SHUT_WR = 1
SHUT_RDWR = 2
MSG_PEEK = 2
MSG_DONTWAIT = 0x40
MSG_WAITALL = 0x100
INADDR_ANY = 0
AI_PASSIVE = 1
has_ipv6 = False

# ioctl requests and poll events used below (Linux numbers).
FIONBIO = 0x5421
_POLLIN = 1
_POLLOUT = 4
_POLLERR = 8
_CLOCK_MONOTONIC = 1

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


_GLOBAL_DEFAULT_TIMEOUT = object()
_default_timeout = None


def getdefaulttimeout():
    return _default_timeout


def setdefaulttimeout(value):
    global _default_timeout
    _default_timeout = _checked_timeout(value)


def _checked_timeout(value):
    if value is None:
        return None
    value = float(value)
    if value < 0:
        raise ValueError("Timeout value out of range")
    return value


def _is_dotted_quad(host):
    parts = host.split(".")
    if len(parts) != 4:
        return False
    for part in parts:
        if not part.isdigit() or int(part) > 255:
            return False
    return True


def gethostbyname(hostname):
    """The simulated DNS (the world's hosts); dotted quads and '' need no lookup."""
    if hostname == "":
        return "0.0.0.0"
    if _is_dotted_quad(hostname):
        return hostname
    try:
        return _ioplay.gethostbyname(hostname)
    except OSError as lookup_error:
        raise gaierror(lookup_error.errno, lookup_error.strerror) from None


def gethostname():
    return "localhost"


def _resolve(address):
    """CPython's address parsing for AF_INET: a (host, port) tuple, the host resolved to an ip."""
    if not isinstance(address, tuple) or len(address) != 2:
        raise TypeError("AF_INET address must be a pair (host, port)")
    host, port = address
    if not isinstance(port, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(port).__name__)
    if not 0 <= port <= 65535:
        raise OverflowError("bind(): port must be 0-65535.")
    if host == "<broadcast>":
        return ("255.255.255.255", port)
    return (gethostbyname(host), port)


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """The simulated DNS in getaddrinfo's shape: IPv4 only, one entry per socket type as glibc orders them."""
    if host is None:
        host = "0.0.0.0" if flags & AI_PASSIVE else "127.0.0.1"
    ip = gethostbyname(host)
    if isinstance(port, str):
        port = int(port)
    if port is None:
        port = 0
    kinds = [(SOCK_STREAM, IPPROTO_TCP), (SOCK_DGRAM, IPPROTO_UDP), (SOCK_RAW, IPPROTO_IP)]
    result = []
    for kind, kind_proto in kinds:
        if type and type != kind:
            continue
        if proto and proto != kind_proto:
            continue
        result.append((AF_INET, kind, kind_proto, "", (ip, port)))
    return result


def _monotonic_ns():
    return _ioplay.clock_gettime(_CLOCK_MONOTONIC)


class socket:
    """A socket object over one fd, with CPython's methods, errors and repr."""

    _repr_name = "socket.socket"

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family == -1:
            family = AF_INET
        if type == -1:
            type = SOCK_STREAM
        if proto == -1:
            proto = 0
        if fileno is None:
            fileno = _ioplay.socket(family, type, proto)
        self._fd = fileno
        self._closed = False
        self.family = _intenum_converter(family, AddressFamily)
        self.type = _intenum_converter(type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), SocketKind)
        self.proto = proto
        self._timeout = _default_timeout
        if type & SOCK_NONBLOCK:
            self._timeout = 0.0
        elif self._timeout is not None:
            self._set_internal_blocking(False)

    # -- the waiting policy: how a call that would block waits (gevent's socket overrides these two) --

    def _set_internal_blocking(self, blocking):
        """CPython sets O_NONBLOCK with ioctl(FIONBIO) whenever the socket has a timeout."""
        _ioplay.ioctl(self._fd, FIONBIO, 0 if blocking else 1)

    def _sock_call(self, writing, syscall, args, deadline_ns=None):
        """Make `syscall(fd, *args)`; with a timeout, first wait in poll() for the time left."""
        if not self._timeout:
            return syscall(self._fd, *args)
        if deadline_ns is None:
            deadline_ns = _monotonic_ns() + int(self._timeout * 1e9)
        while True:
            self._wait_ready(writing, deadline_ns)
            try:
                return syscall(self._fd, *args)
            except BlockingIOError:
                continue

    def _wait_ready(self, writing, deadline_ns):
        """poll() the fd until ready or the deadline; raise TimeoutError('timed out') as CPython does."""
        left_ns = deadline_ns - _monotonic_ns()
        if left_ns < 0:
            raise timeout("timed out")
        events = _POLLOUT if writing else _POLLIN
        left_ms = (left_ns + 999999) // 1000000
        if not _ioplay.poll([(self._fd, events)], left_ms):
            raise timeout("timed out")

    # -- the API --

    def fileno(self):
        return self._fd

    def __repr__(self):
        closed = " [closed]" if self._closed else ""
        text = "<%s%s fd=%i, family=%s, type=%s, proto=%i" % (
            self._repr_name,
            closed,
            self._fd,
            self.family,
            self.type,
            self.proto,
        )
        if not self._closed:
            try:
                laddr = self.getsockname()
                if laddr:
                    text += ", laddr=%s" % str(laddr)
            except OSError:
                pass
            try:
                raddr = self.getpeername()
                if raddr:
                    text += ", raddr=%s" % str(raddr)
            except OSError:
                pass
        return text + ">"

    def __enter__(self):
        return self

    def __exit__(self, *args):
        if not self._closed:
            self.close()

    def bind(self, address):
        _ioplay.bind(self._fd, _resolve(address))

    def listen(self, backlog=128):
        _ioplay.listen(self._fd, max(backlog, 0))

    def _accept(self):
        return self._sock_call(False, _ioplay.accept4, (SOCK_CLOEXEC,))

    def accept(self):
        fd, address = self._accept()
        sock = type(self)(self.family, self.type, self.proto, fileno=fd)
        if getdefaulttimeout() is None and self.gettimeout():
            sock.setblocking(True)
        return sock, address

    def connect(self, address):
        address = _resolve(address)
        try:
            _ioplay.connect(self._fd, address)
            return
        except OSError as connect_error:
            if connect_error.errno != EINPROGRESS or not self._timeout:
                raise
        # A connect with a timeout: wait until writable, then read the outcome from SO_ERROR.
        self._wait_ready(True, _monotonic_ns() + int(self._timeout * 1e9))
        code = self.getsockopt(SOL_SOCKET, SO_ERROR)
        if code:
            raise OSError(code, os.strerror(code))

    def connect_ex(self, address):
        try:
            self.connect(address)
        except TimeoutError:
            raise
        except OSError as connect_error:
            if connect_error.errno is None or connect_error.errno == EINTR:
                raise
            return connect_error.errno
        return 0

    def recv(self, bufsize, flags=0):
        if bufsize < 0:
            raise ValueError("negative buffersize in recv")
        if bufsize == 0:
            # CPython answers an empty read itself, without a syscall.
            return b""
        return self._sock_call(False, _ioplay.recv, (bufsize, flags))

    def recvfrom(self, bufsize, flags=0):
        if bufsize < 0:
            raise ValueError("negative buffersize in recvfrom")
        return self._sock_call(False, _ioplay.recvfrom, (bufsize, flags))

    def recv_into(self, buffer, nbytes=0, flags=0):
        if nbytes < 0:
            raise ValueError("negative buffersize in recv_into")
        if nbytes == 0:
            nbytes = len(buffer)
        data = self.recv(nbytes, flags)
        buffer[: len(data)] = data
        return len(data)

    def send(self, data, flags=0):
        return self._sock_call(True, _ioplay.send, (bytes(data), flags))

    def sendall(self, data, flags=0):
        """send() until all is sent; with a timeout the deadline covers the whole call, as in CPython."""
        data = bytes(data)
        deadline_ns = None
        if self._timeout:
            deadline_ns = _monotonic_ns() + int(self._timeout * 1e9)
        while data:
            sent = self._sock_call(True, _ioplay.send, (data, flags), deadline_ns)
            data = data[sent:]

    def sendto(self, data, flags_or_address, address=None):
        if address is None:
            flags, address = 0, flags_or_address
        else:
            flags = flags_or_address
        return self._sock_call(True, _ioplay.sendto, (bytes(data), flags, _resolve(address)))

    def shutdown(self, how):
        _ioplay.shutdown(self._fd, how)

    def close(self):
        if self._closed:
            return
        self._closed = True
        fd = self._fd
        self._fd = -1
        _ioplay.close(fd)

    def detach(self):
        fd = self._fd
        self._closed = True
        self._fd = -1
        return fd

    def getsockname(self):
        return _ioplay.getsockname(self._fd)

    def getpeername(self):
        return _ioplay.getpeername(self._fd)

    def setsockopt(self, level, option, value):
        if isinstance(value, bool):
            value = int(value)
        _ioplay.setsockopt(self._fd, level, option, value)

    def getsockopt(self, level, option, buflen=None):
        return _ioplay.getsockopt(self._fd, level, option)

    def setblocking(self, flag):
        self.settimeout(None if flag else 0.0)

    def getblocking(self):
        return self._timeout != 0.0

    def settimeout(self, value):
        self._timeout = _checked_timeout(value)
        self._set_internal_blocking(self._timeout is None)

    def gettimeout(self):
        return self._timeout


SocketType = socket


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """Connect to (host, port), trying each address getaddrinfo gives, as CPython does."""
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
    if last_error is not None:
        raise last_error
    raise error("getaddrinfo returns an empty list")


def create_server(address, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False):
    """A listening TCP socket with SO_REUSEADDR, as CPython's create_server makes on Linux."""
    sock = socket(family, SOCK_STREAM)
    try:
        sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        try:
            sock.bind(address)
        except OSError as bind_error:
            message = "%s (while attempting to bind on address %r)" % (bind_error.strerror, address)
            raise OSError(bind_error.errno, message) from None
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except OSError:
        sock.close()
        raise
