"""`_ioplay` on real CPython: the contract of crate/py/modules/lib/_ioplay.md over the real kernel.

Each function makes the one real syscall the VM's native `_ioplay` makes in the simulation, so the
libraries in crate/py/modules/lib can run (and be straced) on CPython. Real socket objects are kept in a
table by fd, in blocking mode as far as CPython knows (timeout None): blocking versus non-blocking is only
the fd's O_NONBLOCK flag, set by the libraries through `fcntl`/`ioctl`, exactly as in the simulation.

The runner imports this module before it hides the stdlib's socket/select/os/… behind ours, so the names
below are CPython's real modules.
"""

import errno as _errno
import fcntl as _fcntl
import os as _os
import select as _select
import signal as _signal
import socket as _socket
import struct as _struct
import threading as _threading
import time as _time

_SOCK_FLAGS = _socket.SOCK_NONBLOCK | _socket.SOCK_CLOEXEC

# fd -> the real object that owns it (a socket.socket or a select.epoll).
_sockets = {}
_epolls = {}


def _plain(error):
    """Re-raise a CPython OSError as the contract's OSError(errno, strerror)."""
    if error.errno is None:
        return OSError(_errno.EINVAL, str(error))
    return OSError(error.errno, _os.strerror(error.errno))


def _sock(fd):
    try:
        return _sockets[fd]
    except KeyError:
        raise OSError(_errno.EBADF, _os.strerror(_errno.EBADF)) from None


def _set_nonblocking(fd, on):
    flags = _fcntl.fcntl(fd, _fcntl.F_GETFL)
    flags = flags | _os.O_NONBLOCK if on else flags & ~_os.O_NONBLOCK
    _fcntl.fcntl(fd, _fcntl.F_SETFL, flags)


def _call(function, *args):
    try:
        return function(*args)
    except OSError as error:
        raise _plain(error) from None


def socket(family, type, proto):
    sock = _call(_socket.socket, family, type & ~_SOCK_FLAGS, proto)
    fd = sock.fileno()
    if type & _socket.SOCK_NONBLOCK:
        _set_nonblocking(fd, True)
    _sockets[fd] = sock
    return fd


def bind(fd, address):
    _call(_sock(fd).bind, address)


def listen(fd, backlog):
    _call(_sock(fd).listen, backlog)


def accept4(fd, flags):
    new_fd, address = _call(_sock(fd)._accept)
    _sockets[new_fd] = _socket.socket(fileno=new_fd)
    if flags & _socket.SOCK_NONBLOCK:
        _set_nonblocking(new_fd, True)
    return new_fd, address


def connect(fd, address):
    _call(_sock(fd).connect, address)


def recv(fd, n, flags):
    return _call(_sock(fd).recv, n, flags)


def recvfrom(fd, n, flags):
    return _call(_sock(fd).recvfrom, n, flags)


def send(fd, data, flags):
    return _call(_sock(fd).send, data, flags)


def sendto(fd, data, flags, address):
    return _call(_sock(fd).sendto, data, flags, address)


def shutdown(fd, how):
    _call(_sock(fd).shutdown, how)


def close(fd):
    if fd in _sockets:
        _sockets.pop(fd).close()
    elif fd in _epolls:
        _epolls.pop(fd).close()
    else:
        _call(_os.close, fd)


def getsockname(fd):
    return _call(_sock(fd).getsockname)


def getpeername(fd):
    return _call(_sock(fd).getpeername)


def setsockopt(fd, level, option, value):
    _call(_sock(fd).setsockopt, level, option, value)


def getsockopt(fd, level, option):
    return _call(_sock(fd).getsockopt, level, option)


def fcntl(fd, cmd, arg):
    return _call(_fcntl.fcntl, fd, cmd, arg)


def ioctl(fd, request, arg):
    # FIONBIO and FIONREAD take a pointer to an int.
    result = _call(_fcntl.ioctl, fd, request, _struct.pack("i", arg))
    return _struct.unpack("i", result)[0]


def read(fd, n):
    return _call(_os.read, fd, n)


def write(fd, data):
    return _call(_os.write, fd, data)


def pipe2(flags):
    return _call(_os.pipe2, flags)


