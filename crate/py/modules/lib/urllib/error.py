"""urllib.error: URLError and HTTPError, as CPython's."""


class URLError(OSError):
    def __init__(self, reason, filename=None):
        OSError.__init__(self)
        self.args = (reason,)
        self.reason = reason
        if filename is not None:
            self.filename = filename

    def __str__(self):
        return "<urlopen error %s>" % self.reason


class HTTPError(URLError):
    def __init__(self, url, code, msg, hdrs, fp):
        URLError.__init__(self, msg)
        self.code = code
        self.msg = msg
        self.hdrs = hdrs
        self.fp = fp
        self.url = url

    @property
    def status(self):
        return self.code

    @property
    def headers(self):
        return self.hdrs

    def read(self):
        return self.fp.read()

    def __str__(self):
        return "HTTP Error %s: %s" % (self.code, self.msg)
