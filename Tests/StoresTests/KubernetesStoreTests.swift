import Foundation
import XCTest
@testable import Stores

/// Kubernetes Secrets through the real `kubectl`, against a local stand-in of the API server
/// (kube_stub.py: discovery, Secrets and Deployments of a namespace page by page) named by a
/// kubeconfig written into the test's folder.
final class KubernetesStoreTests: XCTestCase {
    /// A value planted in a Secret and in the server's error messages: it must reach no output.
    static let canary = "k8sV7qP2xL9mR4tZ8wN3bJ6yH1cF5dG0sK"

    static func base64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }

    /// `managed`: `time` or `time manager` (kubectl-client-side-apply when not said).
    static func secret(_ name: String, in namespace: String = "production", type: String, created: String, managed: [String] = [],
                       owner: String? = nil, data: [String: String]) -> [String: Any] {
        let fields = managed.map { write -> [String: Any] in
            let parts = write.split(separator: " ").map(String.init)
            return ["manager": parts.count > 1 ? parts[1] : "kubectl-client-side-apply", "operation": "Update", "time": parts[0]]
        }
        var metadata: [String: Any] = ["name": name, "namespace": namespace, "creationTimestamp": created, "managedFields": fields]
        if let owner {
            metadata["ownerReferences"] = [["apiVersion": "external-secrets.io/v1beta1", "kind": "ExternalSecret", "name": owner, "controller": true]]
        }
        return ["apiVersion": "v1", "kind": "Secret", "metadata": metadata, "type": type, "data": data.mapValues(base64)]
    }

    // nonisolated(unsafe): a constant JSON tree, only read.
    nonisolated(unsafe) static let routes: [String: Any] = [
        // Seven Secrets: four pages of two, so kubectl follows `continue` three times.
        "/api/v1/namespaces/production/secrets": [
            secret("api-secrets", type: "Opaque", created: "2025-01-10T09:00:00Z",
                   managed: ["2025-01-10T09:00:00Z", "2026-02-01T10:00:00Z helm", "2025-06-01T08:30:00Z"],
                   data: ["STRIPE_SECRET_KEY": "sk_live_" + canary, "DATABASE_URL": "postgres://api:\(canary)@db:5432/api"]),
            secret("default-token-x7k2p", type: "kubernetes.io/service-account-token", created: "2024-01-01T00:00:00Z",
                   data: ["token": canary]),
            secret("registry-creds", type: "kubernetes.io/dockerconfigjson", created: "2024-03-01T12:00:00Z",
                   data: [".dockerconfigjson": "{\"auths\":{\"ghcr.io\":{\"auth\":\"\(canary)\"}}}"]),
            secret("api-tls", type: "kubernetes.io/tls", created: "2025-09-01T00:00:00Z", managed: ["2025-11-30T00:00:00Z"],
                   data: ["tls.crt": "-----BEGIN CERTIFICATE-----", "tls.key": canary]),
            secret("sh.helm.release.v1.api.v3", type: "helm.sh/release.v1", created: "2025-01-10T09:00:00Z", data: ["release": canary]),
            secret("db-credentials", type: "Opaque", created: "2025-04-01T00:00:00Z", managed: ["2025-04-01T00:05:00Z external-secrets"],
                   owner: "db-credentials", data: ["DB_PASSWORD": canary]),
            secret("empty", type: "Opaque", created: "2025-04-01T00:00:00Z", data: [:]),
        ],
        "/apis/apps/v1/namespaces/production/deployments": [
            ["metadata": ["name": "api"], "spec": ["template": ["spec": [
                "containers": [["name": "api",
                                "env": [["name": "STRIPE_SECRET_KEY", "valueFrom": ["secretKeyRef": ["name": "api-secrets", "key": "STRIPE_SECRET_KEY"]]],
                                        ["name": "LOG_LEVEL", "value": "info"]],
                                "envFrom": [["secretRef": ["name": "db-credentials"]]]]],
            ]]]] as [String: Any],
            ["metadata": ["name": "worker"], "spec": ["template": ["spec": [
                "initContainers": [["name": "migrate", "envFrom": [["secretRef": ["name": "db-credentials"]]]]],
                "containers": [["name": "worker"]],
                "volumes": [["name": "tls", "secret": ["secretName": "api-tls", "items": [["key": "tls.crt", "path": "tls.crt"]]]]],
            ]]]] as [String: Any],
        ],
        "/api/v1/namespaces/staging/secrets": [
            secret("api-secrets", in: "staging", type: "Opaque", created: "2025-02-10T09:00:00Z", data: ["STRIPE_SECRET_KEY": "sk_test_" + canary]),
        ],
        "/apis/apps/v1/namespaces/staging/deployments": [[String: Any]](),
        // A namespace with no Secrets: it exists, so its empty listing is kept.
        "/apis/apps/v1/namespaces/quiet/deployments": [[String: Any]](),
    ]

    /// A kubeconfig naming the stand-in, with `stub` as its current context.
    func setUp(_ tree: TempTree, currentContext: Bool = true) throws -> String {
        let url = try StoreTesting.server { try LocalServers.kubernetes(routes: Self.routes, canary: Self.canary) }.url
        return tree.write("kubeconfig.yaml", """
        apiVersion: v1
        kind: Config
        clusters:
        - name: stub
          cluster: { server: "\(url)" }
        users:
        - name: reader
          user: { token: not-sent-over-http }
        contexts:
        - name: stub
          context: { cluster: stub, user: reader }
        \(currentContext ? "current-context: stub" : "")
        """)
    }

    /// kubectl keeps its discovery cache under HOME: the test's folder, not the developer's.
    func environment(_ tree: TempTree) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = tree.path
        env["KUBECONFIG"] = nil
        return env
    }

    func assertNoCanary(_ listings: [StoreListing], file: StaticString = #filePath, line: UInt = #line) throws {
        let text = String(decoding: try JSONEncoder().encode(listings), as: UTF8.self)
        let chars = Array(Self.canary)
        for i in 0...(chars.count - 6) {
            XCTAssertFalse(text.contains(String(chars[i..<i + 6])), "a piece of a planted value", file: file, line: line)
        }
    }

    func testEachKeyOfEachSecretIsAnEntryWithItsDatesTypeReadersAndSource() throws {
        let tree = TempTree()
        _ = try setUp(tree)
        let config = try StoreTesting.config("""
        environments:
          production: { kubernetes_namespace: production }
          staging: { kubernetes_namespace: staging }
        stores:
          kubernetes: { kubeconfig: kubeconfig.yaml }
        """, in: tree)
        XCTAssertEqual(config.kubernetes?.kubeconfig, tree.path + "/kubeconfig.yaml")
        let listings = StoreTesting.reader(config, env: environment(tree)).read()
        XCTAssertEqual(listings.map { "\($0.kind) \($0.location) \($0.environment ?? "-") \($0.complete) \($0.problem ?? "-")" },
                       ["kubernetes-secret production production true -", "kubernetes-secret staging staging true -"])
        func described(_ s: StoredSecret) -> String {
            let tags = (s.tags ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "\(s.name) \(s.path) \(s.type ?? "-") \(s.createdAt ?? "-") \(s.lastModified ?? "-") \(s.lastModifiedBy ?? "-") \(tags)"
        }
        XCTAssertEqual(listings[0].secrets.map(described), [
            "DATABASE_URL production/api-secrets/DATABASE_URL Opaque 2025-01-10T09:00:00Z 2026-02-01T10:00:00Z helm ",
            "STRIPE_SECRET_KEY production/api-secrets/STRIPE_SECRET_KEY Opaque 2025-01-10T09:00:00Z 2026-02-01T10:00:00Z helm readBy=deployment/api",
            "tls.crt production/api-tls/tls.crt kubernetes.io/tls 2025-09-01T00:00:00Z 2025-11-30T00:00:00Z kubectl-client-side-apply readBy=deployment/worker",
            "tls.key production/api-tls/tls.key kubernetes.io/tls 2025-09-01T00:00:00Z 2025-11-30T00:00:00Z kubectl-client-side-apply ",
            "DB_PASSWORD production/db-credentials/DB_PASSWORD Opaque 2025-04-01T00:00:00Z 2025-04-01T00:05:00Z external-secrets "
                + "readBy=deployment/api,deployment/worker syncedFrom=ExternalSecret/db-credentials",
            ".dockerconfigjson production/registry-creds/.dockerconfigjson kubernetes.io/dockerconfigjson 2024-03-01T12:00:00Z - - ",
        ])
        XCTAssertEqual(listings[1].secrets.map(described), [
            "STRIPE_SECRET_KEY staging/api-secrets/STRIPE_SECRET_KEY Opaque 2025-02-10T09:00:00Z - - ",
        ])
        XCTAssertEqual(listings.flatMap(\.secrets).compactMap(\.fingerprint), [], "values are fingerprinted only when asked")
        try assertNoCanary(listings)
    }

    func testValuesAreFingerprintedOnlyWithFingerprintValuesAndNeverShown() throws {
        let tree = TempTree()
        _ = try setUp(tree)
        let config = try StoreTesting.config("""
        environments:
          production: { kubernetes_namespace: production }
        stores:
          kubernetes: { kubeconfig: kubeconfig.yaml, context: stub }
        """, in: tree)
        let listings = StoreTesting.reader(config, env: environment(tree), values: true).read()
        XCTAssertEqual(listings.map(\.location), ["stub/production"])
        let stripe = try XCTUnwrap(listings.first?.secrets.first { $0.name == "STRIPE_SECRET_KEY" })
        XCTAssertEqual(stripe.path, "stub/production/api-secrets/STRIPE_SECRET_KEY")
        XCTAssertEqual(stripe.fingerprint, StoreTesting.fingerprint("sk_live_" + Self.canary))
        XCTAssertEqual(listings.first?.secrets.filter { $0.fingerprint == nil }.map(\.name), [], "every text value fingerprinted")
        try assertNoCanary(listings)
    }

    func testEachFailureIsOneLineNamingTheStoreAndACategory() throws {
        let tree = TempTree()
        let kubeconfig = try setUp(tree)
        let config = try StoreTesting.config("""
        environments:
          a: { kubernetes_namespace: forbidden-ns }
          b: { kubernetes_namespace: unauthorized-ns }
          c: { kubernetes_namespace: gone }
          d: { kubernetes_namespace: production }
          e: { kubernetes_namespace: quiet }
          f: { kubernetes_namespace: private-ns }
        stores:
          kubernetes: { kubeconfig: kubeconfig.yaml }
        """, in: tree)
        let listings = StoreTesting.reader(config, env: environment(tree)).read()
        // `gone` lists as empty, as the API server answers for a namespace that does not exist;
        // asking for the namespace tells. `private-ns` may not be asked about: its empty listing stands.
        XCTAssertEqual(listings.map { $0.problem ?? "ok" }, [
            "Kubernetes namespace forbidden-ns: access denied (403): the kubeconfig's user may not list it",
            "Kubernetes: the cluster refused the kubeconfig's credentials (401): log in again or renew them",
            "Kubernetes namespace gone: not found (404): check environments.NAME.kubernetes_namespace",
            "ok", "ok", "ok",
        ])
        XCTAssertEqual(listings.map(\.complete), [false, false, false, true, true, true])
        XCTAssertEqual(listings.map(\.secrets.count), [0, 0, 0, 6, 0, 0])
        try assertNoCanary(listings)

        func problem(_ stores: String, env: [String: String]? = nil) throws -> String? {
            let config = try StoreTesting.config("environments: { p: { kubernetes_namespace: production } }\nstores: { kubernetes: \(stores) }", in: tree)
            return StoreTesting.reader(config, env: env ?? environment(tree)).read().first?.problem
        }
        XCTAssertEqual(try problem("{ kubeconfig: kubeconfig.yaml, context: prod-eu }"),
                       "Kubernetes: no such context: set stores.kubernetes.context, or a current-context in the kubeconfig (kubectl config use-context)")
        tree.write("no-current.yaml", try String(contentsOfFile: kubeconfig, encoding: .utf8).replacingOccurrences(of: "current-context: stub", with: ""))
        XCTAssertEqual(try problem("{ kubeconfig: no-current.yaml }"),
                       "Kubernetes: no such context: set stores.kubernetes.context, or a current-context in the kubeconfig (kubectl config use-context)")
        XCTAssertEqual(try problem("{ kubeconfig: missing.yaml }"),
                       "Kubernetes: the kubeconfig was not found: check stores.kubernetes.kubeconfig or KUBECONFIG")
        XCTAssertEqual(try problem("{ kubeconfig: kubeconfig.yaml }", env: ["PATH": tree.path + "/no-tools", "HOME": tree.path]),
                       "Kubernetes: kubectl not found on PATH: install kubectl (apt-get install kubernetes-client, or the Kubernetes docs' packages)")
    }

    func testATimeoutIsOneLine() throws {
        let tree = TempTree()
        _ = try setUp(tree)
        let config = try StoreTesting.config("""
        environments:
          production: { kubernetes_namespace: slow-ns }
        stores:
          kubernetes: { kubeconfig: kubeconfig.yaml }
        """, in: tree)
        let reader = StoreReader(config: config, fingerprinter: StoreTesting.fingerprinter, rules: StoreTesting.rules,
                                 runner: CommandRunner(timeout: 1, retries: 0, environment: environment(tree)))
        XCTAssertEqual(reader.read().map { $0.problem ?? "ok" },
                       ["Kubernetes namespace slow-ns: no answer in time (timeout): check the network or the context's server, or raise timeout_seconds"])
    }

    /// kubectl's stderr, as it writes it (the server's part quoting the canary), read as one
    /// category each; the cases the stand-in cannot make (a credential plugin, a server that
    /// does not answer) included.
    func testKubectlsMessagesAreReadAsCategories() {
        let c = Self.canary
        let samples: [(String, KubernetesProvider.Problem)] = [
            ("Error from server (Forbidden): secrets is forbidden: User \"\(c)\" cannot list resource \"secrets\"", .denied),
            ("error: You must be logged in to the server (Unauthorized)", .refused),
            ("Error from server (NotFound): Unable to list \"/v1, Resource=secrets\": namespaces \"\(c)\" not found", .notFound),
            ("Unable to connect to the server: net/http: request canceled (Client.Timeout exceeded while awaiting headers)", .timeout),
            ("error: context \"prod-eu\" does not exist", .noContext),
            ("The connection to the server localhost:8080 was refused - did you specify the right host or port?", .noContext),
            ("error: stat /home/u/.kube/other: no such file or directory", .noKubeconfig),
            ("Unable to connect to the server: getting credentials: exec: executable gke-gcloud-auth-plugin not found", .credentialPlugin),
            ("Unable to connect to the server: dial tcp 10.0.0.1:443: connect: connection refused", .unreachable),
            ("Unable to connect to the server: dial tcp: lookup k8s.example.internal: no such host", .unreachable),
            ("error: unknown command \"\(c)\"", .status(1)),
        ]
        for (stderr, problem) in samples {
            XCTAssertEqual(KubernetesProvider.Problem.of(stderr: stderr, timedOut: false, status: 1), problem, stderr)
            XCTAssertFalse(problem.message(namespace: "production").contains(String(c.prefix(6))))
        }
        XCTAssertEqual(KubernetesProvider.Problem.of(stderr: "", timedOut: true, status: 15), .timeout)
    }
}
