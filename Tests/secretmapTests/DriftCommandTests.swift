import Foundation
import TestSupport
import XCTest

/// `secretmap drift` on the committed PlanB snapshot: formats, the gate, the baseline.
final class DriftCommandTests: XCTestCase {
    let base = ["drift", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", "Fixtures/planb/stores-snapshot.json"]

    func testFailOnAndTheBaselineOfAcceptedFindings() throws {
        XCTAssertEqual(try CLI.run(base + ["--fail-on", "high"]).status, 1)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-drift-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let baseline = dir.appendingPathComponent("drift-baseline.json").path
        XCTAssertEqual(try CLI.run(base + ["--write-baseline", baseline]).status, 0)
        let ids = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: baseline))) as? [String: [String]])["accepted"]
        XCTAssertEqual(ids?.count, 15)
        XCTAssertTrue(ids?.contains("literal-equals-stored:LAMBDA_CALLBACK_TOKEN") == true)
        let gated = try CLI.run(base + ["--fail-on", "low", "--baseline", baseline])
        XCTAssertEqual(gated.status, 0, gated.stdout)
        XCTAssertEqual(gated.stdout, "Drift: 0 findings (0 high, 0 medium, 0 low), 15 accepted in the baseline\n")
    }

    /// Input errors win over findings: with a store unreadable, --fail-on high exits 2, not 1.
    func testAnUnreadableStoreExits2EvenWithFindingsOverTheThreshold() throws {
        let tree = TempTree()
        let failed = try FailedStoreSnapshot.write(in: tree.root)
        let run = try CLI.run(["drift", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", failed, "--fail-on", "high"])
        XCTAssertTrue(run.stdout.contains("High"), run.stdout)
        XCTAssertEqual(run.status, 2)
    }

    func testMarkdownIsAnOpsReportSection() throws {
        let run = try CLI.run(base + ["--format", "markdown"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("## Secrets drift (2026-"), lines[0])
        XCTAssertEqual(lines[1], "15 findings: 4 high, 3 medium, 8 low.")
        XCTAssertEqual(lines[2], "| # | severity | secret | environment | finding | owner | fix |")
        XCTAssertEqual(lines[4], "| D1 | High | `GA4_API_SECRET` | staging | GA4_API_SECRET exists in production but not in staging; read at web/src/lib/analytics.ts:7 | growth | create it in staging (its own value, not production's) |")
    }

    func testSARIFAndGitHubAnnotationsPointAtTheCode() throws {
        let sarif = try CLI.run(base + ["--format", "sarif"])
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(doc["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((doc["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 15)
        let literal = try XCTUnwrap(results.first { ($0["ruleId"] as? String) == "secretmap/drift/literal-equals-stored" })
        let location = ((literal["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location?["artifactLocation"] as? [String: Any])?["uri"] as? String, "Fixtures/planb/lambda/bubble-callback/index.js")
        XCTAssertEqual((location?["region"] as? [String: Any])?["startLine"] as? Int, 9)
        XCTAssertEqual((literal["partialFingerprints"] as? [String: String])?["secretmapDrift/v1"], "literal-equals-stored:LAMBDA_CALLBACK_TOKEN")

        let github = try CLI.run(base + ["--format", "github"])
        let first = try XCTUnwrap(github.stdout.split(separator: "\n").first)
        XCTAssertEqual(String(first), "::error file=Fixtures/planb/web/src/lib/analytics.ts,line=7,title=secretmap D1 parity-missing::GA4_API_SECRET exists in production but not in staging; read at web/src/lib/analytics.ts:7. Fix: create it in staging (its own value, not production's). Owner: growth.")
    }

    func testNoReposInTheConfigIsAUsageError() throws {
        let tree = TempTree()
        let config = tree.write("secretmap.yml", "environments: {}\n")
        let run = try CLI.run(["drift", "--config", config, "--snapshot", "Fixtures/planb/stores-snapshot.json"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("list the checkouts under repos:"), run.stderr)
    }
}
