# socket.AF_INET and friends are AddressFamily/SocketKind IntEnum members; a socket's family and type too.
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print(s.family, repr(s.family), s.type, repr(s.type), s.proto)
print(repr(s).split(", laddr")[0])
s.setblocking(False)
print(repr(s.type), socket.SocketKind(2), repr(socket.AddressFamily(2)), socket.AF_INET is socket.AddressFamily.AF_INET)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM | socket.SOCK_NONBLOCK)
print(repr(u.type), u.gettimeout())
s.close()
u.close()
print(repr(s).split(", laddr")[0])
print(socket.SOCK_NONBLOCK, repr(socket.SOCK_CLOEXEC), socket.AF_INET + 0, type(socket.AF_INET + 0).__name__, f"{socket.AF_INET:03d}")
