# Asynchronous I/O (UNP figure 6.5): aio_read returns at once; the kernel completes the read, then SIGIO.
import aio
import errno
import signal
import socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
client = socket.create_connection(listener.getsockname())
conn, addr = listener.accept()
completed = []


def on_sigio(signum, frame):
    completed.append(signum)


signal.signal(signal.SIGIO, on_sigio)
request = aio.aio_read(conn, 100, signal.SIGIO)
print(request)
print("in progress:", aio.aio_error(request) == errno.EINPROGRESS)
try:
    aio.aio_return(request)
except OSError as error:
    print("aio_return too early:", error)
try:
    aio.aio_suspend([request], timeout=0.01)
except BlockingIOError as error:
    print("aio_suspend timed out:", error)
print("cancel:", aio.aio_cancel(request) == aio.AIO_NOTCANCELED)
client.sendall(b"the kernel copied this")
while not completed:
    signal.pause()
print("signal:", completed[0] == signal.SIGIO)
print("error:", aio.aio_error(request))
print("data:", aio.aio_return(request))
second = aio.aio_read(conn, 100)
client.sendall(b"again")
aio.aio_suspend([second])
print("suspend returned:", aio.aio_return(second), aio.aio_cancel(second) == aio.AIO_ALLDONE)
for s in (client, conn, listener):
    s.close()
