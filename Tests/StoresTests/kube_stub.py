#!/usr/bin/env python3
"""A stand-in for a Kubernetes API server in the tests, enough for `kubectl get secrets` and
`kubectl get deployments` (there is no small emulator of the API server). Serves discovery as
kubectl asks for it (`/version`, `/api`, `/apis`, `/api/v1`, `/apis/apps/v1`; legacy JSON, which
kubectl accepts when the aggregated form is not offered) and the lists under
`/api/v1/namespaces/NS/secrets` and `/apis/apps/v1/namespaces/NS/deployments` from a JSON file
(path -> items), PAGE items at a time through `limit` and `continue`, as the API server does; a
list asked for without `limit` is refused (400), so a test shows kubectl pages. kubectl sends no
credentials over plain http (client-go keeps them for TLS; kubernetes/kubectl#744), so no token
is checked: a namespace named `unauthorized…` answers 401 as for a refused token, `forbidden…`
403, `slow…` later than any test's timeout. A namespace the file names no list of lists as empty,
as the API server answers, and `GET /api/v1/namespaces/NS` says 404 for it (403 for `private…`,
whose lists are still served). Error messages quote a canary (argv[3]), as a careless server
might quote what it holds. Prints its port on the first line."""
import json, sys, time
from http.server import ThreadingHTTPServer
from stub_http import JSONHandler
from urllib.parse import urlparse, parse_qs

ROUTES = json.load(open(sys.argv[2]))   # list path -> items (argv[1], a token, is not used)
CANARY = sys.argv[3] if len(sys.argv) > 3 else ""

DISCOVERY = {
    "/version": {"major": "1", "minor": "31", "gitVersion": "v1.31.0", "platform": "linux/amd64"},
    "/api": {"kind": "APIVersions", "versions": ["v1"],
             "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}]},
    "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
        {"name": "apps", "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
         "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}}]},
    "/api/v1": {"kind": "APIResourceList", "groupVersion": "v1", "resources": [
        {"name": "secrets", "singularName": "secret", "namespaced": True, "kind": "Secret",
         "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]},
        {"name": "namespaces", "singularName": "namespace", "namespaced": False, "kind": "Namespace",
         "verbs": ["get", "list"], "shortNames": ["ns"]}]},
    "/apis/apps/v1": {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "apps/v1", "resources": [
        {"name": "deployments", "singularName": "deployment", "namespaced": True, "kind": "Deployment",
         "verbs": ["get", "list", "watch"], "shortNames": ["deploy"], "categories": ["all"]}]},
}
LIST_KINDS = {"secrets": ("SecretList", "v1"), "deployments": ("DeploymentList", "apps/v1")}
PAGE = 2


def status(code, reason, message):
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "code": code}


class Handler(JSONHandler):
    CONTENT_TYPE = "application/json"

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path in DISCOVERY:
            return self.send(200, DISCOVERY[url.path])
        parts = url.path.strip("/").split("/")
        # api/v1/namespaces/NS: a namespace exists when the file lists something in it.
        if len(parts) == 4 and parts[:3] == ["api", "v1", "namespaces"]:
            namespace = parts[3]
            if namespace.startswith(("forbidden", "private")):
                return self.send(403, status(403, "Forbidden", 'namespaces "%s" is forbidden %s' % (namespace, CANARY)))
            if any("/namespaces/%s/" % namespace in path for path in ROUTES):
                return self.send(200, {"kind": "Namespace", "apiVersion": "v1", "metadata": {"name": namespace}})
            return self.send(404, status(404, "NotFound", 'namespaces "%s" not found %s' % (namespace, CANARY)))
        # api/v1/namespaces/NS/secrets, apis/apps/v1/namespaces/NS/deployments
        if len(parts) < 4 or parts[-3] != "namespaces" or parts[-1] not in LIST_KINDS:
            return self.send(404, status(404, "NotFound", "the server could not find the requested resource"))
        namespace, resource = parts[-2], parts[-1]
        if namespace.startswith("unauthorized"):
            return self.send(401, status(401, "Unauthorized", "Unauthorized " + CANARY))
        if namespace.startswith("forbidden"):
            return self.send(403, status(403, "Forbidden", '%s is forbidden: User "system:serviceaccount:%s" cannot list resource "%s" in API group "" in the namespace "%s"'
                                         % (resource, CANARY, resource, namespace)))
        if namespace.startswith("slow"):
            time.sleep(5)
        if "limit" not in query:
            return self.send(400, status(400, "BadRequest", "this stand-in lists only page by page (limit)"))
        limit = int(query["limit"][0])
        start = int(query.get("continue", ["0"])[0])
        # A namespace that does not exist lists as empty, as the API server answers.
        items = ROUTES.get(url.path, [])
        chunk = items[start:start + min(limit, PAGE)]
        end = start + len(chunk)
        metadata = {"resourceVersion": "4711"}
        if end < len(items):
            metadata["continue"] = str(end)
            metadata["remainingItemCount"] = len(items) - end
        kind, version = LIST_KINDS[resource]
        self.send(200, {"kind": kind, "apiVersion": version, "metadata": metadata, "items": chunk})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
