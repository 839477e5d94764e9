# os.pipe, read/write, fcntl O_NONBLOCK, errno names, getpid.
import errno
import fcntl
import os

r, w = os.pipe()
print(os.write(w, b"through the pipe"))
print(os.read(r, 7), os.read(r, 100))
flags = fcntl.fcntl(r, fcntl.F_GETFL)
fcntl.fcntl(r, fcntl.F_SETFL, flags | os.O_NONBLOCK)
try:
    os.read(r, 10)
except BlockingIOError as error:
    print(error.errno == errno.EAGAIN, errno.errorcode[error.errno], error)
print(bool(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK))
os.close(w)
print(os.read(r, 10))
os.close(r)
try:
    os.close(r)
except OSError as error:
    print(error)
print(os.getpid() > 0, os.strerror(errno.ECONNREFUSED))
