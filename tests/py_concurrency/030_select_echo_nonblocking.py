# select.select echo server and clients in one process, all non-blocking.
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(5)
server.setblocking(False)
address = server.getsockname()

clients = []
for i in range(3):
    c = socket.socket()
    c.connect(address)
    clients.append(c)

connections = []
while len(connections) < 3:
    readable, _, _ = select.select([server], [], [], 1)
    if server in readable:
        conn, _ = server.accept()
        conn.setblocking(False)
        connections.append(conn)
print("accepted", len(connections))

for i, c in enumerate(clients):
    c.sendall(b"msg%d" % i)
echoed = 0
while echoed < 3:
    readable, _, _ = select.select(connections, [], [], 1)
    for conn in readable:
        data = conn.recv(1024)
        conn.sendall(data.upper())
        echoed += 1
print(sorted(c.recv(1024) for c in clients))
for s in clients + connections + [server]:
    s.close()
