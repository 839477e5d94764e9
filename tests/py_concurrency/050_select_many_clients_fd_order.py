# select() over many connections: which ones are readable after some clients write.
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
pairs = []
for i in range(8):
    client = socket.create_connection(server.getsockname())
    conn, _ = server.accept()
    pairs.append((client, conn))
for i in (1, 4, 6):
    pairs[i][0].sendall(b"x")
conns = [conn for _, conn in pairs]
readable, _, _ = select.select(conns, [], [], 1)
print("readable indexes:", sorted(conns.index(c) for c in readable))
for client, conn in pairs:
    client.close()
    conn.close()
server.close()
