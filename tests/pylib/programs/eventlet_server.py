# eventlet.listen / connect / serve with StopServe, as in eventlet's echo server example.
import eventlet

server = eventlet.listen(("127.0.0.1", 0))
port = server.getsockname()[1]
count = [0]


def handle(conn, addr):
    data = conn.recv(100)
    conn.sendall(b"re: " + data)
    count[0] += 1
    if count[0] == 2:
        raise eventlet.StopServe()


def client(name):
    sock = eventlet.connect(("127.0.0.1", port))
    sock.sendall(name)
    reply = sock.recv(100)
    sock.close()
    return reply


c1 = eventlet.spawn(client, b"a")
c2 = eventlet.spawn(client, b"b")
try:
    eventlet.serve(server, handle)
except eventlet.StopServe:
    print("StopServe raised out of serve")
print(sorted([c1.wait(), c2.wait()]))
