# A small chat server on gevent: each member's line is broadcast to all others, printed sorted.
from gevent import monkey
monkey.patch_all()
import socket
import gevent
from gevent.event import Event

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(10)
port = server.getsockname()[1]
members = []
everyone_joined = Event()
heard = {}


def serve(count):
    for _ in range(count):
        conn, _ = server.accept()
        members.append(conn)
        gevent.spawn(relay, conn)
    everyone_joined.set()


def relay(conn):
    line = conn.recv(100)
    for other in members:
        if other is not conn:
            other.sendall(line + b"\n")


def member(name, count):
    sock = socket.create_connection(("127.0.0.1", port))
    everyone_joined.wait()
    sock.sendall(name.encode())
    data = b""
    while data.count(b"\n") < count - 1:
        data += sock.recv(100)
    heard[name] = sorted(data.decode().split())
    sock.close()


names = ["ann", "bob", "cy"]
gevent.spawn(serve, len(names))
gevent.joinall([gevent.spawn(member, n, len(names)) for n in names])
for name in names:
    print(name, "heard", heard[name])
