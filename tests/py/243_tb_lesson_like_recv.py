# A BlockingIOError as a non-blocking socket raises it, uncaught.
import errno


def recv_nonblocking():
    raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")


recv_nonblocking()
