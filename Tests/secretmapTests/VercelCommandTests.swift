import Foundation
import TestSupport
import XCTest

/// A Vercel project end to end, against the local stand-in of Vercel's REST API: the snapshot
/// round-trips through `stores` and `drift`, the audit says how values get in (the script that
/// runs `vercel env add`, not the one that runs `fly secrets set`), a `NEXT_PUBLIC_` variable is
/// build-time-public, and no piece of a planted value reaches any output.
final class VercelCommandTests: XCTestCase {
    static let canary = "vrcCLI7Qm2XzT9pLw4Nb8Kd3Hs6Jf1Gy5R"

    nonisolated(unsafe) static let routes: [String: Any] = [
        "/v10/projects/web/env": ["envs": [
            ["id": "e1", "key": "STRIPE_SECRET_KEY", "type": "encrypted", "target": ["production", "preview"], "value": canary,
             "createdAt": 1_714_000_000_000, "updatedAt": 1_745_000_000_000] as [String: Any],
            ["id": "e2", "key": "NEXT_PUBLIC_SITE_URL", "type": "plain", "target": ["production", "preview"],
             "value": "https://planb.example", "createdAt": 1_700_000_000_000, "updatedAt": 1_700_000_000_000],
            ["id": "e3", "key": "SESSION_SECRET", "type": "encrypted", "target": ["production"], "value": "x" + canary,
             "createdAt": 1_700_000_000_000, "updatedAt": 1_760_000_000_000],
        ]] as [String: Any],
    ]

    func testSnapshotDriftAndAuditOfAVercelProject() throws {
        let url: String
        do { url = try LocalServers.platforms(token: "tkn-1a2b3c4d5e6f", routes: Self.routes).url } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)") }
            throw XCTSkip("\(e)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-vercel-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ path: String, _ text: String) throws {
            let file = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try write("web/src/pay.ts", """
        export const stripe = process.env.STRIPE_SECRET_KEY
        export const site = process.env.NEXT_PUBLIC_SITE_URL
        export const session = process.env.SESSION_SECRET

        """)
        try write("web/scripts/vercel-env.sh", "#!/bin/sh\nvercel env add STRIPE_SECRET_KEY production\n")
        try write("web/scripts/fly-env.sh", "#!/bin/sh\nfly secrets set SESSION_SECRET=from-stdin\n")
        let config = dir.appendingPathComponent("secretmap.yml").path
        try write("secretmap.yml", """
        repos:
          - { name: web, path: web }
        environments:
          production: { vercel_target: production }
          staging: { vercel_target: preview }
        stores:
          vercel: { projects: [web], api_url: "\(url)" }

        """)
        let env = ["VERCEL_TOKEN": "tkn-1a2b3c4d5e6f", "SECRETMAP_FINGERPRINT_KEY": "vercel-tests"]
        let snapshot = dir.appendingPathComponent("snap.json").path

        let saved = try CLI.run(["snapshot", "--config", config, "--fingerprint-values", "--output", snapshot], environment: env)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertEqual(saved.stderr, "secretmap: saved 2 store listings to \(snapshot)\n")
        var outputs = ["snapshot file": try String(contentsOfFile: snapshot, encoding: .utf8), "snapshot stderr": saved.stderr]

        let live = try CLI.run(["drift", "--config", config, "--fingerprint-values", "--format", "json"], environment: env)
        let offline = try CLI.run(["drift", "--config", config, "--snapshot", snapshot, "--format", "json"], environment: env)
        XCTAssertEqual(offline.status, live.status, offline.stderr)
        // The same findings; `asOf` is the moment of each run.
        func findings(_ json: String) -> String { json.split(separator: "\n").filter { !$0.contains("\"asOf\"") }.joined(separator: "\n") }
        XCTAssertEqual(findings(offline.stdout), findings(live.stdout), "a snapshot's drift is the live drift")
        XCTAssertTrue(offline.stdout.contains("SESSION_SECRET exists in production but not in staging; read at web/src/pay.ts:3"), offline.stdout)
        outputs["drift live"] = live.stdout + live.stderr
        outputs["drift offline"] = offline.stdout + offline.stderr

        let stores = try CLI.run(["stores", "--snapshot", snapshot], environment: env)
        XCTAssertEqual(stores.status, 0, stores.stderr)
        outputs["stores"] = stores.stdout + stores.stderr
        XCTAssertTrue(stores.stdout.contains("web@production"), stores.stdout)

        let audit = try CLI.run(["audit", "--config", config, "--snapshot", snapshot, "--output", "-"], environment: env)
        XCTAssertEqual(audit.status, 0, audit.stderr)
        outputs["audit"] = audit.stdout + audit.stderr
        XCTAssertTrue(audit.stdout.contains("| vercel `web@production` | production | 3 | web/scripts/vercel-env.sh | code that reads it directly |"), audit.stdout)
        XCTAssertTrue(audit.stdout.contains("| vercel `web@preview` | staging | 2 | web/scripts/vercel-env.sh | code that reads it directly |"), audit.stdout)
        XCTAssertNotNil(audit.stdout.range(of: #"\| `NEXT_PUBLIC_SITE_URL` \| build-time-public \|"#, options: .regularExpression), audit.stdout)

        let chars = Array(Self.canary)
        for (name, text) in outputs {
            for i in 0...(chars.count - 6) {
                XCTAssertFalse(text.contains(String(chars[i..<i + 6])), "\(name) carries a piece of a value")
            }
        }
    }
}
