import Foundation
import TestSupport
import XCTest

/// .pre-commit-hooks.yaml, used the way a user's `.pre-commit-config.yaml` uses it: pre-commit
/// itself clones this repository at a commit and runs the `secretmap-system` hook (the built binary
/// on PATH) on a scratch repository. Skipped when pre-commit is not installed, except under
/// scripts/test (SECRETMAP_REQUIRE_SERVERS=1), which installs it.
final class PreCommitHookTests: XCTestCase {
    let canary = "Zq8vN3kLp0Xw7RtY2bHm5JcF9sDg4AeU1oIi"

    func git(_ arguments: [String], in directory: String) throws -> CLI.Run {
        let run = try Script.run("/usr/bin/env", ["git"] + arguments, in: directory,
                                 environment: ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"])
        XCTAssertEqual(run.status, 0, "git \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    func testTheHookFailsOnAStagedLiteralNamingFileAndLineAndPassesOnceItIsGone() throws {
        guard let preCommit = Script.which("pre-commit") else {
            if LocalServers.required { XCTFail("pre-commit is not installed (scripts/test installs it)") }
            throw XCTSkip("pre-commit is not installed (pip install pre-commit; scripts/test installs it)")
        }
        let hooksRepo = CLI.packageRoot.path
        let rev = try git(["rev-parse", "HEAD"], in: hooksRepo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let committed = try git(["show", "\(rev):.pre-commit-hooks.yaml"], in: hooksRepo).stdout
        XCTAssertTrue(committed.contains("- id: secretmap-system"), "the hook is defined at \(rev)")

        let tree = TempTree()
        let app = tree.root.appendingPathComponent("app").path
        try FileManager.default.createDirectory(atPath: app, withIntermediateDirectories: true)
        _ = try git(["init", "-q"], in: app)
        tree.write("app/.pre-commit-config.yaml", """
            repos:
              - repo: \(hooksRepo)
                rev: \(rev)
                hooks:
                  - id: secretmap-system

            """)
        tree.write("app/src/client.js", "class Client {\n  constructor(token = process.env.TOKEN) { this.token = token }\n}\n")
        let environment = ["PATH": Script.pathWithSecretmap, "PRE_COMMIT_HOME": tree.root.appendingPathComponent("cache").path]
        let created = try Script.run(Script.binDirectory + "/secretmap", ["baseline", "create", "."], in: app, environment: environment)
        XCTAssertEqual(created.status, 0, created.stderr)
        _ = try git(["add", "."], in: app)
        _ = try git(["commit", "-q", "-m", "start"], in: app)

        // A literal in a constructor default, staged: the hook fails and names file:line.
        tree.write("app/src/client.js", "class Client {\n  constructor(token = \"\(canary)\") { this.token = token }\n}\n")
        _ = try git(["add", "src/client.js"], in: app)
        let failing = try Script.run(preCommit, ["run"], in: app, environment: environment)
        XCTAssertEqual(failing.status, 1, failing.stdout + failing.stderr)
        XCTAssertTrue(failing.stdout.contains("secretmap (hard-coded secret literals, installed binary)"), failing.stdout)
        XCTAssertTrue(failing.stdout.contains("Failed"), failing.stdout)
        XCTAssertTrue(failing.stdout.contains("app/src/client.js:2:23  constructor-default  token"), failing.stdout)
        Script.assertNoCanary([canary], in: failing.stdout + failing.stderr, "pre-commit's output")

        // The literal replaced by a read of the environment: the hook passes.
        tree.write("app/src/client.js", "class Client {\n  constructor(token = process.env.CLIENT_TOKEN) { this.token = token }\n}\n")
        _ = try git(["add", "src/client.js"], in: app)
        let passing = try Script.run(preCommit, ["run"], in: app, environment: environment)
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
        XCTAssertTrue(passing.stdout.contains("Passed"), passing.stdout)
    }
}
