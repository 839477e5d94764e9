# Closing a socket another greenlet waits on wakes it with EBADF, as gevent's cancel_wait does.
import gevent
from gevent import socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
client = socket.create_connection(listener.getsockname())
conn, addr = listener.accept()


def reader():
    try:
        conn.recv(10)
    except OSError as error:
        print("reader:", type(error).__name__, error.errno, error.strerror)


r = gevent.spawn(reader)
gevent.sleep(0.01)
conn.close()
r.join()
print(r.dead, conn.fileno())
client.close()
listener.close()
