# gevent sockets: a server greenlet echoes to three client greenlets.
import gevent
from gevent import socket

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(10)
port = server.getsockname()[1]


def handle(conn):
    while True:
        data = conn.recv(100)
        if not data:
            break
        conn.sendall(data.upper())
    conn.close()


def serve(count):
    for _ in range(count):
        conn, addr = server.accept()
        gevent.spawn(handle, conn)


def client(name):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(name.encode())
    reply = sock.recv(100)
    sock.close()
    return reply


gevent.spawn(serve, 3)
clients = [gevent.spawn(client, n) for n in ["one", "two", "three"]]
gevent.joinall(clients)
print([c.value for c in clients])
