# select() cannot watch a file descriptor of 1024 or more: CPython's ValueError.
import select
import socket

sockets = []
while not sockets or sockets[-1].fileno() < 1024:
    sockets.append(socket.socket())
high = sockets[-1]
print("highest fd >= 1024:", high.fileno() >= 1024)
try:
    select.select([high], [], [], 0)
except ValueError as e:
    print("ValueError:", e)
poller = select.poll()
poller.register(high, select.POLLIN)
print("poll has no such limit:", poller.poll(0))
for s in sockets:
    s.close()
