"""urllib.request: urlopen(url).read() over http.client, as CPython's for the common case.

Like CPython's, a request is `GET path HTTP/1.1` with Accept-Encoding: identity, Host, User-Agent:
Python-urllib/3.11 and Connection: close, and redirects (301, 302, 303, 307, 308) are followed.
`https://` URLs go to port 443 of the simulated host without TLS (ioplay has none; documented).
"""

import socket
from http import client
from urllib.error import URLError, HTTPError

_MAX_REDIRECTIONS = 10


def _split_url(url):
    """(scheme, host, port, path) of an absolute http or https URL."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        raise ValueError("unknown url type: %r" % url)
    scheme = scheme.lower()
    if scheme not in ("http", "https"):
        raise URLError("unknown url type: %s" % scheme)
    slash = rest.find("/")
    if slash < 0:
        netloc, path = rest, "/"
    else:
        netloc, path = rest[:slash], rest[slash:]
    host, colon, port_text = netloc.partition(":")
    if colon and port_text:
        port = int(port_text)
    elif scheme == "https":
        port = client.HTTPS_PORT
    else:
        port = client.HTTP_PORT
    return scheme, host, port, path


class Request:
    def __init__(self, url, data=None, headers=None, method=None):
        self.full_url = url
        self.data = data
        self.headers = dict(headers or {})
        self.method = method

    def get_method(self):
        if self.method is not None:
            return self.method
        return "POST" if self.data is not None else "GET"

    def add_header(self, key, value):
        self.headers[key.capitalize()] = value


def urlopen(url, data=None, timeout=socket._GLOBAL_DEFAULT_TIMEOUT):
    """Open `url` (a str or a Request) and return the response, whose read() gives the body."""
    request = url if isinstance(url, Request) else Request(url, data)
    target = request.full_url
    for _ in range(_MAX_REDIRECTIONS):
        response = _open_once(request, target, timeout)
        location = response.getheader("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            response.read()
            if location.startswith("/"):
                scheme, host, port, path = _split_url(target)
                location = "%s://%s:%d%s" % (scheme, host, port, location)
            target = location
            continue
        if response.status >= 400:
            raise HTTPError(target, response.status, response.reason, response.headers, response)
        return response
    raise HTTPError(target, 310, "redirect loop", None, None)


def _open_once(request, url, timeout):
    scheme, host, port, path = _split_url(url)
    if scheme == "https":
        connection = client.HTTPSConnection(host, port, timeout)
    else:
        connection = client.HTTPConnection(host, port, timeout)
    headers = {"User-Agent": "Python-urllib/3.11", "Connection": "close"}
    for name in request.headers:
        headers[name] = request.headers[name]
    if request.data is not None and "Content-Type" not in headers:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(request.get_method(), path, request.data, headers)
        response = connection.getresponse()
    except OSError as error:
        connection.close()
        raise URLError(error) from None
    response.url = url
    return response
