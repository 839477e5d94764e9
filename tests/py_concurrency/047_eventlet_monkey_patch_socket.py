# eventlet.monkey_patch(): the standard socket module becomes green.
import eventlet
eventlet.monkey_patch()
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(5)
port = server.getsockname()[1]


def serve():
    conn, _ = server.accept()
    conn.sendall(b"greeting from a green server")
    conn.close()


def fetch():
    c = socket.create_connection(("127.0.0.1", port))
    data = c.recv(100)
    c.close()
    return data


eventlet.spawn(serve)
print(eventlet.spawn(fetch).wait())
print(eventlet.patcher.is_monkey_patched("socket"))
server.close()
