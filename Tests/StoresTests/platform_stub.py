#!/usr/bin/env python3
"""A stand-in for the Vercel, Fly.io and Doppler APIs in the tests (no emulator of any exists).
Serves each route's documented JSON, checks the bearer token, and answers as the platforms do:
401 for another token; 403 for a path holding "forbidden"; 429 for "ratelimited"; for "slow",
an answer later than any test's timeout. A Vercel `{"envs": [...]}` answer comes two variables a
page, with `pagination.next` sent back as `until`; `decrypt=true` marks values decrypted, except
sensitive ones (never returned).
Doppler is asked by the real `doppler` CLI (`--api-host`): the routes it calls,
`/v3/configs/config/secrets/names` (`secrets --only-names`) and `/v3/configs/config/secrets`
(`secrets --json`), take the project and config from the query and answer from the route
`doppler:PROJECT/CONFIG` ({name: value}) with Doppler's documented JSON; its errors are
Doppler's `{"messages": [...], "success": false}`, as the CLI reads them, and "forbidden",
"ratelimited" and "slow" are looked for in the project and config.
Prints its port on the first line of stdout."""
import json, sys, time
from http.server import ThreadingHTTPServer
from stub_http import JSONHandler
from urllib.parse import urlparse, parse_qs

TOKEN = sys.argv[1]
ROUTES = json.load(open(sys.argv[2]))   # path -> documented answer
PAGE = 2

class Handler(JSONHandler):
    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path.startswith("/v3/configs/config/"):
            return self.doppler(url, query)
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

    def doppler(self, url, query):
        def fail(status, message):
            self.send(status, {"messages": [message], "success": False})
        project, config = query.get("project", [""])[0], query.get("config", [""])[0]
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            # A careless server echoes what it was sent: the token must not reach any output.
            return fail(401, "Invalid Auth token " + str(self.headers.get("Authorization")))
        where = project + "/" + config
        if "forbidden" in where:
            return fail(403, "This token does not have access to requested config '%s'" % config)
        if "ratelimited" in where:
            return fail(429, "Too many requests: rate limit exceeded")
        if "slow" in where:
            time.sleep(5)
        secrets = ROUTES.get("doppler:" + where)
        if secrets is None:
            return fail(404, "Could not find requested config '%s'" % config)
        if url.path == "/v3/configs/config/secrets/names":
            return self.send(200, {"names": sorted(secrets), "success": True})
        if url.path != "/v3/configs/config/secrets":
            return fail(404, "Not found")
        out = {}
        for name, value in secrets.items():
            # A restricted secret's value is never returned, not even to a token that can read the config.
            restricted = name.startswith("RESTRICTED_")
            shown = None if restricted else value
            out[name] = {"raw": shown, "computed": shown, "note": "set by ops, was " + str(value),
                         "rawVisibility": "restricted" if restricted else "masked",
                         "computedVisibility": "restricted" if restricted else "masked",
                         "rawValueType": {"type": "string"}, "computedValueType": {"type": "string"}}
        self.send(200, {"secrets": out, "success": True})

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
