# EPOLLET: an edge-triggered registration reports new data once, even if some stays unread.
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
conn.setblocking(False)
ep = select.epoll()
ep.register(conn.fileno(), select.EPOLLIN | select.EPOLLET)
client.sendall(b"0123456789")
print("first poll:", len(ep.poll(1)))
print("read part:", conn.recv(4))
print("second poll, data left but no new edge:", ep.poll(0))
client.sendall(b"more")
print("after new data:", len(ep.poll(1)))
print("drain:", conn.recv(100))
ep.close()
for s in (client, conn, server):
    s.close()
