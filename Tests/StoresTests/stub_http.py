"""The part every local stand-in server shares (github_stub, platform_stub, kube_stub): a request
handler that answers JSON and keeps quiet, so the tests' stderr holds only what secretmap said."""
import json
from http.server import BaseHTTPRequestHandler


class JSONHandler(BaseHTTPRequestHandler):
    CONTENT_TYPE = "application/json; charset=utf-8"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", self.CONTENT_TYPE)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
