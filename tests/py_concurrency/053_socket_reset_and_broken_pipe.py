# ConnectionResetError and BrokenPipeError on loopback, as the kernel reports them.
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(2)

client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
client.sendall(b"unread data")
conn.close()  # closing with unread data sends a reset
try:
    client.recv(100)
except ConnectionResetError as e:
    print("ConnectionResetError:", e)
client.close()

client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
conn.close()
print("first send after the peer closed:", client.send(b"a"))
try:
    client.send(b"b")
except BrokenPipeError as e:
    print("BrokenPipeError:", e)
client.close()
server.close()
