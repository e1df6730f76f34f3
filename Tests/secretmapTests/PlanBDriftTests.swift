import Foundation
import TestSupport
import XCTest

/// The article's drift, exactly: from the committed snapshot, from a snapshot of live servers,
/// and live against them.
final class PlanBDriftTests: XCTestCase {
    /// D-number, severity, name, environment, rule, owner: the article's findings and nothing else.
    static let expected = [
        "D1 High GA4_API_SECRET staging parity-missing growth",
        "D2 High LAMBDA_CALLBACK_TOKEN - literal-equals-stored backups",
        "D3 High LAMBDA_GETSCHEDULES_TOKEN - literal-equals-stored backups",
        "D4 High UNSUBSCRIBE_TOKEN_SECRET staging parity-missing growth",
        "D5 Medium GA4_API_SECRET production bootstrap-missing growth",
        "D6 Medium GA4_ID production bootstrap-missing growth",
        "D7 Medium UNSUBSCRIBE_TOKEN_SECRET production bootstrap-missing growth",
        "D8 Low DATABASE_URL - issuer-rotation-unknown platform",
        "D9 Low GA4_API_SECRET - issuer-rotation-unknown growth",
        "D10 Low POSTMARK_SERVER_TOKEN - issuer-rotation-unknown growth",
        "D11 Low SENTRY_AUTH_TOKEN - issuer-rotation-unknown platform",
        "D12 Low STRIPE_SECRET_KEY - issuer-rotation-unknown payments",
        "D13 Low STRIPE_TEST_KEY - issuer-rotation-unknown payments",
        "D14 Low STRIPE_WEBHOOK_SECRET - issuer-rotation-unknown payments",
        "D15 Low SUPABASE_SERVICE_ROLE_KEY - issuer-rotation-unknown platform",
    ]

    func findings(_ run: CLI.Run) throws -> [[String: Any]] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stderr)
        return try XCTUnwrap(object["findings"] as? [[String: Any]])
    }

    func lines(_ findings: [[String: Any]]) -> [String] {
        findings.map { f in
            "D\(f["number"]!) \(f["severity"]!) \(f["name"]!) \(f["environment"] as? String ?? "-") \(f["rule"]!) \(f["owner"]!)"
        }
    }

    func testCommittedSnapshotGivesTheArticlesDrift() throws {
        let run = try CLI.run(["drift", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", "Fixtures/planb/stores-snapshot.json", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let found = try findings(run)
        XCTAssertEqual(lines(found), Self.expected)
        let callback = try XCTUnwrap(found.first { $0["name"] as? String == "LAMBDA_CALLBACK_TOKEN" })
        XCTAssertEqual(callback["evidence"] as? [String], [
            "lambda/bubble-callback/index.js:9", "worker/planb_worker/callbacks.py:9",
            "ssm /planb/LAMBDA_CALLBACK_TOKEN (iu2…y_)",
        ])
        let parity = try XCTUnwrap(found.first { $0["id"] as? String == "parity-missing:UNSUBSCRIBE_TOKEN_SECRET:staging" })
        XCTAssertEqual(parity["summary"] as? String, "UNSUBSCRIBE_TOKEN_SECRET exists in production but not in staging; read at web/src/lib/email.ts:8")
        let bootstrap = try XCTUnwrap(found.first { $0["id"] as? String == "bootstrap-missing:GA4_ID:production" })
        XCTAssertEqual(bootstrap["summary"] as? String, "web/scripts/aws-push-secrets.sh does not provision /planb/GA4_MEASUREMENT_ID, which the deploy contract web/.github/workflows/deploy-app.yml:37 needs: a fresh production would come up without GA4_ID")
    }

    func testLiveServersGiveTheSameDriftAndTheSnapshotCarriesNoValue() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-planb-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let world: PlanBWorld.Seeded
        do { world = try PlanBWorld.seed(in: dir) } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)"); return }
            throw XCTSkip("\(e)")
        }
        let snapshot = dir.appendingPathComponent("snap.json").path
        let saved = try CLI.run(["snapshot", "--config", world.config, "--fingerprint-values", "--output", snapshot], environment: world.environment)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let fromSnapshot = try CLI.run(["drift", "--config", world.config, "--snapshot", snapshot, "--format", "json"], environment: world.environment)
        XCTAssertEqual(lines(try findings(fromSnapshot)), Self.expected)
        let live = try CLI.run(["drift", "--config", world.config, "--fingerprint-values", "--format", "json"], environment: world.environment)
        XCTAssertEqual(live.status, 0, live.stderr)
        XCTAssertEqual(lines(try findings(live)), Self.expected)

        var outputs = ["snapshot": try String(contentsOfFile: snapshot, encoding: .utf8), "live json": live.stdout + live.stderr]
        for format in ["text", "markdown", "sarif", "github"] {
            let r = try CLI.run(["drift", "--config", world.config, "--snapshot", snapshot, "--format", format], environment: world.environment)
            outputs[format] = r.stdout + r.stderr
        }
        for (name, text) in outputs {
            for value in world.values { XCTAssertFalse(text.contains(value), "\(name) leaks a stored value") }
        }
        // Refresh the committed snapshot from these servers: SECRETMAP_WRITE_PLANB_SNAPSHOT=1 swift test --filter PlanBDrift
        if ProcessInfo.processInfo.environment["SECRETMAP_WRITE_PLANB_SNAPSHOT"] == "1" {
            var text = outputs["snapshot"]!
            text = text.replacingOccurrences(of: world.environment["SECRETMAP_TEST_GITHUB"]!, with: "https://api.github.com")
            try text.write(to: PlanBWorld.folder.appendingPathComponent("stores-snapshot.json"), atomically: true, encoding: .utf8)
        }
    }
}
