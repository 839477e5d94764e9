# The lesson's non-blocking accept loop, in one process: EAGAIN until a client connects.
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(5)
server.setblocking(False)
attempts = 0
client = None
while True:
    try:
        conn, addr = server.accept()
        print("+++", addr == client.getsockname())
        break
    except BlockingIOError as e:
        attempts += 1
        print(e)
        if attempts == 3:
            client = socket.create_connection(server.getsockname())
            client.sendall(b"hello")
conn.setblocking(True)
print(conn.recv(1024).decode(), "after", attempts, "attempts")
for s in (conn, client, server):
    s.close()
