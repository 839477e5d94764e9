# gevent.socket without monkey patching: a sequential request/response exchange.
import gevent
from gevent import socket

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(1)
address = listener.getsockname()


def server():
    conn, _ = listener.accept()
    total = 0
    while True:
        chunk = conn.recv(4)
        if not chunk:
            break
        total += len(chunk)
    conn.sendall(str(total).encode())
    conn.close()


def client():
    c = socket.create_connection(address)
    c.sendall(b"x" * 1000)
    c.shutdown(socket.SHUT_WR)
    answer = c.recv(100)
    c.close()
    return answer


s = gevent.spawn(server)
c = gevent.spawn(client)
gevent.joinall([s, c])
print("server counted", c.value.decode(), "bytes")
