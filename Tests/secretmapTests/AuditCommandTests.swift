import Foundation
import XCTest

/// `secretmap audit` and `secretmap rotate plan` on the PlanB fixture and its committed snapshot.
final class AuditCommandTests: XCTestCase {
    let inputs = ["--config", "Fixtures/planb/secretmap.yml", "--snapshot", "Fixtures/planb/stores-snapshot.json"]
    let golden = CLI.packageRoot.appendingPathComponent("Tests/secretmapTests/Golden/planb-secrets-management.md")

    func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-audit-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The whole document against a reviewed golden copy (SECRETMAP_UPDATE_GOLDEN=1 rewrites it).
    func testPlanBDocumentMatchesTheGoldenFile() throws {
        let run = try CLI.run(["audit"] + inputs + ["--output", "-"])
        XCTAssertEqual(run.status, 0, run.stderr)
        if ProcessInfo.processInfo.environment["SECRETMAP_UPDATE_GOLDEN"] == "1" {
            try run.stdout.write(to: golden, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(run.stdout, try String(contentsOf: golden, encoding: .utf8))
        for section in ["## 1. Inventory map", "## 2. Topology", "## 3. Classes", "## 4. Per-secret inventory", "## 5. Cross-repo coupling",
                        "## 6. Rotation procedures", "## 7. Access control", "## 8. Drift gaps"] {
            XCTAssertTrue(run.stdout.contains(section), section)
        }
        // The article's facts.
        for fact in ["| `UNSUBSCRIBE_TOKEN_SECRET` | internal-minted | yes | **no** |",
                     "| `GA4_API_SECRET` | platform | yes | **no** |",
                     "hard-coded at `lambda/bubble-callback/index.js:9` (constructor-default, iu2…y_), `worker/planb_worker/callbacks.py:9`",
                     "web/scripts/aws-push-secrets.sh does not provision /planb/UNSUBSCRIBE_TOKEN_SECRET",
                     "store dates are upload times, not rotations",
                     "| Postmark | yes: a server can have several API tokens at once |",
                     "There is no overlap unless every verifier accepts two values",
                     "rotating them still needs a rebuild and a cache-bust",
                     "`role/planb-ecs-execution` all via planb-ecs-execution-secrets (inline)",
                     "- user/planb-ops: AmazonSSMFullAccess",
                     "- user/legacy-deployer: legacy-deployer-inline (inline) allows * on *",
                     "- environment `staging` (1 secrets): **no protection rules**"] {
            XCTAssertTrue(run.stdout.contains(fact), fact)
        }
    }

    func testKeepBlocksSurviveRegeneration() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = dir.appendingPathComponent("docs/secrets-management.md").path
        XCTAssertEqual(try CLI.run(["audit"] + inputs + ["--output", doc]).status, 0)
        var text = try String(contentsOfFile: doc, encoding: .utf8)
        text = text.replacingOccurrences(of: "_Decisions about the gaps above (accepted, owner, due date)._",
                                         with: "D1: Ana creates the staging value by Friday.\nD2–D3: accepted until the Lambda reads SSM.")
        text += "\n<!-- secretmap:keep retired-section -->\nA note whose section is gone.\n<!-- /secretmap:keep -->\n"
        try text.write(toFile: doc, atomically: true, encoding: .utf8)
        let again = try CLI.run(["audit"] + inputs + ["--output", doc])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("3 kept blocks") || again.stderr.contains("4 kept blocks"), again.stderr)
        let regenerated = try String(contentsOfFile: doc, encoding: .utf8)
        XCTAssertTrue(regenerated.contains("<!-- secretmap:keep drift-decisions -->\nD1: Ana creates the staging value by Friday.\nD2–D3: accepted until the Lambda reads SSM.\n<!-- /secretmap:keep -->"), regenerated)
        XCTAssertTrue(regenerated.contains("## Kept notes") && regenerated.contains("A note whose section is gone."))
        XCTAssertFalse(regenerated.contains("_Decisions about the gaps above"))
    }

