# select.epoll: level-triggered readiness repeats until the data is read.
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(2)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
conn.setblocking(False)
ep = select.epoll()
ep.register(conn.fileno(), select.EPOLLIN)
print("nothing yet:", ep.poll(0))
client.sendall(b"abcdef")
for _ in range(2):
    events = ep.poll(1)
    print("level-triggered:", [(fd == conn.fileno(), bool(ev & select.EPOLLIN)) for fd, ev in events])
print("read:", conn.recv(3), conn.recv(3))
print("after reading:", ep.poll(0))
ep.unregister(conn.fileno())
ep.close()
print(ep.closed)
for s in (client, conn, server):
    s.close()
