"""eventlet.green.socket: the socket module with green sockets (gevent's cooperative socket in ioplay)."""

from gevent.socket import (  # noqa: F401
    socket,
    SocketType,
    create_connection,
    create_server,
    error,
    timeout,
    gaierror,
    herror,
    gethostbyname,
    getaddrinfo,
    gethostname,
    getdefaulttimeout,
    setdefaulttimeout,
    AF_INET,
    SOCK_STREAM,
    SOCK_DGRAM,
    SOL_SOCKET,
    SO_REUSEADDR,
    SO_ERROR,
    IPPROTO_TCP,
    TCP_NODELAY,
    SHUT_RD,
    SHUT_WR,
    SHUT_RDWR,
)
import socket as _stdlib_socket

SO_REUSEPORT = _stdlib_socket.SO_REUSEPORT
AF_INET6 = _stdlib_socket.AF_INET6
