# monkey.patch_all(): the standard socket module now waits in the hub.
from gevent import monkey
monkey.patch_all()
import socket
import time
import gevent

print(socket.socket.__module__.startswith("gevent"), time.sleep is gevent.sleep)

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(5)
port = listener.getsockname()[1]


def server():
    conn, addr = listener.accept()
    data = conn.recv(100)
    time.sleep(0.02)
    conn.sendall(b"echo:" + data)
    conn.close()


def ticker():
    for i in range(3):
        print("tick", i)
        time.sleep(0.005)


def client():
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"hi")
    print("client got", sock.recv(100))
    sock.close()


gevent.joinall([gevent.spawn(server), gevent.spawn(client), gevent.spawn(ticker)])
