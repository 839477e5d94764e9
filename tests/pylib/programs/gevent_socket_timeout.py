# A gevent socket's timeout raises socket.timeout ('timed out') while others keep running.
import gevent
from gevent import socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
client = socket.create_connection(listener.getsockname())
conn, addr = listener.accept()
conn.settimeout(0.05)


def reader():
    try:
        conn.recv(10)
    except socket.timeout as error:
        print("reader:", repr(error))


def other():
    for i in range(2):
        print("other", i)
        gevent.sleep(0.01)


gevent.joinall([gevent.spawn(reader), gevent.spawn(other)])
conn.setblocking(False)
try:
    conn.recv(10)
except BlockingIOError as error:
    print(error)
print(conn.gettimeout())
for s in (client, conn, listener):
    s.close()
