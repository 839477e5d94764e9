# eventlet.serve runs a handler per connection until a handler raises StopServe.
import eventlet

server = eventlet.listen(("127.0.0.1", 0))
address = server.getsockname()
served = []


def handler(sock, addr):
    data = sock.recv(100)
    served.append(data)
    sock.sendall(b"ok " + data)
    sock.close()
    if data == b"stop":
        raise eventlet.StopServe()


def talk(text):
    c = eventlet.connect(address)
    c.sendall(text)
    reply = c.recv(100)
    c.close()
    return reply


server_thread = eventlet.spawn(eventlet.serve, server, handler)
for text in (b"one", b"two", b"stop"):
    print(talk(text))
server_thread.wait()
print("serve returned; served", served)
