# gevent UDP sockets and wait_read: a receiver waits in the hub while a sender sleeps, then sends.
import gevent
from gevent import socket

receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
receiver.bind(("127.0.0.1", 0))
sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


def send_later():
    for word in [b"first", b"second"]:
        gevent.sleep(0.01)
        print("sending", word)
        sender.sendto(word, receiver.getsockname())


gevent.spawn(send_later)
data, address = receiver.recvfrom(100)
print("received", data)
socket.wait_read(receiver.fileno(), timeout=1)
print("readable again", receiver.recvfrom(100)[0])
try:
    socket.wait_read(receiver.fileno(), timeout=0.01)
except socket.timeout as error:
    print("wait_read:", error)
receiver.close()
sender.close()
