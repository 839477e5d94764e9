# The OSError family: catching subclasses by their base.
classes = [BlockingIOError, ConnectionRefusedError, ConnectionResetError, BrokenPipeError,
           ConnectionAbortedError, TimeoutError, InterruptedError, FileNotFoundError]
for cls in classes:
    try:
        raise cls(1, "simulated")
    except ConnectionError as e:
        print(cls.__name__, "is a ConnectionError", e.errno)
    except OSError as e:
        print(cls.__name__, "is an OSError", e.strerror)
print(IOError is OSError, EnvironmentError is OSError)
import socket
print(socket.error is OSError, socket.timeout is TimeoutError)
