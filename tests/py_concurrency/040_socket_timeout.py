# settimeout: recv raises socket.timeout (TimeoutError) when nothing comes.
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
conn.settimeout(0.05)
try:
    conn.recv(10)
except socket.timeout as e:
    print("timeout:", e, type(e).__name__, isinstance(e, OSError))
client.sendall(b"late")
print(conn.recv(10))
for s in (client, conn, server):
    s.close()
