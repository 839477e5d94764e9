# gevent.select.select waits in the hub: a ticker keeps running while select waits for data.
import gevent
from gevent import select, socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
client = socket.create_connection(listener.getsockname())
conn, addr = listener.accept()


def ticker():
    for n in range(3):
        print("tick", n)
        gevent.sleep(0.01)
    client.sendall(b"wake")


gevent.spawn(ticker)
readable, writable, errors = select.select([conn], [], [], 2)
print("readable", readable == [conn], conn.recv(10))
print(select.select([conn], [], [], 0.01))
for s in (client, conn, listener):
    s.close()
