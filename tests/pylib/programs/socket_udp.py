# UDP: sendto and recvfrom between two sockets.
import socket

receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
receiver.bind(("127.0.0.1", 0))
sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sender.bind(("127.0.0.1", 0))
for word in [b"one", b"two"]:
    print(sender.sendto(word, receiver.getsockname()))
for _ in range(2):
    data, address = receiver.recvfrom(100)
    print(data, address == sender.getsockname())
receiver.settimeout(0.05)
try:
    receiver.recvfrom(100)
except socket.timeout as error:
    print("timeout", error)
print(receiver.type == socket.SOCK_DGRAM, receiver.gettimeout())
receiver.close()
sender.close()
