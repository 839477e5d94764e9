# monkey.patch_all(): blocking-style sockets, a server greenlet and client greenlets in one process.
from gevent import monkey
monkey.patch_all()
import socket
import gevent

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(5)
port = server.getsockname()[1]


def handle(conn):
    data = conn.recv(1024)
    conn.sendall(b"echo:" + data)
    conn.close()


def serve(count):
    for _ in range(count):
        conn, _ = server.accept()
        gevent.spawn(handle, conn)


def client(name):
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(name.encode())
    reply = c.recv(1024)
    c.close()
    return reply.decode()


gevent.spawn(serve, 3)
clients = [gevent.spawn(client, n) for n in ("alpha", "beta", "gamma")]
gevent.joinall(clients)
print([c.value for c in clients])
server.close()
