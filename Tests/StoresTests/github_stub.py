#!/usr/bin/env python3
"""A stand-in for api.github.com in the tests: serves GitHub's documented JSON for Actions secrets
(repository, environment, organisation), two per page with a Link header, checks the bearer token,
and answers 401/404/rate-limit as GitHub does. Prints its port on the first line of stdout."""
import json, sys
from http.server import ThreadingHTTPServer
from stub_http import JSONHandler
from urllib.parse import urlparse, parse_qs

TOKEN = sys.argv[1]
ROUTES = json.load(open(sys.argv[2]))   # path -> list of secrets
PAGE = 2

class Handler(JSONHandler):
    def do_GET(self):
        url = urlparse(self.path)
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.send(401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
        if "ratelimited" in url.path:
            return self.send(403, {"message": "API rate limit exceeded"}, [("x-ratelimit-remaining", "0")])
        if url.path not in ROUTES:
            return self.send(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
        secrets = ROUTES[url.path]
        if isinstance(secrets, dict):          # a whole documented answer (e.g. the environments list)
            return self.send(200, secrets)
        page = int(parse_qs(url.query).get("page", ["1"])[0])
        last = max(1, (len(secrets) + PAGE - 1) // PAGE)
        chunk = secrets[(page - 1) * PAGE: page * PAGE]
        base = "http://%s:%d%s?per_page=100&page=" % (self.server.server_address[0], self.server.server_address[1], url.path)
        links = []
        if page < last:
            links.append('<%s%d>; rel="next"' % (base, page + 1))
            links.append('<%s%d>; rel="last"' % (base, last))
        if page > 1:
            links.append('<%s%d>; rel="prev"' % (base, page - 1))
        self.send(200, {"total_count": len(secrets), "secrets": chunk}, [("Link", ", ".join(links))] if links else [])

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
