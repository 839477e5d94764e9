# Blocking, non-blocking and timeout modes of a plain socket, and recv_into.
import socket

listener = socket.create_server(("127.0.0.1", 0))
print(listener.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
a = socket.create_connection(listener.getsockname(), timeout=2)
b, addr = listener.accept()
print(a.gettimeout(), b.gettimeout(), b.getblocking())
b.settimeout(0.05)
try:
    b.recv(10)
except TimeoutError as error:
    print(repr(error))
a.sendall(b"hello world")
buffer = bytearray(5)
print(b.recv_into(buffer), buffer)
print(b.recv(100, socket.MSG_PEEK), b.recv(100))
b.setblocking(True)
print(b.gettimeout(), b.getblocking())
try:
    b.settimeout(-1)
except ValueError as error:
    print(error)
with a, b, listener:
    print(a.fileno() > 0)
print(a.fileno(), repr(a)[:30])
