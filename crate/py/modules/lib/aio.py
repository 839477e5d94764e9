"""aio: asynchronous I/O, UNP figure 6.5 — ioplay's own teaching module (CPython has none).

The names are POSIX's (<aio.h>): aio_read() hands the kernel a read and returns at once; the kernel waits for
the data *and* copies it into the request, then notifies the process with a signal; meanwhile aio_error()
says EINPROGRESS, afterwards 0 (or the errno), and aio_return() gives the bytes. aio_suspend() waits for
one of several requests. Each call is one `_ioplay` syscall.

    request = aio.aio_read(sock, 1024, signal.SIGIO)   # returns at once
    ...                                                # do other work; SIGIO arrives when done
    data = aio.aio_return(request)
"""

import _ioplay
from errno import EINPROGRESS  # noqa: F401  (re-exported: aio.EINPROGRESS)

AIO_CANCELED = 0
AIO_NOTCANCELED = 1
AIO_ALLDONE = 2
SIGEV_NONE = 0


def _fd(fileobj):
    if isinstance(fileobj, int):
        return fileobj
    return fileobj.fileno()


class aiocb:
    """One asynchronous request (POSIX's struct aiocb): its fd, size, completion signal and kernel id."""

    def __init__(self, fd, nbytes, signo):
        self.aio_fildes = fd
        self.aio_nbytes = nbytes
        self.aio_signo = signo
        self._id = None

    def __repr__(self):
        return "<aiocb fd=%d nbytes=%d signo=%d>" % (self.aio_fildes, self.aio_nbytes, self.aio_signo)


def aio_read(fileobj, nbytes, signo=SIGEV_NONE):
    """Queue a read of up to `nbytes` from `fileobj`; signal `signo` (0: none) when it has completed."""
    request = aiocb(_fd(fileobj), nbytes, signo)
    request._id = _ioplay.aio_read(request.aio_fildes, nbytes, signo)
    return request


def aio_error(request):
    """EINPROGRESS while the kernel works on it, 0 once done, or the errno it failed with."""
    return _ioplay.aio_error(request._id)


def aio_return(request):
    """The bytes read, once done (raises the request's error, or EINVAL if still in progress)."""
    return _ioplay.aio_return(request._id)


def aio_suspend(requests, timeout=None):
    """Wait until one of `requests` has completed; BlockingIOError (EAGAIN) if `timeout` passes first."""
    timeout_ns = None if timeout is None else int(timeout * 1e9)
    _ioplay.aio_suspend([request._id for request in requests], timeout_ns)


def aio_cancel(request):
    """Try to cancel: AIO_CANCELED, AIO_NOTCANCELED, or AIO_ALLDONE if it had already completed."""
    return _ioplay.aio_cancel(request.aio_fildes, request._id)
