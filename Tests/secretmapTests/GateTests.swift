import Foundation
import XCTest

/// The CI gate end to end: baseline create, scan --baseline --fail-on new, allow comments.
final class GateTests: XCTestCase {
    var dir: URL!
    var repo: URL { dir.appendingPathComponent("app") }
    var baseline: String { dir.appendingPathComponent(".secretmap/baseline.json").path }

    static let accepted = "q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN"
    static let added = "Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try write("client.js", """
        class Client {
          constructor(token = "\(Self.accepted)") { this.token = token; }
        }
        """)
        let created = try CLI.run(["baseline", "create", "--output", baseline, repo.path])
        XCTAssertEqual(created.status, 0, created.stderr)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: repo.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func gate(_ format: String = "text") throws -> CLI.Run {
        try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", "--format", format, repo.path])
    }

    func testTheBaselineHoldsFingerprintsAndHintsNeverValues() throws {
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(text.contains("\"hint\" : \"q8Z…xN\""), text)
        XCTAssertTrue(text.contains("\"path\" : \"client.js\""), text)
        XCTAssertFalse(text.contains(String(Self.accepted.dropFirst(3).prefix(12))), "the baseline leaks a value")
        XCTAssertFalse(text.contains("\"line\""), "the baseline must not be keyed by line")
    }

    func testUnchangedCodePassesTheGate() throws {
        let run = try gate()
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("baseline: 0 new, 1 accepted, 0 resolved"), run.stderr)
    }

    func testTheSameLiteralMovedToAnotherLineDoesNotFail() throws {
        try write("client.js", """
        // a header comment pushes everything down

        class Client {
          retries = 3;
          constructor(token = "\(Self.accepted)") { this.token = token; }
        }
        """)
        XCTAssertEqual(try gate().status, 0)
    }

    func testANewLiteralFailsTheGateAndOnlyItIsListed() throws {
        try write("billing.js", "class Billing { key = \"\(Self.added)\"; }\n")
        let run = try gate()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("New hard-coded literals (not in the baseline): 1"), run.stdout)
        XCTAssertTrue(run.stdout.contains("app/billing.js:1:23"), run.stdout)
        XCTAssertFalse(run.stdout.contains("app/client.js:2"), "accepted literals are not listed")
        let json = try gate("json")
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let section = doc["baseline"] as! [String: Any]
        XCTAssertEqual((section["new"] as! [[String: Any]]).map { "\($0["path"]!):\($0["line"]!)" }, ["billing.js:1"])
        XCTAssertEqual(section["accepted"] as? Int, 1)
        XCTAssertFalse(json.stdout.contains(String(Self.added.dropFirst(3).prefix(12))))
    }

    func testAnAllowedLineDoesNotFailButAnAllowWithoutReasonIsReported() throws {
        try write("billing.js", """
        class Billing {
          // secretmap:allow sandbox key for the local emulator
          key = "\(Self.added)";
        }
        """)
        let allowed = try gate()
        XCTAssertEqual(allowed.status, 0, allowed.stdout)
        XCTAssertTrue(allowed.stderr.contains("1 allowed by secretmap:allow"), allowed.stderr)

        try write("billing.js", "class Billing { key = \"\(Self.added)\"; } // secretmap:allow\n")
        let reasonless = try gate()
        XCTAssertEqual(reasonless.status, 1)
        XCTAssertTrue(reasonless.stderr.contains("app/billing.js:1: allow comment without a reason"), reasonless.stderr)
    }

    func testAOneCharacterReasonAcceptsNothingAndIsAWarningWithItsLine() throws {
        try write("billing.js", "class Billing {\n  key = \"\(Self.added)\"; // secretmap:allow x\n}\n")
        let run = try gate("json")
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("secretmap: app/billing.js:2: allow comment without a reason: secretmap:allow needs a reason of at least three words; the literal at line 2 is still reported"), run.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let warnings = doc["warnings"] as! [[String: Any]]
        XCTAssertEqual(warnings.map { "\($0["repo"]!)/\($0["path"]!):\($0["line"]!)" }, ["app/billing.js:2"])
        let section = doc["baseline"] as! [String: Any]
        XCTAssertEqual((section["new"] as! [[String: Any]]).map { "\($0["path"]!):\($0["line"]!)" }, ["billing.js:2"])
        for start in 0...(Self.added.count - 6) {
            XCTAssertFalse((run.stdout + run.stderr).contains(String(Self.added.dropFirst(start).prefix(6))), "a value leaks")
        }
    }

    func testARemovedLiteralIsResolvedAndUpdatePrunesIt() throws {
        try write("client.js", "class Client { constructor(token = process.env.TOKEN) {} }\n")
        let run = try gate()
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("Resolved (in the baseline, no longer found): 1"), run.stdout)
        XCTAssertTrue(run.stdout.contains("app/client.js  constructor-default  token   q8Z…xN"), run.stdout)

        let update = try CLI.run(["baseline", "update", "--output", baseline, repo.path])
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertTrue(update.stderr.contains("0 new literals accepted, 1 resolved pruned"), update.stderr)
        XCTAssertFalse(try String(contentsOfFile: baseline, encoding: .utf8).contains("client.js"))
    }

    func testARenamedFileStaysAccepted() throws {
        try FileManager.default.moveItem(at: repo.appendingPathComponent("client.js"), to: repo.appendingPathComponent("api-client.js"))
        let run = try gate()
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stderr.contains("baseline: 0 new, 1 accepted, 0 resolved"), run.stderr)
    }

    func testAnotherFingerprintKeyOrAMissingBaselineIsAnInputError() throws {
        let other = try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", repo.path],
                                environment: ["SECRETMAP_FINGERPRINT_KEY": "another-key"])
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.stderr.contains("made with fingerprint key"), other.stderr)
        let missing = try CLI.run(["scan", "--baseline", dir.appendingPathComponent("nope.json").path, repo.path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("secretmap baseline create"), missing.stderr)
        let noBaseline = try CLI.run(["scan", "--fail-on", "new", repo.path])
        XCTAssertEqual(noBaseline.status, 2)
        XCTAssertTrue(noBaseline.stderr.contains("--fail-on new needs --baseline"), noBaseline.stderr)
        let exists = try CLI.run(["baseline", "create", "--output", baseline, repo.path])
        XCTAssertEqual(exists.status, 2)
        XCTAssertTrue(exists.stderr.contains("exists; use `secretmap baseline update`"), exists.stderr)
    }
}
