# shutdown(SHUT_WR) sends EOF; recv returns b'' after the data; sending to a closed peer fails.
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, peer = server.accept()
print(peer == client.getsockname(), conn.getpeername() == client.getsockname())
client.sendall(b"last words")
client.shutdown(socket.SHUT_WR)
chunks = []
while True:
    chunk = conn.recv(4)
    if not chunk:
        break
    chunks.append(chunk)
print(chunks)
conn.sendall(b"reply after EOF")
print(client.recv(100))
conn.close()
server.close()
client.close()
