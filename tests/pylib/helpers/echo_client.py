"""The client for the lesson's 05 echo server: sends two messages, reads the echoes, closes."""

import socket
import sys
import time

sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
for message in (b"hello", b"world"):
    sock.sendall(message)
    print(sock.recv(1000))
    time.sleep(0.2)
sock.close()
