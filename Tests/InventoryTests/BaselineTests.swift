import Foundation
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

    func testUpdateReplacesOnlyTheEntriesOfFilesItReadAndKeepsTheRest() {
        var old = Baseline(from: scan([literal("a.js", 3, "f1"), literal("b.js", 9, "f2"), literal("c.js", 1, "f3"),
                                       literal("x.js", 2, "f4", repo: "web")]))
        old.repositories = nil
        var partial = scan([literal("d.js", 5, "f5")])
        partial.roots = [Root(name: "app", path: "/nowhere/app", identity: "app")]
        partial.scope = ["app/a.js", "app/c.js", "app/d.js"]  // a.js edited, c.js too large to read, d.js new
        partial.skipped = [Skip(repo: "app", path: "c.js", reason: .tooLarge, detail: "9000000 bytes")]
        let (updated, kept) = Baseline.updated(old, with: partial)
        XCTAssertEqual(updated.entries.map { "\($0.repo) \($0.path) \($0.fingerprint)" },
                       ["app b.js f2", "app c.js f3", "app d.js f5", "web x.js f4"])
        XCTAssertEqual(kept, 3)
        let comparison = BaselineComparison(scan: partial, baseline: old)
        XCTAssertEqual(comparison.resolved.map(\.path), ["a.js"], "only a file read can be resolved")
    }

    func testAnEntryOfAFileNotReadIsNotTheOriginOfARename() {
        let b = Baseline(from: scan([literal("client.js", 3, "f1")]))
        var staged = scan([literal("copy.js", 1, "f1")])
        staged.roots = [Root(name: "app", path: "/nowhere/app", identity: "app")]
        staged.scope = ["app/copy.js"]
        XCTAssertEqual(BaselineComparison(scan: staged, baseline: b).new.map(\.path), ["copy.js"])
        staged.scope = ["app/copy.js", "app/client.js"]  // client.js deleted in the same change: a rename
        XCTAssertEqual(BaselineComparison(scan: staged, baseline: b).new.count, 0)
    }

    func testOriginURLsAreNormalisedWithoutCredentialsOrDotGit() {
        XCTAssertEqual(RepositoryIdentity.normalise("https://user:tok3n@GitHub.com/Org/Repo.git\n"), "github.com/org/repo")
        XCTAssertEqual(RepositoryIdentity.normalise("git@github.com:org/repo.git"), "github.com/org/repo")
        XCTAssertEqual(RepositoryIdentity.normalise("ssh://git@github.com:22/org/repo/"), "github.com/org/repo")
        XCTAssertEqual(RepositoryIdentity.normalise("https://gitlab.example.com/group/sub/repo.git?x=1"), "gitlab.example.com/group/sub/repo")
        XCTAssertEqual(RepositoryIdentity.normalise("/srv/git/repo.git/"), "file:/srv/git/repo")
        XCTAssertNil(RepositoryIdentity.normalise(""))
    }

    func testAnUnreadableFolderKeepsTheEntriesOfEveryFileInIt() {
        let old = Baseline(from: scan([literal("lib/a.js", 3, "f1"), literal("lib/deep/b.js", 9, "f2"), literal("library.js", 1, "f3")]))
        var full = scan([])
        full.roots = [Root(name: "app", path: "/nowhere/app", identity: "app")]
        full.skipped = [Skip(repo: "app", path: "lib", reason: .unreadable, detail: "Permission denied")]
        let (updated, kept) = Baseline.updated(old, with: full)
        XCTAssertEqual(updated.entries.map(\.path), ["lib/a.js", "lib/deep/b.js"], "library.js was read: its literal is gone")
        XCTAssertEqual(kept, 2)
        XCTAssertEqual(BaselineComparison(scan: full, baseline: old).resolved.map(\.path), ["library.js"])
    }

    /// A baseline is a file of the repository (a pull request can change it): its errors say
    /// what is wrong, never what it holds, and a FIFO in its place is refused, not waited on.
    func testABrokenBaselineIsDescribedWithoutItsContent() throws {
        let canary = "Bq7Lm2Xw9Rt4Zc8Vn3Kd6Hs1Pf5Yg0Ja"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-baseline-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("{\"formatVersion\": \"\(canary)\"}", "a required field is missing (tool)"),
            ("{\"\(canary)\": [\(canary)", "invalid JSON"),
        ]
        for (text, category) in cases {
            let path = dir.appendingPathComponent("baseline.json").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try Baseline.load(path)) { error in
                XCTAssertEqual("\(error)", "\(path): not a secretmap baseline (\(category))")
                XCTAssertFalse("\(error)".contains(String(canary.prefix(6))))
            }
        }
        let fifo = dir.appendingPathComponent("fifo.json").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try Baseline.load(fifo)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(fifo): cannot read the baseline (not a regular file)"), "\(error)")
        }
    }
}
