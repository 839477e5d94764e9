# gevent.select.select waits without blocking other greenlets.
import gevent
from gevent import select, socket

a_server = socket.socket()
a_server.bind(("127.0.0.1", 0))
a_server.listen(1)
client = socket.create_connection(a_server.getsockname())
conn, _ = a_server.accept()


def writer():
    gevent.sleep(0.05)
    print("writer sends")
    client.sendall(b"ping")


gevent.spawn(writer)
print("selecting")
readable, _, _ = select.select([conn], [], [], 2)
print("readable:", readable == [conn], conn.recv(10))
for s in (client, conn, a_server):
    s.close()
