#!/usr/bin/env python3
"""A stand-in for the Vercel and Fly.io REST APIs in the tests (no emulator of either exists).
Serves each route's documented JSON, checks the bearer token, and answers as the platforms do:
401 for another token; 403 for a path holding "forbidden"; 429 for "ratelimited"; for "slow",
an answer later than any test's timeout. A Vercel `{"envs": [...]}` answer comes two variables a
page, with `pagination.next` sent back as `until`; `decrypt=true` marks values decrypted, except
sensitive ones (never returned). Prints its port on the first line of stdout."""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

TOKEN = sys.argv[1]
ROUTES = json.load(open(sys.argv[2]))   # path -> documented answer
PAGE = 2

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.send(401, {"error": {"code": "unauthorized", "message": "echo " + str(self.headers.get("Authorization"))}})
        if "forbidden" in url.path:
            return self.send(403, {"error": {"code": "forbidden", "message": "Not authorized"}})
        if "ratelimited" in url.path:
            return self.send(429, {"error": {"code": "rate_limited", "message": "Rate limit exceeded"}}, [("Retry-After", "1")])
        if "slow" in url.path:
            time.sleep(5)
        if url.path not in ROUTES:
            return self.send(404, {"error": {"code": "not_found", "message": "Project not found"}})
        answer = ROUTES[url.path]
        if "envs" not in answer:
            return self.send(200, answer)
        decrypt = query.get("decrypt", ["false"])[0] == "true"
        envs = []
        for env in answer["envs"]:
            env = dict(env)
            if env.get("type") == "sensitive":
                env.pop("value", None)
                env["decrypted"] = False
            else:
                env["decrypted"] = decrypt
            envs.append(env)
        start = int(query.get("until", ["0"])[0]) - 1000 if "until" in query else 0
        chunk = envs[start:start + PAGE]
        more = start + PAGE < len(envs)
        pagination = {"count": len(chunk), "next": 1000 + start + PAGE if more else None, "prev": 1000 + start if start else None}
        self.send(200, {"envs": chunk, "pagination": pagination})

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
