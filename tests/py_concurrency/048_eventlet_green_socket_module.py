# eventlet.green.socket used directly, with a GreenPool of clients and sorted results.
import eventlet
from eventlet.green import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(10)
port = server.getsockname()[1]


def serve(count):
    for _ in range(count):
        conn, _ = server.accept()
        eventlet.spawn_n(lambda c: (c.sendall(c.recv(50) * 2), c.close()), conn)


def ask(word):
    c = socket.socket()
    c.connect(("127.0.0.1", port))
    c.sendall(word.encode())
    data = c.recv(100)
    c.close()
    return data.decode()


eventlet.spawn(serve, 4)
pool = eventlet.GreenPool(2)
print(sorted(pool.imap(ask, ["w", "x", "y", "z"])))
