# After patch_all, the standard select.select waits in the hub too.
from gevent import monkey
monkey.patch_all()
import select
import socket
import gevent

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
client = socket.create_connection(listener.getsockname())
conn, addr = listener.accept()
print(hasattr(select, "epoll"))


def writer():
    gevent.sleep(0.02)
    print("writer sends")
    client.sendall(b"data")


def other():
    print("other runs while select waits")


gevent.spawn(writer)
gevent.spawn(other)
r, w, x = select.select([conn], [], [])
print(len(r), conn.recv(10))
