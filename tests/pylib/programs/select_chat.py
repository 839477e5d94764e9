# select.select over a listening socket and its connections (the lesson's 07, in one process).
import select
import socket

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(5)
listener.setblocking(False)
inputs = [listener]
port = listener.getsockname()[1]

clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
for i, c in enumerate(clients):
    c.sendall(b"message %d" % i)

served = 0
while served < 3:
    readable, writable, errors = select.select(inputs, [], [], 1)
    for obj in readable:
        if obj is listener:
            conn, addr = listener.accept()
            inputs.append(conn)
            print("conn", len(inputs))
        else:
            data = obj.recv(1024)
            print("data", data)
            obj.sendall(b"ack " + data)
            inputs.remove(obj)
            obj.close()
            served += 1
for c in clients:
    print(c.recv(100))
    c.close()
print(select.select([], [], [], 0))
try:
    select.select([1024], [], [], 0)
except ValueError as error:
    print("ValueError:", error)
try:
    select.select([-1], [], [], 0)
except ValueError as error:
    print("ValueError:", error)
try:
    select.select([], [], [], -1)
except ValueError as error:
    print("ValueError:", error)
listener.close()
