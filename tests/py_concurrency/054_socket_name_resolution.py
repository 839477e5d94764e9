# Name resolution for numeric addresses, and the getaddrinfo tuple shape.
import socket

print(socket.gethostbyname("127.0.0.1"))
infos = socket.getaddrinfo("127.0.0.1", 8800, socket.AF_INET, socket.SOCK_STREAM)
print(infos)
family, kind, proto, canonname, address = infos[0]
print(family == socket.AF_INET, kind == socket.SOCK_STREAM, address)
print(socket.AF_INET, socket.SOCK_STREAM, int(socket.AF_INET), int(socket.SOCK_DGRAM))
