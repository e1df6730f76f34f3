import Foundation
import XCTest

/// SARIF 2.1.0 as GitHub code scanning reads it, and the workflow-command annotations.
final class SARIFTests: XCTestCase {
    func sarif(_ args: [String]) throws -> [String: Any] {
        let run = try CLI.run(["scan", "--format", "sarif"] + args)
        XCTAssertEqual(run.status, 0, run.stderr)
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
    }

    func testEveryFieldGitHubCodeScanningRequires() throws {
        let doc = try sarif(["Fixtures/planb/lambda", "Fixtures/planb/worker"])
        XCTAssertEqual(doc["version"] as? String, "2.1.0")
        XCTAssertEqual(doc["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = doc["runs"] as! [[String: Any]]
        XCTAssertEqual(runs.count, 2, "one run per scanned root")
        XCTAssertEqual(runs.map { ($0["automationDetails"] as! [String: Any])["id"] as! String },
                       ["secretmap/lambda/", "secretmap/worker/"])
        for run in runs {
            let driver = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
            XCTAssertEqual(driver["name"] as? String, "secretmap")
            XCTAssertEqual(driver["version"] as? String, "0.1.0")
            let rules = driver["rules"] as! [[String: Any]]
            XCTAssertEqual(rules.map { $0["id"] as! String }, ["secretmap/hardcoded-literal"])
            XCTAssertNotNil((rules[0]["shortDescription"] as? [String: Any])?["text"] as? String)
            XCTAssertEqual(rules[0]["helpUri"] as? String, "https://cwe.mitre.org/data/definitions/798.html")
        }
        let lambda = runs[0]["results"] as! [[String: Any]]
        XCTAssertEqual(lambda.count, 3)
        let first = lambda[0]
        XCTAssertEqual(first["ruleId"] as? String, "secretmap/hardcoded-literal")
        XCTAssertEqual(first["level"] as? String, "error")
        XCTAssertTrue(((first["message"] as! [String: Any])["text"] as! String)
            .contains("The same value is also at worker/planb_worker/callbacks.py:9."))
        let physical = ((first["locations"] as! [[String: Any]])[0]["physicalLocation"]) as! [String: Any]
        XCTAssertEqual((physical["artifactLocation"] as! [String: Any])["uri"] as? String, "bubble-callback/index.js")
        let region = physical["region"] as! [String: Any]
        XCTAssertEqual(region["startLine"] as? Int, 9)
        XCTAssertEqual(region["startColumn"] as? Int, 21)
        XCTAssertEqual((first["partialFingerprints"] as! [String: Any])["secretmapLiteral/v1"] as? String,
                       "constructor-default:hmac-sha256:f292720ddb5a13499ca6e18bfed41ce4")
    }

    func testGitHubAnnotationsNameTheFileFromTheWorkingDirectory() throws {
        let run = try CLI.run(["scan", "--format", "github", "Fixtures/planb/worker"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 2, "one annotation per secret-like literal")
        XCTAssertTrue(run.stdout.hasPrefix(
            "::error file=Fixtures/planb/worker/planb_worker/billing.py,line=8,col=24,title=secretmap%3A hard-coded literal::Hard-coded secret-like literal (69 characters, AdI…GT,"),
            run.stdout)
    }

    func testAnAllowedLiteralIsASuppressedResultWithItsReasonAndNoAnnotation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let allowed = "q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN", reported = "Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ"
        try """
        class Billing {
          // secretmap:allow sandbox key for the local emulator
          key = "\(allowed)";
          other = "\(reported)";
        }
        """.write(to: dir.appendingPathComponent("billing.js"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["scan", "--format", "sarif", "app=" + dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let results = (doc["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]
        let lines = results.map { ((($0["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["region"] as! [String: Any])["startLine"] as! Int }
        XCTAssertEqual(lines, [3, 4])
        guard results.count == 2 else { return }
        let suppressions = results.map { $0["suppressions"] as? [[String: String]] }
        XCTAssertEqual(suppressions[0], [["kind": "inSource", "justification": "sandbox key for the local emulator"]])
        XCTAssertNil(suppressions[1])
        for canary in [allowed, reported] {
            for start in 0...(canary.count - 6) {
                let window = String(canary.dropFirst(start).prefix(6))
                XCTAssertFalse(run.stdout.contains(window), "SARIF leaks a value")
            }
        }

        let github = try CLI.run(["scan", "--format", "github", "app=" + dir.path])
        XCTAssertEqual(github.stdout.split(separator: "\n").count, 1, github.stdout)
        XCTAssertTrue(github.stdout.contains("billing.js,line=4,"), github.stdout)
        XCTAssertTrue(github.stderr.contains("1 allowed by secretmap:allow"), github.stderr)
    }
}
