import socket
import select

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(('127.0.0.1', 8800))
server.listen(5)
inputs = [server]
while True:
    readable, _, _ = select.select(inputs, [], [], 1.0)
    for s in readable:
        if s is server:
            conn, addr = s.accept()
            inputs.append(conn)
        else:
            data = s.recv(1024)
            if not data:
                inputs.remove(s)
                s.close()
                continue
            s.sendall(data.upper())
