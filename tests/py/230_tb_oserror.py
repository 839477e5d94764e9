# An uncaught OSError subclass prints [Errno N] and the strerror.
import errno


def connect():
    raise ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")


print("connecting")
connect()
