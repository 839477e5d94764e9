# eventlet.monkey_patch(): time.sleep and socket become green.
import eventlet
eventlet.monkey_patch()
import socket
import time

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(2)


def server():
    conn, addr = listener.accept()
    print("server got", conn.recv(10))
    conn.close()


def sleeper():
    for i in range(2):
        print("sleeping", i)
        time.sleep(0.01)


threads = [eventlet.spawn(server), eventlet.spawn(sleeper)]
client = socket.create_connection(listener.getsockname())
client.sendall(b"ping")
for t in threads:
    t.wait()
client.close()
listener.close()
