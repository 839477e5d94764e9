# Ten clients against one gevent server; every client gets its own answer.
import gevent
from gevent import socket
from gevent.pool import Pool

# Not socket.create_server: gevent's is the standard one, whose socket would block the whole process.
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(50)
port = server.getsockname()[1]
handlers = Pool(5)


def handle(conn):
    data = conn.recv(100)
    gevent.sleep(0.005)
    conn.sendall(b"hello " + data)
    conn.close()


def serve():
    while True:
        conn, addr = server.accept()
        handlers.spawn(handle, conn)


def client(n):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"%d" % n)
    answer = sock.recv(100)
    sock.close()
    return answer


acceptor = gevent.spawn(serve)
clients = [gevent.spawn(client, n) for n in range(10)]
gevent.joinall(clients)
print(sorted(c.value for c in clients))
acceptor.kill()
print(acceptor.dead, len(handlers))
