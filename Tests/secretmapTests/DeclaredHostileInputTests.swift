import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import XCTest

/// `secretmap declared` on a hostile checkout: files are read through the gate, so no byte of a
/// file outside the checkout (the process environment) reaches stdout or stderr; a file a
/// workflow names that an earlier step writes is a note, not a failure.
final class DeclaredHostileInputTests: XCTestCase {
    static let canary = "Vx3Lq9Tz6Wm2Rk8Pn5Jc1Hb7Gd4Fs0Ya"

    /// `task-definition: env.json` with env.json → /proc/self/environ, and a secret in the
    /// environment: the environment was printed through the JSON parser's error.
    func testEnvironmentBehindATaskDefinitionLinkIsNeverPrinted() throws {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", "jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v1\n        with:\n          task-definition: env.json\n")
        tree.link("env.json", to: "/proc/self/environ")
        for format in ["text", "json"] {
            let run = try CLI.run(["declared", "--format", format, "t=" + tree.path], environment: ["DEPLOY_TOKEN": Self.canary])
            XCTAssertTrue(run.stderr.contains("secretmap: t/env.json: skipped: symbolic link leading out of its root\n"), run.stderr)
            XCTAssertFalse(run.stderr.contains("invalid"), run.stderr)
            assertNoCanaryWindow(run.stdout + run.stderr)
        }
    }

    /// A task definition an earlier step writes is not in the checkout: a note, exit 0.
    /// A FIFO where a workflow's task definition should be: refused without blocking, named,
    /// and the run exits 2 (the declarations are incomplete).
    func testAFIFOTaskDefinitionIsAnInputErrorNotAWait() throws {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", "jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v1\n        with:\n          task-definition: taskdef.json\n")
        XCTAssertEqual(mkfifo(tree.path + "/taskdef.json", 0o600), 0)
        let run = try CLI.run(["declared", "t=" + tree.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("secretmap: t/taskdef.json: skipped: not a regular file\n"), run.stderr)
    }

    func testGeneratedTaskDefinitionIsANoteAndExits0() throws {
        let tree = TempTree()
        tree.write(".github/workflows/deploy.yml", "jobs:\n  deploy:\n    steps:\n      - run: ./render > out/taskdef.json\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v1\n        with:\n          task-definition: out/taskdef.json\n")
        let run = try CLI.run(["declared", "t=" + tree.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("secretmap: note: t/.github/workflows/deploy.yml:7: task definition out/taskdef.json is not in the checkout (an earlier step may write it); cannot list its secrets\n"), run.stderr)
        XCTAssertFalse(run.stderr.contains("skipped"), run.stderr)
    }

    /// A file only the declaration parsers open and could not read (a task definition that is
    /// a link loop): `declared` exits 2, and so must `drift`, which said nothing and exited 0.
    func testDriftCountsAFileTheDeclarationsCouldNotRead() throws {
        let tree = TempTree()
        tree.write("repo/.github/workflows/deploy.yml", "jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v1\n        with:\n          task-definition: loop.json\n")
        tree.link("repo/loop.json", to: "loop.json")
        tree.write("key", "k7Qw2Zr9Lp4Xv8Nc3Hm6Td1Fb5Js0Ya")
        let config = tree.write("secretmap.yml", "repos:\n  - { name: t, path: repo }\nenvironments:\n  production: {}\nfingerprint_key: { file: key }\n")
        let declared = try CLI.run(["declared", "t=" + tree.path + "/repo"])
        XCTAssertEqual(declared.status, 2, declared.stderr)
        let drift = try CLI.run(["drift", "--config", config, "--snapshot", "Fixtures/planb/stores-snapshot.json"])
        XCTAssertEqual(drift.status, 2, drift.stderr)
        XCTAssertTrue(drift.stderr.contains("secretmap: t/loop.json: skipped: unreadable (Too many levels of symbolic links)\n"), drift.stderr)
    }

    /// A source file the scan could not read (a FIFO where `app.js` should be): `drift` exited 2
    /// without naming it, because the pipeline's scan had no sink for its events.
    func testDriftNamesASourceFileTheScanSkipped() throws {
        let tree = TempTree()
        tree.write("repo/server.js", "const key = process.env.STRIPE_SECRET_KEY\n")
        XCTAssertEqual(mkfifo(tree.path + "/repo/app.js", 0o600), 0)
        tree.write("key", "k7Qw2Zr9Lp4Xv8Nc3Hm6Td1Fb5Js0Ya")
        let config = tree.write("secretmap.yml", "repos:\n  - { name: t, path: repo }\nenvironments:\n  production: {}\nfingerprint_key: { file: key }\n")
        let drift = try CLI.run(["drift", "--config", config, "--snapshot", "Fixtures/planb/stores-snapshot.json"])
        XCTAssertEqual(drift.status, 2, drift.stderr)
        XCTAssertEqual(drift.stderr.components(separatedBy: "\n").filter { $0.contains("app.js") },
                       ["secretmap: t/app.js: skipped: not a regular file"], drift.stderr)
    }

    func assertNoCanaryWindow(_ output: String, file: StaticString = #filePath, line: UInt = #line) {
        let canary = Array(Self.canary)
        for start in 0...(canary.count - 6) {
            let window = String(canary[start..<start + 6])
            XCTAssertFalse(output.contains(window), "\(window) of the canary is in the output", file: file, line: line)
        }
    }
}
