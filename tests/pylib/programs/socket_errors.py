# The errors learners meet, with CPython's types and messages.
import errno
import socket

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.connect(("127.0.0.1", 1))
except ConnectionRefusedError as error:
    print(type(error).__name__, error.errno, error)
s.close()

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
port = listener.getsockname()[1]
listener.listen(1)
other = socket.socket()
try:
    other.bind(("127.0.0.1", port))
except OSError as error:
    print(type(error).__name__, error.errno == errno.EADDRINUSE, error)
other.close()

listener.setblocking(False)
try:
    listener.accept()
except BlockingIOError as error:
    print(type(error).__name__, error)
print(socket.error is OSError, socket.timeout is TimeoutError)

c = socket.create_connection(("127.0.0.1", port))
conn, addr = listener.accept()
conn.close()
c.sendall(b"x")
import time
time.sleep(0.05)
try:
    for _ in range(3):
        c.sendall(b"x" * 1000)
        time.sleep(0.02)
except (BrokenPipeError, ConnectionResetError) as error:
    print("after peer closed:", type(error).__name__)
c.close()
print(c)
try:
    c.recv(1)
except OSError as error:
    print(error)
print(s.connect_ex(("127.0.0.1", 1)) if False else socket.socket().connect_ex(("127.0.0.1", 1)))
try:
    socket.gethostbyname("no-such-host.invalid")
except socket.gaierror as error:
    print("gaierror", error.errno)
# CPython's family and type are IntEnums (repr <AddressFamily.AF_INET: 2>); ioplay's are plain ints.
print(socket.gethostbyname("localhost"), [(int(f), int(t), p, c, a) for f, t, p, c, a in socket.getaddrinfo("localhost", 80, 0, socket.SOCK_STREAM)])
listener.close()
