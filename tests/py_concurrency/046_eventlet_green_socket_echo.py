# eventlet.listen, eventlet.connect and green sockets: an echo server and clients in one process.
import eventlet

server = eventlet.listen(("127.0.0.1", 0))
address = server.getsockname()


def handle(conn):
    data = conn.recv(100)
    conn.sendall(data[::-1])
    conn.close()


def serve(count):
    pool = eventlet.GreenPool()
    for _ in range(count):
        conn, _ = server.accept()
        pool.spawn(handle, conn)
    pool.waitall()


def client(text):
    c = eventlet.connect(address)
    c.sendall(text.encode())
    reply = c.recv(100).decode()
    c.close()
    return reply


server_thread = eventlet.spawn(serve, 3)
pool = eventlet.GreenPool()
print(list(pool.imap(client, ["abc", "hello", "racecar"])))
server_thread.wait()
server.close()