    /// A store that could not be read would give a document without its records and runbooks:
    /// the previous one stays byte for byte, the run says which store and exits 2; --force writes.
    func testAFailedStoreKeepsThePreviousDocumentByteForByte() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = dir.appendingPathComponent("docs/secrets-management.md").path
        let good = try CLI.run(["audit"] + inputs + ["--output", doc])
        XCTAssertEqual(good.status, 0, good.stderr)
        let before = try Data(contentsOf: URL(fileURLWithPath: doc))
        let failed = try FailedStoreSnapshot.write(in: dir)
        let run = try CLI.run(["audit", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", failed, "--output", doc])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "secretmap: not writing \(doc): store ssm /planb/ could not be read (aws: access denied: the identity in use may not list this store); the previous document is kept; --force writes it anyway\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: doc)), before, "the good document was replaced")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("docs").path), ["secrets-management.md"])

        let forced = try CLI.run(["audit", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", failed, "--output", doc, "--force"])
        XCTAssertEqual(forced.status, 2, "a store is still unreadable")
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: doc)), before)
    }

    /// Every Mermaid line is a node with a plain id or an edge between declared ids.
    func testMermaidUsesOnlyValidIdsAndEdges() throws {
        let run = try CLI.run(["audit"] + inputs + ["--output", "-"])
        let block = try XCTUnwrap(run.stdout.components(separatedBy: "```mermaid\n").dropFirst().first?.components(separatedBy: "```").first)
        let lines = block.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "flowchart LR")
        let node = try NSRegularExpression(pattern: #"^  ([A-Za-z][A-Za-z0-9_]*)(\[\("[^"]*"\)\]|\(\["[^"]*"\]\)|\["[^"]*"\])$"#)
        let edge = try NSRegularExpression(pattern: #"^  ([A-Za-z][A-Za-z0-9_]*) (-->|-\. "[^"]*" \.->) ([A-Za-z][A-Za-z0-9_]*)$"#)
        var declared = Set<String>(), used: [String] = []
        for line in lines.dropFirst() {
            let range = NSRange(line.startIndex..., in: line)
            if let m = node.firstMatch(in: line, range: range) { declared.insert((line as NSString).substring(with: m.range(at: 1))); continue }
            guard let m = edge.firstMatch(in: line, range: range) else { XCTFail("not a Mermaid node or edge: \(line)"); continue }
            used += [(line as NSString).substring(with: m.range(at: 1)), (line as NSString).substring(with: m.range(at: 3))]
        }
        XCTAssertFalse(used.isEmpty)
        XCTAssertEqual(Set(used).subtracting(declared), [], "edges to undeclared nodes")
        XCTAssertTrue(lines.contains("  repo_lambda -. \"hard-coded LAMBDA_CALLBACK_TOKEN\" .-> store_ssm_planb_"), block)
    }

    /// The article's order: the Lambda (value in code) first, then SSM, then the app that reads SSM at start.
    func testRotatePlanForTheLambdaCallbackToken() throws {
        let run = try CLI.run(["rotate", "plan", "LAMBDA_CALLBACK_TOKEN"] + inputs)
        XCTAssertEqual(run.status, 0, run.stderr)
        let steps = run.stdout.split(separator: "\n").map(String.init)
        func index(_ prefix: String) -> Int? { steps.firstIndex { $0.contains(prefix) } }
        let lambda = try XCTUnwrap(index("redeploy lambda: sam deploy"))
        let ssm = try XCTUnwrap(index("[stores] Update SSM /planb/LAMBDA_CALLBACK_TOKEN"))
        let app = try XCTUnwrap(index("Redeploy web (.github/workflows/deploy-app.yml injects it at start): re-run the deploy-app.yml workflow"))
        XCTAssertLessThan(lambda, ssm)
        XCTAssertLessThan(ssm, app)
        XCTAssertTrue(run.stdout.contains("dual-accept recipe"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[verify] Exercise the code paths that read it and check they use the new value: web/src/app/api/callback/route.ts:3"))
        let noEnv = try CLI.run(["rotate", "plan", "LAMBDA_CALLBACK_TOKEN", "--env", "nosuchenv"] + inputs)
        XCTAssertEqual(noEnv.status, 2)
        XCTAssertEqual(noEnv.stdout, "")
        XCTAssertEqual(noEnv.stderr, "secretmap: unknown environment 'nosuchenv' (known: production, staging)\n")
        let unknown = try CLI.run(["rotate", "plan", "NOPE_TOKEN"] + inputs)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no secret named NOPE_TOKEN"), unknown.stderr)
    }

    /// An unreadable store is an input error: the runbook is printed, and the exit status is 2.
    func testRotatePlanWithAFailedStoreExits2() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let failed = try FailedStoreSnapshot.write(in: dir)
        let run = try CLI.run(["rotate", "plan", "LAMBDA_CALLBACK_TOKEN", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", failed])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stdout.contains("LAMBDA_CALLBACK_TOKEN"), run.stdout)
    }
}
