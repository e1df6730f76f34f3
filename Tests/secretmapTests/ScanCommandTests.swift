import Foundation
import XCTest

final class ScanCommandTests: XCTestCase {
    func testHelpTeachesWithExamples() throws {
        let run = try CLI.run(["scan", "--help"])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("secretmap scan ../web ../worker ../lambda"), run.stdout)
        XCTAssertTrue(run.stdout.contains("--fail-on"))
    }

    func testAMissingRootIsAUsageErrorWithExit2() throws {
        let run = try CLI.run(["scan", "Fixtures/planb/web", "no/such/repo"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("no/such/repo: no such directory"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }

    func testUnknownFormatAndBadRulesExit2() throws {
        XCTAssertEqual(try CLI.run(["scan", "--format", "xml", "Fixtures/planb/web"]).status, 2)
        let bad = try CLI.run(["scan", "--rules", "no/such/rules", "Fixtures/planb/web"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("no/such/rules: cannot read rules directory"), bad.stderr)
    }

    func testFailOnDecidesTheExitCode() throws {
        XCTAssertEqual(try CLI.run(["scan"] + CLI.planb).status, 0)
        XCTAssertEqual(try CLI.run(["scan", "--fail-on", "literal"] + CLI.planb).status, 1)
        XCTAssertEqual(try CLI.run(["scan", "--fail-on", "duplicate"] + CLI.planb).status, 1)
        XCTAssertEqual(try CLI.run(["scan", "--fail-on", "literal", "Fixtures/planb/web"]).status, 0)
    }

    func testJSONHasTheContractFields() throws {
        let run = try CLI.run(["scan", "--format", "json"] + CLI.planb)
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let readers = doc["readers"] as! [[String: Any]]
        let literals = doc["literals"] as! [[String: Any]]
        let duplicates = doc["duplicates"] as! [[String: Any]]
        XCTAssertEqual(readers.count, 28)
        XCTAssertEqual(literals.count, 8)
        XCTAssertEqual(duplicates.count, 2)
        for key in ["name", "repo", "path", "line", "column", "language"] { XCTAssertNotNil(readers[0][key], key) }
        for key in ["repo", "path", "line", "column", "length", "context", "fingerprint", "hint"] {
            XCTAssertNotNil(literals[0][key], key)
        }
        XCTAssertEqual((doc["roots"] as! [[String: String]]).map { $0["name"]! + "=" + $0["path"]! },
                       CLI.planb.map { ($0 as NSString).lastPathComponent + "=" + $0 })
        let occurrence = (duplicates[0]["occurrences"] as! [[String: Any]])[0]
        XCTAssertEqual(occurrence["repo"] as? String, "lambda")
        XCTAssertEqual(occurrence["path"] as? String, "bubble-callback/index.js")
        XCTAssertEqual(occurrence["line"] as? Int, 9)
    }

    func testOutputFileIsWrittenWholeAndTheSummaryGoesToStderr() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("scan.md").path
        let run = try CLI.run(["scan", "--format", "markdown", "--output", file] + CLI.planb)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("secretmap: scanned 15 files"), run.stderr)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertTrue(text.contains("| `LAMBDA_CALLBACK_TOKEN` | web/src/app/api/callback/route.ts:3:36 | typescript |"), text)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["scan.md"])
    }

    func testSameFingerprintsUnderTheSameKeyOtherUnderAnother() throws {
        let a = try CLI.run(["scan", "--format", "json", "Fixtures/planb/lambda"])
        let b = try CLI.run(["scan", "--format", "json", "Fixtures/planb/lambda"])
        let c = try CLI.run(["scan", "--format", "json", "Fixtures/planb/lambda"], environment: ["SECRETMAP_FINGERPRINT_KEY": "team-key"])
        XCTAssertEqual(a.stdout, b.stdout)
        XCTAssertNotEqual(a.stdout, c.stdout)
        XCTAssertFalse(c.stdout.contains("team-key"))
    }
}
