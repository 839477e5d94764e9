# selectors: a connected socket is ready for EVENT_WRITE at once; switch to EVENT_READ with modify.
import selectors
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
sel = selectors.DefaultSelector()
sel.register(client, selectors.EVENT_WRITE, "client")
events = sel.select(timeout=1)
print([(key.data, mask == selectors.EVENT_WRITE) for key, mask in events])
client.send(b"request")
sel.modify(client, selectors.EVENT_READ, "client")
print("nothing to read yet:", sel.select(timeout=0))
conn.sendall(conn.recv(100).upper())
events = sel.select(timeout=1)
print([(key.data, mask == selectors.EVENT_READ) for key, mask in events], client.recv(100))
print(type(sel).__name__)
sel.close()
for s in (client, conn, server):
    s.close()
