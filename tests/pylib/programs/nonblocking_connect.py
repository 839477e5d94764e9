# A non-blocking connect: EINPROGRESS, select for writability, then SO_ERROR.
import errno
import select
import socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
client = socket.socket()
client.setblocking(False)
code = client.connect_ex(listener.getsockname())
print(code in (0, errno.EINPROGRESS), errno.errorcode.get(code, "0"))
r, w, x = select.select([], [client], [], 1)
print(w == [client], client.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
conn, addr = listener.accept()
print(addr == client.getsockname(), conn.getpeername() == client.getsockname())

refused = socket.socket()
refused.setblocking(False)
print(errno.errorcode[refused.connect_ex(("127.0.0.1", 1))])
select.select([], [refused], [], 1)
print(errno.errorcode[refused.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)])
for s in (client, conn, listener, refused):
    s.close()
