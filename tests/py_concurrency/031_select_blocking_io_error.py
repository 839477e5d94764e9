# A non-blocking accept and recv raise BlockingIOError [Errno 11] until something arrives.
import errno
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
server.setblocking(False)
try:
    server.accept()
except BlockingIOError as e:
    print("accept:", e, e.errno == errno.EAGAIN)
client = socket.create_connection(server.getsockname())
select.select([server], [], [], 1)
conn, _ = server.accept()
conn.setblocking(False)
try:
    conn.recv(10)
except BlockingIOError as e:
    print("recv:", e)
client.send(b"now")
select.select([conn], [], [], 1)
print("recv:", conn.recv(10))
for s in (client, conn, server):
    s.close()
