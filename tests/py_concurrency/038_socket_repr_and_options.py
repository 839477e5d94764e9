# socket attributes, options and repr (the port is normalised away).
import socket

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print(s.family == socket.AF_INET, s.type == socket.SOCK_STREAM, s.proto, s.gettimeout())
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
print(repr(s).replace(str(port), "PORT").replace("fd=%d," % s.fileno(), "fd=N,"))
s.settimeout(2.5)
print(s.gettimeout(), s.getblocking())
s.setblocking(False)
print(s.gettimeout(), s.getblocking())
s.close()
print(repr(s))
with socket.socket() as t:
    print(t.fileno() >= 0)
print(t.fileno())
