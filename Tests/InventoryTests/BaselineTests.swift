import XCTest
@testable import Inventory
@testable import SourceScan

final class BaselineTests: XCTestCase {
    func literal(_ path: String, _ line: Int, _ fingerprint: String, context: String = "constructor-default",
                 repo: String = "app", allow: String? = nil) -> Literal {
        Literal(repo: repo, path: path, line: line, column: 5, length: 32, context: context, target: "token",
                fingerprint: fingerprint, hint: "abc…yz", issuer: nil, entropy: 4.5, secretLike: true,
                language: "javascript", allowReason: allow)
    }

    func scan(_ literals: [Literal]) -> ScanResult {
        var r = ScanResult()
        r.literals = literals
        r.fingerprintKeyId = "k1"
        return r
    }

    func testEntriesAreKeyedWithoutLinesCountedAndSorted() {
        let b = Baseline(from: scan([literal("b.js", 9, "f2"), literal("a.js", 3, "f1"), literal("a.js", 30, "f1"),
                                     literal("a.js", 40, "f3", allow: "test key")]))
        XCTAssertEqual(b.entries.map { "\($0.path) \($0.fingerprint) \($0.count)" }, ["a.js f1 2", "b.js f2 1"])
        XCTAssertEqual(b.fingerprintKeyId, "k1")
        XCTAssertFalse(b.encoded().contains("\"line\""))
    }

    func testMovedLinesAreAcceptedNewOnesAreNotRemovedOnesAreResolved() {
        let b = Baseline(from: scan([literal("a.js", 3, "f1"), literal("b.js", 9, "f2")]))
        let c = BaselineComparison(scan: scan([literal("a.js", 120, "f1"), literal("a.js", 121, "f9")]), baseline: b)
        XCTAssertEqual(c.new.map { "\($0.path):\($0.line)" }, ["a.js:121"])
        XCTAssertEqual(c.accepted, 1)
        XCTAssertEqual(c.resolved.map { "\($0.path) \($0.fingerprint) \($0.count)" }, ["b.js f2 1"])
    }

    func testASecondCopyOfAnAcceptedLiteralInTheSameFileIsNew() {
        let b = Baseline(from: scan([literal("a.js", 3, "f1")]))
        let c = BaselineComparison(scan: scan([literal("a.js", 3, "f1"), literal("a.js", 50, "f1")]), baseline: b)
        XCTAssertEqual(c.new.map(\.line), [50])
    }

    func testARenamedFileKeepsItsLiteralsAcceptedButACopyElsewhereIsNew() {
        let b = Baseline(from: scan([literal("old/client.js", 3, "f1")]))
        let renamed = BaselineComparison(scan: scan([literal("new/client.js", 7, "f1")]), baseline: b)
        XCTAssertEqual(renamed.new.count, 0)
        XCTAssertEqual(renamed.resolved.count, 0)
        // The original still in place and a copy in another file: the copy is new.
        let copied = BaselineComparison(scan: scan([literal("old/client.js", 3, "f1"), literal("other.js", 1, "f1")]), baseline: b)
        XCTAssertEqual(copied.new.map(\.path), ["other.js"])
        // Another repo or another context is not a rename.
        let otherRepo = BaselineComparison(scan: scan([literal("old/client.js", 3, "f1", repo: "web")]), baseline: b)
        XCTAssertEqual(otherRepo.new.count, 1)
        XCTAssertEqual(otherRepo.resolved.count, 1)
    }

    func testAllowedLiteralsAreNeitherNewNorBaselined() {
        let b = Baseline(from: scan([]))
        let c = BaselineComparison(scan: scan([literal("a.js", 3, "f1", allow: "fixture")]), baseline: b)
        XCTAssertEqual(c.new.count, 0)
        XCTAssertEqual(c.accepted, 0)
    }

    func testLoadRejectsForeignFilesAndNewerFormats() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json").path
        try "{\"hello\": 1}".write(toFile: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Baseline.load(bad)) { XCTAssertTrue("\($0)".contains("not a secretmap baseline")) }
        let newer = dir.appendingPathComponent("newer.json").path
        try "{\"tool\":\"secretmap\",\"formatVersion\":99,\"fingerprintKeyId\":\"k\",\"entries\":[]}".write(toFile: newer, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Baseline.load(newer)) { XCTAssertTrue("\($0)".contains("format version 99")) }
        XCTAssertThrowsError(try Baseline.load(dir.appendingPathComponent("missing.json").path)) {
            XCTAssertTrue("\($0)".contains("secretmap baseline create"))
        }
    }
}
