import Foundation
import TestSupport
import XCTest

/// Kubernetes Secrets end to end: `secretmap` runs the real kubectl (KUBECONFIG naming the local
/// stand-in of the API server), the snapshot round-trips through `drift`, a namespace it may not
/// read is one line on stderr, and a value planted in a Secret reaches no output, also with
/// `--fingerprint-values`.
final class KubernetesCommandTests: XCTestCase {
    static let canary = "k8sCLI3Hq8Zm1Xp6Lr4Bv9Nc2Hd7Jg5KyT"

    static func secret(_ name: String, _ namespace: String, _ data: [String: String]) -> [String: Any] {
        ["apiVersion": "v1", "kind": "Secret", "type": "Opaque", "data": data.mapValues { Data($0.utf8).base64EncodedString() },
         "metadata": ["name": name, "namespace": namespace, "creationTimestamp": "2025-01-10T09:00:00Z",
                      "managedFields": [["manager": "kubectl", "operation": "Update", "time": "2026-01-05T10:00:00Z"]]]]
    }

    nonisolated(unsafe) static let routes: [String: Any] = [
        "/api/v1/namespaces/planb-prod/secrets": [
            secret("api", "planb-prod", ["STRIPE_SECRET_KEY": "sk_live_" + canary, "SESSION_SECRET": canary + "-session"]),
        ],
        "/apis/apps/v1/namespaces/planb-prod/deployments": [
            ["metadata": ["name": "api"], "spec": ["template": ["spec": ["containers": [["name": "api", "envFrom": [["secretRef": ["name": "api"]]]]]]]]],
        ],
        "/api/v1/namespaces/planb-staging/secrets": [secret("api", "planb-staging", ["STRIPE_SECRET_KEY": "sk_test_" + canary])],
        "/apis/apps/v1/namespaces/planb-staging/deployments": [[String: Any]](),
    ]

    func testSnapshotDriftAndAFailingNamespaceOfAKubernetesCluster() throws {
        let url: String
        do { url = try LocalServers.kubernetes(routes: Self.routes, canary: Self.canary).url } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)") }
            throw XCTSkip("\(e)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-k8s-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ path: String, _ text: String) throws {
            let file = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try write("api/app.py", "import os\nSTRIPE = os.environ[\"STRIPE_SECRET_KEY\"]\nSESSION = os.environ[\"SESSION_SECRET\"]\n")
        try write("kubeconfig.yaml", """
        apiVersion: v1
        kind: Config
        clusters: [{ name: stub, cluster: { server: "\(url)" } }]
        users: [{ name: reader, user: {} }]
        contexts: [{ name: stub, context: { cluster: stub, user: reader } }]
        current-context: stub
        """)
        func config(_ environments: String) throws -> String {
            try write("secretmap.yml", "repos:\n  - { name: api, path: api }\nenvironments:\n\(environments)stores:\n  kubernetes: {}\n")
            return dir.appendingPathComponent("secretmap.yml").path
        }
        let env = ["KUBECONFIG": dir.appendingPathComponent("kubeconfig.yaml").path, "HOME": dir.path, "SECRETMAP_FINGERPRINT_KEY": "k8s-tests"]
        var outputs: [String: String] = [:]

        var path = try config("  production: { kubernetes_namespace: planb-prod }\n  qa: { kubernetes_namespace: forbidden-qa }\n")
        let listed = try CLI.run(["stores", "--config", path, "--fingerprint-values", "--format", "json"], environment: env)
        XCTAssertEqual(listed.status, 2, listed.stderr)
        XCTAssertTrue(listed.stderr.contains("Kubernetes namespace forbidden-qa: access denied (403): the kubeconfig's user may not list it"),
                      listed.stderr)
        XCTAssertTrue(listed.stdout.contains("\"path\" : \"planb-prod/api/SESSION_SECRET\"") || listed.stdout.contains("\"path\":\"planb-prod/api/SESSION_SECRET\""),
                      listed.stdout)
        XCTAssertTrue(listed.stdout.contains("\"fingerprint\""), "values fingerprinted when asked")
        outputs["stores"] = listed.stdout + listed.stderr

        path = try config("  production: { kubernetes_namespace: planb-prod }\n  staging: { kubernetes_namespace: planb-staging }\n")
        let snapshot = dir.appendingPathComponent("snap.json").path
        let saved = try CLI.run(["snapshot", "--config", path, "--fingerprint-values", "--output", snapshot], environment: env)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertEqual(saved.stderr, "secretmap: saved 2 store listings to \(snapshot)\n")
        outputs["snapshot file"] = try String(contentsOfFile: snapshot, encoding: .utf8)

        let live = try CLI.run(["drift", "--config", path, "--fingerprint-values", "--format", "json"], environment: env)
        let offline = try CLI.run(["drift", "--config", path, "--snapshot", snapshot, "--format", "json"], environment: env)
        func findings(_ json: String) -> String { json.split(separator: "\n").filter { !$0.contains("\"asOf\"") }.joined(separator: "\n") }
        XCTAssertEqual(offline.status, live.status, offline.stderr)
        XCTAssertEqual(findings(offline.stdout), findings(live.stdout), "a snapshot's drift is the live drift")
        XCTAssertTrue(offline.stdout.contains("SESSION_SECRET exists in production but not in staging; read at api/app.py:3"), offline.stdout)
        outputs["drift"] = live.stdout + live.stderr + offline.stdout + offline.stderr

        let chars = Array(Self.canary)
        for (name, text) in outputs {
            for i in 0...(chars.count - 6) { XCTAssertFalse(text.contains(String(chars[i..<i + 6])), "\(name) carries a piece of a value") }
        }
    }
}
