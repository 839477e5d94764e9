# selectors: an echo server and two non-blocking clients in one process, one select() loop.
import selectors
import socket

sel = selectors.DefaultSelector()
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(5)
server.setblocking(False)
sel.register(server, selectors.EVENT_READ, "server")
port = server.getsockname()[1]

clients = []
for name in [b"alpha", b"beta"]:
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(name)
    clients.append(c)

echoed = 0
while echoed < 2:
    for key, mask in sel.select(timeout=1):
        if key.data == "server":
            conn, addr = server.accept()
            conn.setblocking(False)
            sel.register(conn, selectors.EVENT_READ, "conn")
            print("accepted; registered", len(sel.get_map()))
        else:
            data = key.fileobj.recv(100)
            key.fileobj.send(data[::-1])
            sel.unregister(key.fileobj)
            key.fileobj.close()
            echoed += 1
            print("echoed", data, mask == selectors.EVENT_READ)

for c in clients:
    print(c.recv(100))
    c.close()
key = sel.get_key(server)
print(key.fd == server.fileno(), key.events, key.data)
try:
    sel.register(server, selectors.EVENT_READ)
except KeyError as error:
    print("KeyError", "already registered" in str(error))
try:
    sel.register(server.fileno() + 100, 0)
except ValueError as error:
    print(error)
print(sel.modify(server, selectors.EVENT_READ | selectors.EVENT_WRITE).events)
sel.unregister(server)
sel.close()
server.close()
