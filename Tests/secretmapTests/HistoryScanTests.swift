import Foundation
import TestSupport
import XCTest

/// `scan --history` on git repositories the tests make, with fixed dates so each commit is known
/// by its position in `git rev-list --reverse HEAD`.
final class HistoryScanTests: XCTestCase {
    var dir: URL!
    // Canaries: each is a literal the repository holds at some commit; none may reach any output.
    static let removed = "q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN"
    static let deleted = "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW"
    static let kept = "Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ"
    static let envDefault = "Hq7Lw2Nc9Rt4Yp6Xm1Vb8Kd3Fs5Gj0Az"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try git("init", "-q")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func git(_ args: String..., day: Int = 1) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir.path, "-c", "user.email=test@example.com", "-c", "user.name=test",
                       "-c", "commit.gpgsign=false"] + args
        let date = String(format: "2024-01-%02dT12:00:00Z", day)
        p.environment = ProcessInfo.processInfo.environment.merging(["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]) { $1 }
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "git \(args)")
    }

    func commit(_ day: Int) throws {
        try git("add", "-A", day: day)
        try git("commit", "-q", "-m", "day \(day)", day: day)
    }

    /// Commit ids, oldest first.
    func commits() throws -> [String] {
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir.path, "rev-list", "--reverse", "HEAD"]
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func assertNoCanary(_ run: CLI.Run, file: StaticString = #filePath, line: UInt = #line) {
        for canary in [Self.removed, Self.deleted, Self.kept, Self.envDefault] {
            XCTAssertFalse(run.stdout.contains(canary) || run.stderr.contains(canary), "a value reached the output", file: file, line: line)
            // Not even a part of one (a hint is 3 + 2 characters).
            XCTAssertFalse(run.stdout.contains(String(canary.prefix(6))) || run.stderr.contains(String(canary.prefix(6))), file: file, line: line)
        }
    }

    /// Day 1 adds three literals and an env default; day 2 moves one file and deletes another;
    /// day 3 takes the moved literal out; day 4 takes the env default out. The kept literal is
    /// in the tree: not history's.
    func makeHistory() throws {
        try write("src/a.js", "class A { key = \"\(Self.removed)\"; }\n")
        try write("b.py", "class B:\n    TOKEN = \"\(Self.deleted)\"\n")
        try write("c.ts", "class C { constructor(token = \"\(Self.kept)\") {} }\n")
        try write("env.js", "const url = 1;\nconst token = process.env.API_TOKEN || \"\(Self.envDefault)\";\n")
        try commit(1)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("src/a.js"), to: dir.appendingPathComponent("lib/a.js"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("b.py"))
        try commit(2)
        try write("lib/a.js", "class A { key = process.env.KEY; }\n")
        try commit(3)
        try write("env.js", "const url = 1;\nconst token = process.env.API_TOKEN;\n")
        try commit(4)
    }

    func history(_ run: CLI.Run) throws -> [[String: Any]] {
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        return try XCTUnwrap(doc["history"] as? [[String: Any]], run.stdout)
    }

    func testLiteralsAddedMovedAndRemovedArePlacedInTheirCommits() throws {
        try makeHistory()
        let c = try commits()
        let run = try CLI.run(["scan", "--history", "--format", "json", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = try history(run).map { h in
            [h["path"] as! String, String(h["line"] as! Int), h["context"] as! String, h["commit"] as! String,
             h["date"] as! String, h["removedIn"] as? String ?? "-"]
        }
        XCTAssertEqual(rows, [
            ["b.py", "2", "field-initializer", c[0], "2024-01-01T12:00:00Z", c[1]],
            ["env.js", "2", "env-default", c[0], "2024-01-01T12:00:00Z", c[3]],
            // Moved on day 2 (the same blob at lib/a.js): still placed where it came, removed on day 3.
            ["src/a.js", "1", "field-initializer", c[0], "2024-01-01T12:00:00Z", c[2]],
        ])
        // The tree's literal is the tree scan's, not history's.
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((doc["literals"] as! [[String: Any]]).map { $0["path"] as! String }, ["c.ts"])
        XCTAssertTrue(run.stderr.contains("history: "), run.stderr)
        assertNoCanary(run)
    }

    func testTextOutputListsHistoryWithShortCommits() throws {
        try makeHistory()
        let c = try commits()
        let run = try CLI.run(["scan", "--history", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Literals in git history, no longer in the tree: 3\n"), run.stdout)
        let name = dir.lastPathComponent
        let line = try XCTUnwrap(run.stdout.split(separator: "\n").first { $0.contains("\(name)/src/a.js:1") }, run.stdout)
        XCTAssertTrue(line.contains(String(c[0].prefix(7)) + " (2024-01-01)"), String(line))
        XCTAssertTrue(line.contains(String(c[2].prefix(7)) + " (2024-01-03)"), String(line))
        assertNoCanary(run)
    }

    func testWithoutHistoryTheOutputHasNoHistoryKey() throws {
        try makeHistory()
        let run = try CLI.run(["scan", "--format", "json", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains("\"history"), run.stdout)
        XCTAssertFalse(run.stderr.contains("history"), run.stderr)
        let text = try CLI.run(["scan", dir.path])
        XCTAssertFalse(text.stdout.contains("git history"), text.stdout)
    }

    func testABlobOverTheSizeLimitIsSkippedBeforeItIsRead() throws {
        try write("big.js", "class A { key = \"\(Self.removed)\"; }\n" + String(repeating: "// padding\n", count: 200))
        try commit(1)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("big.js"))
        try commit(2)
        let run = try CLI.run(["scan", "--history", "--max-file-size", "1K", "--format", "json", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try history(run).count, 0)
        XCTAssertTrue(run.stderr.contains("/big.js: skipped: larger than --max-file-size (blob "), run.stderr)
        assertNoCanary(run)
    }

    func testARootOutsideGitIsSaidAndItsTreeStillScanned() throws {
        let plain = TempTree()
        plain.write("a.js", "class A { key = \"\(Self.kept)\"; }\n")
        let run = try CLI.run(["scan", "--history", "--format", "json", plain.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("git history not read (not inside a git work tree); the tree was scanned"), run.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((doc["literals"] as! [[String: Any]]).count, 1)
        XCTAssertEqual((doc["history"] as! [Any]).count, 0)
        assertNoCanary(run)
    }

    /// drift with `history: true`: the env default removed on day 4 is the value the store holds
    /// today (High, with its commit, path and date); the literal deleted on day 2 is held by no
    /// store (dead: no finding). Without `history: true`, no history is read.
    func testAStoredValueFoundOnlyInHistoryIsHighWithItsCommit() throws {
        try makeHistory()
        let c = try commits()
        let tree = TempTree()
        tree.write("prod.env", "API_TOKEN=\(Self.envDefault)\nOTHER_TOKEN=Pq7Wz2Kx9Lm4Tb1Rv6Nc8Hd3Jf5Gs0Ua\n")
        tree.write("key", "k7Qw2Zr9Lp4Xv8Nc3Hm6Td1Fb5Js0Ya")
        func config(history: Bool) -> String {
            tree.write("secretmap-\(history).yml", """
                repos:
                  - { name: app, path: \(dir.path)\(history ? ", history: true" : "") }
                environments:
                  production: {}
                stores:
                  env_files:
                    - { path: prod.env, environment: production }
                fingerprint_key: { file: key }
                """)
        }
        let drift = try CLI.run(["drift", "--config", config(history: true), "--format", "json"])
        XCTAssertTrue([0, 1].contains(drift.status), drift.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any], drift.stderr)
        let findings = (doc["findings"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "stored-value-in-history" }
        XCTAssertEqual(findings.map { "\($0["severity"]!) \($0["name"]!)" }, ["High API_TOKEN"])
        XCTAssertEqual(findings.first?["evidence"] as? [String], [
            "app/env.js:2, commit \(c[0].prefix(7)) (2024-01-01), removed in \(c[3].prefix(7)) (2024-01-04)",
            "env-file \(tree.path)/prod.env:1 (Hq7…Az)",
        ])
        let text = try CLI.run(["drift", "--config", config(history: true)])
        XCTAssertTrue(text.stdout.contains("stored-value-in-history"), text.stdout)
        let without = try CLI.run(["drift", "--config", config(history: false), "--format", "json"])
        XCTAssertFalse(without.stdout.contains("stored-value-in-history"), without.stdout)
        for run in [drift, text, without] { assertNoCanary(run) }
    }

    /// A baseline made with --history accepts today's history literals by fingerprint; a literal
    /// committed and removed afterwards is new, and --fail-on new fails on it.
    func testTheBaselineAcceptsHistoryLiteralsByFingerprint() throws {
        try makeHistory()
        let outside = TempTree()
        let baseline = outside.root.appendingPathComponent("baseline.json").path
        let create = try CLI.run(["baseline", "create", "--history", "--output", baseline, dir.path])
        XCTAssertEqual(create.status, 0, create.stderr)
        XCTAssertTrue(create.stderr.contains("3 in git history"), create.stderr)
        let clean = try CLI.run(["scan", "--history", "--baseline", baseline, "--fail-on", "new", dir.path])
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertTrue(clean.stdout.contains("New literals in git history (not in the baseline): 0\n"), clean.stdout)

        let added = "Mk4Rt8Yp2Wq6Zx1Lc9Vb3Nd7Hf5Gj0Ts"
        try write("late.js", "class L { key = \"\(added)\"; }\n")
        try commit(5)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("late.js"))
        try commit(6)
        let run = try CLI.run(["scan", "--history", "--baseline", baseline, "--fail-on", "new", "--format", "json", dir.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let new = (doc["baseline"] as! [String: Any])["newHistory"] as! [[String: Any]]
        XCTAssertEqual(new.map { "\($0["path"]!):\($0["line"]!)" }, ["late.js:1"])
        XCTAssertTrue(run.stderr.contains("1 new in history"), run.stderr)
        // Without --history the gate is the tree's, as before.
        XCTAssertEqual(try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", dir.path]).status, 0)
        for r in [create, clean, run] {
            assertNoCanary(r)
            XCTAssertFalse(r.stdout.contains(String(added.prefix(6))) || r.stderr.contains(String(added.prefix(6))))
        }
        let file = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertFalse(file.contains(String(added.prefix(6))) || file.contains(String(Self.removed.prefix(6))), file)
    }

    /// Branches: a literal a side branch brought is placed at the side's commit, not the merge;
    /// one only an unmerged branch holds was never removed.
    func testMergedAndUnmergedBranchesArePlacedAtTheirOwnCommits() throws {
        try write("c.ts", "class C { constructor(token = \"\(Self.kept)\") {} }\n")
        try commit(1)
        try git("branch", "-M", "main")
        try git("checkout", "-q", "-b", "side")
        try write("s.js", "class S { key = \"\(Self.removed)\"; }\n")
        try commit(2)
        let side = try commits().last!
        try git("checkout", "-q", "main")
        try write("m.js", "const m = 1;\n")
        try commit(3)
        try git("merge", "-q", "--no-ff", "--no-edit", "side", day: 4)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("s.js"))
        try commit(5)
        let removal = try commits().last!
        try git("checkout", "-q", "-b", "wip", "HEAD~2")
        try write("w.js", "class W { key = \"\(Self.deleted)\"; }\n")
        try commit(6)
        let wip = try commits().last!
        try git("checkout", "-q", "main")
        let run = try CLI.run(["scan", "--history", "--format", "json", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = try history(run).map { h in "\(h["path"]!) \(h["commit"]!) \(h["removedIn"] as? String ?? "-")" }
        XCTAssertEqual(rows, ["s.js \(side) \(removal)", "w.js \(wip) -"])
        assertNoCanary(run)
    }

    /// A path with a line break (rev-list writes it raw) is still read, named as git log -z names it.
    func testAPathWithALineBreakIsStillRead() throws {
        try write("odd\nname.js", "class O { key = \"\(Self.removed)\"; }\n")
        try commit(1)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("odd\nname.js"))
        try commit(2)
        let run = try CLI.run(["scan", "--history", "--format", "json", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try history(run).map { $0["path"] as! String }, ["odd\nname.js"])
        assertNoCanary(run)
    }
}
