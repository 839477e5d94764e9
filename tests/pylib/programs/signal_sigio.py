# Signal-driven I/O (UNP figure 6.4): F_SETOWN and O_ASYNC make the kernel send SIGIO when data arrives.
import fcntl
import os
import signal
import socket

receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
receiver.bind(("127.0.0.1", 0))
arrived = []


def on_sigio(signum, frame):
    arrived.append(signum)


signal.signal(signal.SIGIO, on_sigio)
fcntl.fcntl(receiver.fileno(), fcntl.F_SETOWN, os.getpid())
flags = fcntl.fcntl(receiver.fileno(), fcntl.F_GETFL)
fcntl.fcntl(receiver.fileno(), fcntl.F_SETFL, flags | os.O_ASYNC | os.O_NONBLOCK)

sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sender.sendto(b"datagram", receiver.getsockname())
while not arrived:
    signal.pause()
print("SIGIO", arrived[0] == signal.SIGIO)
print(receiver.recvfrom(100)[0])
try:
    receiver.recvfrom(100)
except BlockingIOError as error:
    print(error)
receiver.close()
sender.close()
