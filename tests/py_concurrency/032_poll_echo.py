# select.poll with POLLIN: an echo exchange and the events it reports.
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(2)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
poller = select.poll()
poller.register(conn, select.POLLIN)
print("before send:", poller.poll(0))
client.sendall(b"hello poll")
events = poller.poll(1000)
print("after send:", [(fd == conn.fileno(), ev & select.POLLIN != 0) for fd, ev in events])
conn.sendall(conn.recv(100)[::-1])
print(client.recv(100))
client.close()
events = poller.poll(1000)
print("after close:", conn.recv(100), [ev & select.POLLIN != 0 for _, ev in events])
poller.unregister(conn)
conn.close()
server.close()
