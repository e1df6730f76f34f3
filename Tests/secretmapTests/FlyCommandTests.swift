import Foundation
import TestSupport
import XCTest

/// A Fly.io app end to end, against the local stand-in of the Machines API: the snapshot
/// round-trips through `drift`, the audit says how values get in (the script that runs `fly
/// secrets set`, not the one that runs `vercel env add`), and a value a broken server sends
/// reaches no output.
final class FlyCommandTests: XCTestCase {
    static let canary = "flyCLI4Wq1Zm6Xp3Lr9Bv2Nc7Hd5Jg0FyT"

    nonisolated(unsafe) static let routes: [String: Any] = [
        "/v1/apps/planb-api/secrets": ["secrets": [
            ["name": "STRIPE_SECRET_KEY", "digest": "a1b2c3d4e5f60718", "created_at": "2025-01-10T09:00:00Z", "value": canary],
            ["name": "SESSION_SECRET", "digest": "0f1e2d3c4b5a6978", "created_at": "2025-01-10T09:00:00Z"],
        ]] as [String: Any],
        "/v1/apps/planb-api-staging/secrets": ["secrets": [
            ["name": "STRIPE_SECRET_KEY", "digest": "99aa88bb77cc66dd", "created_at": "2025-02-10T09:00:00Z"],
        ]] as [String: Any],
    ]

    func testSnapshotDriftAndAuditOfAFlyApp() throws {
        let url: String
        do { url = try LocalServers.platforms(token: "tkn-6f5e4d3c2b1a", routes: Self.routes).url } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)") }
            throw XCTSkip("\(e)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-fly-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ path: String, _ text: String) throws {
            let file = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try write("api/app.py", "import os\nSTRIPE = os.environ[\"STRIPE_SECRET_KEY\"]\nSESSION = os.environ[\"SESSION_SECRET\"]\n")
        try write("api/scripts/fly-env.sh", "#!/bin/sh\nfly secrets set STRIPE_SECRET_KEY=\"$KEY\"\n")
        try write("api/scripts/vercel-env.sh", "#!/bin/sh\nvercel env add SESSION_SECRET production\n")
        let config = dir.appendingPathComponent("secretmap.yml").path
        try write("secretmap.yml", """
        repos:
          - { name: api, path: api }
        environments:
          production: { fly_app: planb-api }
          staging: { fly_app: planb-api-staging }
        stores:
          fly: { api_url: "\(url)" }

        """)
        let env = ["FLY_API_TOKEN": "tkn-6f5e4d3c2b1a", "SECRETMAP_FINGERPRINT_KEY": "fly-tests"]
        let snapshot = dir.appendingPathComponent("snap.json").path
        let saved = try CLI.run(["snapshot", "--config", config, "--output", snapshot], environment: env)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertEqual(saved.stderr, "secretmap: saved 2 store listings to \(snapshot)\n")
        var outputs = ["snapshot file": try String(contentsOfFile: snapshot, encoding: .utf8)]

        let live = try CLI.run(["drift", "--config", config, "--format", "json"], environment: env)
        let offline = try CLI.run(["drift", "--config", config, "--snapshot", snapshot, "--format", "json"], environment: env)
        func findings(_ json: String) -> String { json.split(separator: "\n").filter { !$0.contains("\"asOf\"") }.joined(separator: "\n") }
        XCTAssertEqual(offline.status, live.status, offline.stderr)
        XCTAssertEqual(findings(offline.stdout), findings(live.stdout), "a snapshot's drift is the live drift")
        XCTAssertTrue(offline.stdout.contains("SESSION_SECRET exists in production but not in staging; read at api/app.py:3"), offline.stdout)
        outputs["drift"] = live.stdout + live.stderr + offline.stdout + offline.stderr

        let audit = try CLI.run(["audit", "--config", config, "--snapshot", snapshot, "--output", "-"], environment: env)
        XCTAssertEqual(audit.status, 0, audit.stderr)
        outputs["audit"] = audit.stdout + audit.stderr
        XCTAssertTrue(audit.stdout.contains("| fly `planb-api` | production | 2 | api/scripts/fly-env.sh | code that reads it directly |"), audit.stdout)

        let chars = Array(Self.canary)
        for (name, text) in outputs {
            for i in 0...(chars.count - 6) { XCTAssertFalse(text.contains(String(chars[i..<i + 6])), "\(name) carries a piece of a value") }
        }
    }
}
