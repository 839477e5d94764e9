# OSError with errno and strerror, and the subclasses chosen by errno.
import errno

e = OSError(errno.ECONNREFUSED, "Connection refused")
print(type(e).__name__, e.errno, e.strerror, str(e), e.args)
for code in [errno.EAGAIN, errno.ECONNREFUSED, errno.ECONNRESET, errno.EPIPE, errno.ETIMEDOUT, errno.EINTR,
             errno.ENOENT, errno.EADDRINUSE]:
    exc = OSError(code, "message")
    print(code, type(exc).__name__, isinstance(exc, OSError))
plain = OSError("only a message")
print(plain.errno, plain.strerror, str(plain))
b = BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")
print(b, repr(b))
print(ConnectionRefusedError(111, "Connection refused"))
