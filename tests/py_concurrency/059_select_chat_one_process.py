# The lesson's select chat server, driven by clients in the same process, one message at a time.
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(5)
inputs = [server]
clients = [socket.create_connection(server.getsockname()) for _ in range(3)]


def serve_once():
    readable, _, _ = select.select(inputs, [], [], 1)
    for r in readable:
        if r is server:
            conn, _ = server.accept()
            inputs.append(conn)
            print("new connection, watching", len(inputs) - 1)
        else:
            data = r.recv(1024)
            print("from client", inputs.index(r), ":", data.decode())
            r.sendall(b"ack " + data)


for _ in range(3):
    serve_once()
for i, c in enumerate(clients):
    c.sendall(("line %d" % i).encode())
    serve_once()
    print(c.recv(100))
for s in clients + inputs:
    s.close()
