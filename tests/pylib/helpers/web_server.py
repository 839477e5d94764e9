"""A local stand-in for the lesson's three web sites (run with the real CPython): each path answers after
its own latency with a body of its own size, so the order of completion is the order of latency."""

import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SITES = {"/itk": (0.6, 12000), "/github": (0.2, 30000), "/zhihu": (0.4, 5000)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        latency, size = SITES.get(self.path, (0, 10))
        time.sleep(latency)
        body = b"x" * size
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
