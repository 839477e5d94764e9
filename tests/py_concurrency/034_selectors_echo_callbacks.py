# selectors.DefaultSelector with callbacks in key.data, as in the lesson's echo server.
import selectors
import socket

sel = selectors.DefaultSelector()
log = []


def accept(sock, mask):
    conn, _ = sock.accept()
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, read)
    log.append("accepted")


def read(conn, mask):
    data = conn.recv(1000)
    if data:
        log.append("echoing " + repr(data))
        conn.send(data)
    else:
        log.append("closing")
        sel.unregister(conn)
        conn.close()


server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(100)
server.setblocking(False)
sel.register(server, selectors.EVENT_READ, accept)


def pump():
    for key, mask in sel.select(timeout=1):
        key.data(key.fileobj, mask)


client = socket.create_connection(server.getsockname())
pump()
client.sendall(b"first")
pump()
print(client.recv(100))
client.close()
pump()
print(log)
print(len(sel.get_map()))
sel.close()
