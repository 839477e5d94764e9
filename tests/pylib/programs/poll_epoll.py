# select.poll and select.epoll on a socket pair made by hand.
import select
import socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
a = socket.create_connection(listener.getsockname())
b, addr = listener.accept()

p = select.poll()
p.register(b, select.POLLIN)
print(p.poll(0))
a.sendall(b"x")
print(p.poll(1000) == [(b.fileno(), select.POLLIN)])
p.modify(b, select.POLLIN | select.POLLOUT)
print(sorted(p.poll(0))[0][1] == select.POLLIN | select.POLLOUT)
p.unregister(b)
print(p.poll(0))

ep = select.epoll()
ep.register(b.fileno(), select.EPOLLIN)
print(ep.poll(1) == [(b.fileno(), select.EPOLLIN)])
print(b.recv(10))
print(ep.poll(0.01))
try:
    ep.register(b.fileno(), select.EPOLLIN)
except FileExistsError as error:
    print("FileExistsError", error)
ep.modify(b, select.EPOLLOUT)
print(ep.poll(0) == [(b.fileno(), select.EPOLLOUT)])
ep.unregister(b)
ep.close()
print(ep.closed)
try:
    ep.poll()
except ValueError as error:
    print(error)
for s in (a, b, listener):
    s.close()
