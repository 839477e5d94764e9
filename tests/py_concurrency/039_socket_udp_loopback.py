# UDP datagrams over loopback: sendto and recvfrom keep message boundaries.
import socket

receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
receiver.bind(("127.0.0.1", 0))
sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sender.bind(("127.0.0.1", 0))
for message in (b"one", b"two", b"three"):
    sender.sendto(message, receiver.getsockname())
for _ in range(3):
    data, source = receiver.recvfrom(100)
    print(data, source == sender.getsockname())
sender.close()
receiver.close()
