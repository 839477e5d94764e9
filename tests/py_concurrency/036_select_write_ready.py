# A connected socket is writable at once; select with an empty list and a zero timeout returns at once.
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
r, w, x = select.select([conn], [client], [], 0)
print(r == [], w == [client], x == [])
print(select.select([], [], [], 0))
client.close()
r, _, _ = select.select([conn], [], [], 1)
print("readable at EOF:", r == [conn], conn.recv(10))
conn.close()
server.close()
