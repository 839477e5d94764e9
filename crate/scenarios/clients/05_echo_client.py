# A client for 05_selectors_echo_server: two messages, each echoed back, then close.
import socket

sock = socket.socket()
sock.connect(('localhost', 1234))
for message in [b'hello', b'world']:
    sock.send(message)
    print(sock.recv(1000))
sock.close()
