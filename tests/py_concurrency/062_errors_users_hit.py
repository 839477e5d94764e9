# The errors a learner meets, with CPython's types and messages: a broken pipe, select's fd limit,
# a refused connection, a port in use, and a non-blocking accept with nobody waiting.
import select
import socket
import time

server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
conn.close()
time.sleep(0.05)            # the FIN reaches the client
try:
    for i in range(3):      # the first send is answered by RST, a later one fails
        client.send(b'x')
        time.sleep(0.05)
except BrokenPipeError as e:
    print(type(e).__name__, e.errno, e)


class Far:
    def fileno(self):
        return 1024


try:
    select.select([Far()], [], [], 0)
except ValueError as e:
    print('ValueError:', e)

try:
    socket.create_connection(('127.0.0.1', 1))
except ConnectionRefusedError as e:
    print(type(e).__name__, e)

other = socket.socket()
try:
    other.bind(server.getsockname())
except OSError as e:
    print(type(e).__name__, e)

server.setblocking(False)
try:
    server.accept()
except BlockingIOError as e:
    print(type(e).__name__, e)
