# ConnectionResetError and BrokenPipeError on loopback, as the kernel reports them. On loopback a reset
# is in the socket before the call that provoked it returns, so every line below is deterministic.
import select
import socket

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(2)

client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
client.sendall(b"unread data")
conn.close()  # closing with unread data sends a reset
try:
    client.recv(100)
except ConnectionResetError as e:
    print("ConnectionResetError:", e)
client.close()

client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
conn.close()
print("first send after the peer closed:", client.send(b"a"))
try:
    client.send(b"b")
except BrokenPipeError as e:
    print("BrokenPipeError:", e)
client.close()

# After a reset the error is reported once, by whichever call comes first; then the socket is closed.
def attempt(label, call):
    try:
        print(label, call())
    except OSError as e:
        print(label, type(e).__name__, e.errno)


for first in ("recv", "send"):
    client = socket.create_connection(server.getsockname())
    conn, _ = server.accept()
    client.sendall(b"unread data")
    conn.close()
    poller = select.poll()
    poller.register(client, select.POLLIN | select.POLLOUT)
    print(first, "first; poll after the reset:", [revents for _, revents in poller.poll(0)])
    calls = [("recv", lambda: client.recv(100)), ("send", lambda: client.send(b"x"))]
    if first == "send":
        calls.reverse()
    for label, call in calls + calls:
        attempt(" " + label + ":", call)
    attempt(" getpeername:", client.getpeername)
    print(" poll at the end:", [revents for _, revents in poller.poll(0)])
    client.close()
server.close()
