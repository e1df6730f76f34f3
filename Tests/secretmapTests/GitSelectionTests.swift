import Foundation
import XCTest

/// --staged and --since in a real git repository the test creates.
final class GitSelectionTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try git("init", "-q")
        try write("committed.js", "class A { key = \"q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN\"; }\n")
        try git("add", "committed.js")
        try git("commit", "-q", "-m", "first")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func git(_ args: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir.path, "-c", "user.email=test@example.com", "-c", "user.name=test",
                       "-c", "commit.gpgsign=false"] + args
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "git \(args)")
    }

    func literalPaths(_ run: CLI.Run) throws -> [String] {
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        return (doc["literals"] as! [[String: Any]]).map { $0["path"] as! String }
    }

    func testStagedScansOnlyTheIndexedChanges() throws {
        try write("src/staged.ts", "class B { constructor(token = \"Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ\") {} }\n")
        try write("untracked.py", "class C:\n    TOKEN = \"aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW\"\n")
        try git("add", "src/staged.ts")
        let run = try CLI.run(["scan", "--staged", "--format", "json", "--fail-on", "literal", dir.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(try literalPaths(run), ["src/staged.ts"])
        XCTAssertTrue(run.stderr.contains("scanned 1 files"), run.stderr)

        try git("commit", "-q", "-m", "second")
        let nothing = try CLI.run(["scan", "--staged", "--fail-on", "literal", dir.path])
        XCTAssertEqual(nothing.status, 0, nothing.stdout)
    }

    func testSinceScansWhatChangedAfterARevision() throws {
        try write("committed.js", "// edited\nclass A { key = \"q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN\"; }\n")
        try write("other.js", "class D { key = \"Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ\"; }\n")
        try git("add", "other.js")
        let run = try CLI.run(["scan", "--since", "HEAD", "--format", "json", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try literalPaths(run), ["committed.js", "other.js"])
    }

    func testAPartialScanDoesNotResolveTheFilesItDidNotRead() throws {
        let baseline = dir.appendingPathComponent("baseline.json").path
        XCTAssertEqual(try CLI.run(["baseline", "create", "--output", baseline, dir.path]).status, 0)
        try write("new.js", "class E { key = \"Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ\"; }\n")
        try git("add", "new.js")
        let run = try CLI.run(["scan", "--staged", "--baseline", baseline, "--fail-on", "new", dir.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("baseline: 1 new, 0 accepted, 0 resolved"), run.stderr)
    }

    func testOutsideAGitRepositoryIsAnInputError() throws {
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-nogit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: plain) }
        let run = try CLI.run(["scan", "--staged", plain.path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("git diff failed"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(plain.path): git diff failed: not inside a git work tree\n"), run.stderr)
        let bad = try CLI.run(["scan", "--since", "no-such-rev", dir.path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("git diff failed"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("git diff failed: unknown revision\n"), bad.stderr)
        XCTAssertFalse(bad.stderr.contains("ambiguous"), "git's own message is not passed on")
    }

    func json(_ run: CLI.Run) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
    }

    func testStagedReadsTheIndexNotTheWorkingTree() throws {
        // Stage a secret, then clean the working file: the commit holds the secret.
        try write("src/staged.ts", "class B {\n  constructor(token = \"Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ\") {}\n}\n")
        try git("add", "src/staged.ts")
        try write("src/staged.ts", "class B {\n  constructor(token = process.env.TOKEN) {}\n}\n")
        // And the other way round: a secret only in the working tree is not being committed.
        try write("committed.js", "class A { key = \"q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN\"; }\nclass Z { key = \"aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW\"; }\n")
        let run = try CLI.run(["scan", "--staged", "--format", "json", "--fail-on", "literal", dir.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        let literals = try json(run)["literals"] as! [[String: Any]]
        XCTAssertEqual(literals.map { "\($0["path"]!):\($0["line"]!):\($0["column"]!) \($0["hint"]!)" }, ["src/staged.ts:2:23 Zx8…jJ"])
        XCTAssertTrue(run.stderr.contains("scanned 1 files"), run.stderr)
        XCTAssertEqual((try json(run)["readers"] as! [[String: Any]]).count, 0, "the working tree's reader is not staged")
        let canary = "Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ"
        for start in 0...(canary.count - 6) {
            XCTAssertFalse((run.stdout + run.stderr).contains(String(canary.dropFirst(start).prefix(6))), "a staged value leaks")
        }
    }

    /// `git commit ARGS` with a pre-commit hook that runs the gate on services/api; its exit status.
    func commitWithHook(_ args: String...) throws -> Int32 {
        let hook = dir.appendingPathComponent(".git/hooks/pre-commit")
        try "#!/bin/sh\nexec '\(CLI.binary.path)' scan --staged --fail-on literal services/api\n"
            .write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.email=test@example.com", "-c", "user.name=test", "-c", "commit.gpgsign=false",
                       "commit", "-q", "-m", "a change"] + args
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    func testAPreCommitHookOnAFolderOfTheRepositoryRefusesTheCommit() throws {
        // End to end: git runs the hook (GIT_INDEX_FILE set) on a root in a subfolder; the staged
        // secret is in the index only.
        try write("services/api/client.js", "class C {\n  constructor(token = \"Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ\") {}\n}\n")
        try git("add", "services/api/client.js")
        try write("services/api/client.js", "class C {\n  constructor(token = process.env.TOKEN) {}\n}\n")
        XCTAssertNotEqual(try commitWithHook(), 0, "the hook let a staged secret through")
        // `git commit PATHS` commits the working file (through a temporary index): that is clean.
        XCTAssertEqual(try commitWithHook("--", "services/api/client.js"), 0)
        // `git commit -a` stages the working file into a temporary index: that one has the secret.
        try write("services/api/client.js", "class C {\n  constructor(token = \"Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ\") {}\n}\n")
        XCTAssertNotEqual(try commitWithHook("-a"), 0, "the hook read another index than the commit's")
    }

    func testAStagedBlobObeysTheSizeLimitAndTheBinaryCheck() throws {
        let secret = "class B { key = \"Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ\"; }\n"
        try write("big.js", secret + String(repeating: "// padding\n", count: 40))
        try write("bin.js", "\u{0}" + secret)
        try git("add", "big.js", "bin.js")
        try write("big.js", "// small now\n")
        try write("bin.js", secret)
        let run = try CLI.run(["scan", "--staged", "--max-file-size", "200", "--format", "json", "--fail-on", "literal", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let skipped = try json(run)["skipped"] as! [[String: Any]]
        XCTAssertEqual(skipped.map { "\($0["path"]!) \($0["reason"]!)" }, ["big.js tooLarge", "bin.js binary"])
        XCTAssertTrue(run.stderr.contains("big.js: skipped: larger than --max-file-size"), run.stderr)
    }

    func testACopyOfAnAcceptedLiteralInANewFileFailsStagedAsItFailsTheFullScan() throws {
        let baseline = dir.appendingPathComponent("baseline.json").path
        XCTAssertEqual(try CLI.run(["baseline", "create", "--output", baseline, dir.path]).status, 0)
        try FileManager.default.copyItem(at: dir.appendingPathComponent("committed.js"), to: dir.appendingPathComponent("copy.js"))
        try git("add", "copy.js")
        let full = try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", dir.path])
        XCTAssertEqual(full.status, 1, full.stderr)
        let staged = try CLI.run(["scan", "--staged", "--baseline", baseline, "--fail-on", "new", dir.path])
        XCTAssertEqual(staged.status, 1, staged.stderr)
        XCTAssertTrue(staged.stderr.contains("baseline: 1 new, 0 accepted, 0 resolved"), staged.stderr)
    }

    func testARenameStagedWithGitMvStaysAcceptedAsInTheFullScan() throws {
        let baseline = dir.appendingPathComponent("baseline.json").path
        XCTAssertEqual(try CLI.run(["baseline", "create", "--output", baseline, dir.path]).status, 0)
        try git("mv", "committed.js", "renamed.js")
        let full = try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", dir.path])
        XCTAssertEqual(full.status, 0, full.stderr)
        let staged = try CLI.run(["scan", "--staged", "--baseline", baseline, "--fail-on", "new", dir.path])
        XCTAssertEqual(staged.status, 0, staged.stderr)
        XCTAssertTrue(staged.stderr.contains("baseline: 0 new, 1 accepted, 0 resolved"), staged.stderr)
    }

    func testBaselineUpdateStagedKeepsTheEntriesOfFilesItDidNotRead() throws {
        let baseline = dir.appendingPathComponent("baseline.json").path
        XCTAssertEqual(try CLI.run(["baseline", "create", "--output", baseline, dir.path]).status, 0)
        try write("new.js", "class E { key = \"Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ\"; }\n")
        try git("add", "new.js")
        let update = try CLI.run(["baseline", "update", "--staged", "--output", baseline, dir.path])
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertTrue(update.stderr.contains("1 new literals accepted, 0 resolved pruned, 1 kept unread"), update.stderr)
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(text.contains("\"path\" : \"committed.js\""), text)
        XCTAssertTrue(text.contains("\"path\" : \"new.js\""), text)
        XCTAssertEqual(try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", dir.path]).status, 0)
    }

    func testBaselineUpdateKeepsTheEntriesOfASkippedFile() throws {
        let baseline = dir.appendingPathComponent("baseline.json").path
        XCTAssertEqual(try CLI.run(["baseline", "create", "--output", baseline, dir.path]).status, 0)
        try write("committed.js", "class A { key = \"q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN\"; }\n" + String(repeating: "// padding\n", count: 40))
        let update = try CLI.run(["baseline", "update", "--max-file-size", "200", "--output", baseline, dir.path])
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertTrue(update.stderr.contains("0 new literals accepted, 0 resolved pruned, 1 kept unread"), update.stderr)
        XCTAssertTrue(try String(contentsOfFile: baseline, encoding: .utf8).contains("\"path\" : \"committed.js\""))
    }

    /// `--staged` follows env objects as a tree scan does, in what the index holds: the staged
    /// importer reads `env.SESSION_SECRET` (its working copy reads `env.PORT`, not being
    /// committed), through the staged module's object.
    func testStagedFollowsEnvObjectsInTheIndex() throws {
        try write("src/env.ts", "import { z } from \"zod\";\nconst schema = z.object({ SESSION_SECRET: z.string(), PORT: z.string() });\nexport const env = schema.parse(process.env);\n")
        try write("src/app.ts", "import { env } from \"./env\";\nuse(env.SESSION_SECRET);\n")
        try git("add", "src/env.ts", "src/app.ts")
        try write("src/app.ts", "import { env } from \"./env\";\n\nuse(env.PORT);\n")
        let run = try CLI.run(["scan", "--staged", "--format", "json", dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let readers = try json(run)["readers"] as! [[String: Any]]
        XCTAssertEqual(readers.filter { $0["rule"] as? String == "env-object" }
            .map { "\($0["name"]!) \($0["path"]!):\($0["line"]!):\($0["column"]!) \($0["via"]!)" }, [
            "SESSION_SECRET src/app.ts:2:9 env (src/env.ts:3)",
            "SESSION_SECRET src/env.ts:2:27 env (src/env.ts:3)",
            "PORT src/env.ts:2:55 env (src/env.ts:3)",
        ])
    }
}
