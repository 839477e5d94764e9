"""http.client: HTTP/1.1 over a socket, as CPython's — HTTPConnection, HTTPResponse, HTTPException.

Enough for GET and POST to the simulated web servers: a request line and headers go out with sendall();
the response's status line and headers are read with recv(), then the body by Content-Length, chunked
transfer coding, or until the server closes. HTTPSConnection speaks plain HTTP to port 443: ioplay has no
TLS (a deliberate difference; the simulated servers answer without it).
"""

import socket

HTTP_PORT = 80
HTTPS_PORT = 443
_MAX_LINE = 65536

responses = {
    200: "OK",
    201: "Created",
    204: "No Content",
    301: "Moved Permanently",
    302: "Found",
    304: "Not Modified",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class HTTPException(Exception):
    pass


class BadStatusLine(HTTPException):
    def __init__(self, line):
        if not line:
            line = repr(line)
        self.args = (line,)
        self.line = line


class RemoteDisconnected(ConnectionResetError, BadStatusLine):
    def __init__(self, *args):
        ConnectionResetError.__init__(self, *args)


class IncompleteRead(HTTPException):
    def __init__(self, partial, expected=None):
        self.args = (partial,)
        self.partial = partial
        self.expected = expected


class HTTPMessage:
    """Response headers: case-insensitive get() and [] over (name, value) pairs in arrival order."""

    def __init__(self, pairs):
        self._pairs = pairs

    def get(self, name, default=None):
        wanted = name.lower()
        for key, value in self._pairs:
            if key.lower() == wanted:
                return value
        return default

    def __getitem__(self, name):
        return self.get(name)

    def __contains__(self, name):
        return self.get(name) is not None

    def items(self):
        return list(self._pairs)

    def keys(self):
        return [key for key, value in self._pairs]

    def get_all(self, name, failobj=None):
        found = [value for key, value in self._pairs if key.lower() == name.lower()]
        return found or failobj

    def __str__(self):
        return "".join("%s: %s\n" % (key, value) for key, value in self._pairs) + "\n"


class _Reader:
    """Buffered reading from a socket: lines for the head, exact sizes or the rest for the body."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def _fill(self):
        data = self.sock.recv(8192)
        self.buffer += data
        return len(data)

    def readline(self):
        while b"\n" not in self.buffer:
            if len(self.buffer) > _MAX_LINE:
                raise HTTPException("got more than %d bytes when reading header line" % _MAX_LINE)
            if not self._fill():
                line = self.buffer
                self.buffer = b""
                return line
        end = self.buffer.index(b"\n") + 1
        line = self.buffer[:end]
        self.buffer = self.buffer[end:]
        return line

    def read(self, n):
        """Up to n bytes (fewer only at the end of the stream)."""
        while len(self.buffer) < n:
            if not self._fill():
                break
        data = self.buffer[:n]
        self.buffer = self.buffer[n:]
        return data

    def read_all(self):
        while self._fill():
            pass
        data = self.buffer
        self.buffer = b""
        return data


class HTTPResponse:
    """A response: status, reason, headers, and read() of the body."""

    def __init__(self, sock, method="GET", url=None):
        self._sock = sock
        self.will_close = True
        self._reader = _Reader(sock)
        self._method = method
        self.url = url
        self.status = None
        self.reason = None
        self.version = 11
        self.headers = None
        self.msg = None
        self.length = None
        self.chunked = False
        self.closed = False
        self._chunk_left = None

    def begin(self):
        line = str(self._reader.readline(), "iso-8859-1")
        if not line:
            raise RemoteDisconnected("Remote end closed connection without response")
        parts = line.rstrip("\r\n").split(None, 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/"):
            raise BadStatusLine(line)
        self.version = 10 if parts[0] == "HTTP/1.0" else 11
        self.status = int(parts[1])
        self.reason = parts[2] if len(parts) > 2 else ""
        pairs = []
        while True:
            header = str(self._reader.readline(), "iso-8859-1")
            if header in ("\r\n", "\n", ""):
                break
            name, _, value = header.partition(":")
            pairs.append((name.strip(), value.strip()))
        self.headers = HTTPMessage(pairs)
        self.msg = self.headers
        self.chunked = (self.headers.get("Transfer-Encoding") or "").lower() == "chunked"
        length = self.headers.get("Content-Length")
        if length is not None and not self.chunked:
            self.length = int(length)
        if self.status in (204, 304) or self._method == "HEAD":
            self.length = 0
        connection = (self.headers.get("Connection") or "").lower()
        keep_alive = self.version == 11 and connection != "close"
        self.will_close = not keep_alive or (self.length is None and not self.chunked)

    def getheader(self, name, default=None):
        return self.headers.get(name, default)

    def getheaders(self):
        return self.headers.items()

    def getcode(self):
        return self.status

    def geturl(self):
        return self.url

    def info(self):
        return self.headers

    def read(self, amt=None):
        if self.closed:
            return b""
        if self.chunked:
            data = self._read_chunked(amt)
        elif self.length is not None:
            if amt is None or amt > self.length:
                amt = self.length
            data = self._reader.read(amt)
            self.length -= len(data)
            if len(data) < amt:
                self.close()
                raise IncompleteRead(data, amt - len(data))
            if self.length == 0:
                self.close()
        elif amt is None:
            data = self._reader.read_all()
            self.close()
        else:
            data = self._reader.read(amt)
        return data

    def _read_chunked(self, amt):
        data = b""
        while amt is None or len(data) < amt:
            if not self._chunk_left:
                size_line = self._reader.readline().split(b";")[0].strip()
                size = int(size_line, 16) if size_line else 0
                if size == 0:
                    while self._reader.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    self.close()
                    return data
                self._chunk_left = size
            wanted = self._chunk_left if amt is None else min(self._chunk_left, amt - len(data))
            piece = self._reader.read(wanted)
            data += piece
            self._chunk_left -= len(piece)
            if self._chunk_left == 0:
                self._reader.read(2)
        return data

    def close(self):
        """The body is read: a connection that will not be reused is closed now."""
        if not self.closed and self.will_close and self._sock is not None:
            self._sock.close()
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class HTTPConnection:
    """One HTTP/1.1 connection to host:port, opened with socket.create_connection on first request."""

    default_port = HTTP_PORT

    def __init__(self, host, port=None, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
        if port is None and host.rfind(":") > host.rfind("]"):
            host, _, port_text = host.rpartition(":")
            port = int(port_text)
        self.host = host
        self.port = port if port is not None else self.default_port
        self.timeout = timeout
        self.source_address = source_address
        self.sock = None
        self._buffer = []
        self._method = None
        self._url = None

    def connect(self):
        self.sock = socket.create_connection((self.host, self.port), self.timeout, self.source_address)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def putrequest(self, method, url, skip_host=False, skip_accept_encoding=False):
        self._method = method
        self._url = url or "/"
        self._buffer = ["%s %s HTTP/1.1" % (method, self._url)]
        if not skip_host:
            if self.port == self.default_port:
                self.putheader("Host", self.host)
            else:
                self.putheader("Host", "%s:%d" % (self.host, self.port))
        if not skip_accept_encoding:
            self.putheader("Accept-Encoding", "identity")

    def putheader(self, header, *values):
        self._buffer.append("%s: %s" % (header, "\r\n\t".join(str(value) for value in values)))

    def endheaders(self, message_body=None):
        self._buffer.extend(["", ""])
        request = bytes("\r\n".join(self._buffer), "iso-8859-1")
        self._buffer = []
        if message_body is not None:
            request += message_body
        self.send(request)

    def send(self, data):
        if self.sock is None:
            self.connect()
        self.sock.sendall(data)

    def request(self, method, url, body=None, headers=None):
        if headers is None:
            headers = {}
        names = [name.lower() for name in headers]
        self.putrequest(method, url, "host" in names, "accept-encoding" in names)
        if isinstance(body, str):
            body = bytes(body, "iso-8859-1")
        if body is not None and "content-length" not in names:
            self.putheader("Content-Length", str(len(body)))
        for name in headers:
            self.putheader(name, headers[name])
        self.endheaders(body)

    def getresponse(self):
        response = HTTPResponse(self.sock, self._method)
        response.begin()
        return response


class HTTPSConnection(HTTPConnection):
    """HTTP to port 443 without TLS: ioplay's simulated servers answer https:// in plain HTTP."""

    default_port = HTTPS_PORT
