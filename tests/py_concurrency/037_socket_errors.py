# The socket errors learners meet: connection refused, address in use, closed socket.
import errno
import socket

placeholder = socket.socket()
placeholder.bind(("127.0.0.1", 0))
port = placeholder.getsockname()[1]
try:
    socket.create_connection(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print("ConnectionRefusedError:", e)
second = socket.socket()
try:
    second.bind(("127.0.0.1", port))
except OSError as e:
    print("OSError:", e, e.errno == errno.EADDRINUSE)
second.close()
placeholder.close()
try:
    placeholder.send(b"x")
except OSError as e:
    print("OSError:", e)
c = socket.socket()
print(c.connect_ex(("127.0.0.1", port)) == errno.ECONNREFUSED)
c.close()
