"""eventlet.convenience: connect, listen and serve on green sockets."""

from greenlet import getcurrent, GreenletExit
from eventlet import greenpool
from eventlet import greenthread
from eventlet.green import socket


def connect(addr, family=socket.AF_INET, bind=None):
    """A green client socket connected to `addr`."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    if bind is not None:
        sock.bind(bind)
    sock.connect(addr)
    return sock


def listen(addr, family=socket.AF_INET, backlog=50, reuse_addr=True, reuse_port=None):
    """A green listening socket, with SO_REUSEADDR (and SO_REUSEPORT unless the port is 0)."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    if reuse_addr:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if addr[1] != 0 and reuse_port is None:
        reuse_port = True
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(addr)
    sock.listen(backlog)
    return sock


class StopServe(Exception):
    """Raise it in a handler to make serve() return."""


def _stop_checker(thread, server_thread, conn):
    try:
        try:
            thread.wait()
        finally:
            conn.close()
    except GreenletExit:
        pass
    except Exception as error:
        greenthread.kill(server_thread, error)


def serve(sock, handle, concurrency=1000):
    """accept() forever, handling each connection in a green thread of a pool of `concurrency`."""
    pool = greenpool.GreenPool(concurrency)
    server_thread = getcurrent()
    while True:
        try:
            conn, addr = sock.accept()
            thread = pool.spawn(handle, conn, addr)
            thread.link(_stop_checker, server_thread, conn)
        except StopServe:
            return