def select(rfds, wfds, xfds, timeout_ns):
    timeout = None if timeout_ns is None else timeout_ns / 1e9
    r, w, x = _call(_select.select, rfds, wfds, xfds, timeout)
    return list(r), list(w), list(x)


def poll(fd_events, timeout_ms):
    poller = _select.poll()
    for fd, events in fd_events:
        poller.register(fd, events)
    if timeout_ms is not None and timeout_ms < 0:
        timeout_ms = None
    return _call(poller.poll, timeout_ms)


def epoll_create1(flags):
    epoll = _call(_select.epoll, -1, flags)
    _epolls[epoll.fileno()] = epoll
    return epoll.fileno()


def epoll_ctl(epfd, op, fd, events):
    epoll = _epolls[epfd]
    if op == 1:
        _call(epoll.register, fd, events)
    elif op == 2:
        _call(epoll.unregister, fd)
    elif op == 3:
        _call(epoll.modify, fd, events)
    else:
        raise OSError(_errno.EINVAL, _os.strerror(_errno.EINVAL))


def epoll_wait(epfd, maxevents, timeout_ms):
    timeout = -1 if timeout_ms < 0 else timeout_ms / 1000
    return _call(_epolls[epfd].poll, timeout, maxevents)


def clock_gettime(clock_id):
    return _time.clock_gettime_ns(clock_id)


def clock_nanosleep(until_ns):
    # CPython 3.11's time.sleep is clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME): the same syscall.
    delay = until_ns - _time.clock_gettime_ns(_time.CLOCK_MONOTONIC)
    if delay > 0:
        _time.sleep(delay / 1e9)


def getpid():
    return _os.getpid()


def kill(pid, sig):
    _call(_os.kill, pid, sig)


def _handler_out(handler):
    if handler == _signal.SIG_DFL or handler is None:
        return 0
    if handler == _signal.SIG_IGN:
        return 1
    return handler


def sigaction(sig, handler):
    if handler == 0:
        handler = _signal.SIG_DFL
    elif handler == 1:
        handler = _signal.SIG_IGN
    return _handler_out(_call(_signal.signal, sig, handler))


def alarm(seconds):
    return _signal.alarm(seconds)


def setitimer(which, seconds, interval):
    return _call(_signal.setitimer, which, seconds, interval)


def pause():
    _signal.pause()


def gethostbyname(name):
    try:
        return _socket.gethostbyname(name)
    except _socket.gaierror as error:
        raise OSError(error.errno, error.strerror) from None


# POSIX aio as glibc does it: a helper thread makes the read, stores the outcome, then signals the process.
_aio_requests = {}
_aio_changed = _threading.Condition()


def aio_read(fd, nbytes, signo):
    request_id = len(_aio_requests) + 1
    request = {"error": _errno.EINPROGRESS, "data": None}
    _aio_requests[request_id] = request

    def work():
        try:
            data = _os.read(fd, nbytes)
            error = 0
        except OSError as read_error:
            data, error = None, read_error.errno
        with _aio_changed:
            request["data"] = data
            request["error"] = error
            _aio_changed.notify_all()
        if signo:
            _os.kill(_os.getpid(), signo)

    _threading.Thread(target=work, daemon=True).start()
    return request_id


def aio_error(request_id):
    with _aio_changed:
        return _aio_requests[request_id]["error"]


def aio_return(request_id):
    with _aio_changed:
        request = _aio_requests[request_id]
    if request["error"] == _errno.EINPROGRESS:
        raise OSError(_errno.EINVAL, _os.strerror(_errno.EINVAL))
    if request["error"]:
        raise OSError(request["error"], _os.strerror(request["error"]))
    return request["data"]


def aio_suspend(request_ids, timeout_ns):
    def any_done():
        return any(_aio_requests[i]["error"] != _errno.EINPROGRESS for i in request_ids)

    with _aio_changed:
        timeout = None if timeout_ns is None else timeout_ns / 1e9
        if not _aio_changed.wait_for(any_done, timeout):
            raise OSError(_errno.EAGAIN, _os.strerror(_errno.EAGAIN))


def aio_cancel(fd, request_id):
    # A read already handed to the helper thread cannot be taken back (glibc says the same).
    with _aio_changed:
        if _aio_requests[request_id]["error"] == _errno.EINPROGRESS:
            return 1
        return 2
