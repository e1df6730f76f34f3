import Foundation
import TestSupport
import XCTest

/// `drift` lists the stores on a thread of its own while it scans and reads the declarations.
/// What each stage says on stderr keeps the order the stages had one after the other.
final class PipelineOverlapTests: XCTestCase {
    /// A store CLI that answers late (a second) with an expired-credentials error, a file the scan
    /// cannot read, a workflow the declarations cannot parse: the store's line comes first, then
    /// the scan's, then the declarations', then the summary, whatever finishes first.
    func testStderrKeepsTheStagesOrderWhileTheyOverlap() throws {
        let tree = TempTree()
        tree.write("repo/a.js", "const k = process.env.API_KEY;\n")
        XCTAssertEqual(mkfifo(tree.path + "/repo/b.js", 0o600), 0)
        tree.write("repo/.github/workflows/bad.yml", "jobs: [\n")
        let aws = tree.write("bin/aws", "#!/bin/sh\nsleep 1\necho 'An error occurred (ExpiredToken) x9Fq2LmZ7rT4vB8nK3cW6yH1dJ5sP0aQ' >&2\nexit 255\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: aws)
        tree.write("key", "k7Qw2Zr9Lp4Xv8Nc3Hm6Td1Fb5Js0Ya")
        let config = tree.write("secretmap.yml", "repos:\n  - { name: t, path: repo }\nenvironments:\n  production: { ssm: /app/ }\n"
                                + "stores:\n  aws: { region: eu-west-1 }\nfingerprint_key: { file: key }\n")
        let path = tree.path + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let drift = try CLI.run(["drift", "--config", config, "--format", "json"], environment: ["PATH": path])
        XCTAssertEqual(drift.status, 2, drift.stderr)
        XCTAssertEqual(drift.stderr.split(separator: "\n"), [
            "secretmap: ssm /app/: aws: credentials expired: log in again (aws sso login, bao login…)",
            "secretmap: t/b.js: skipped: not a regular file",
            "secretmap: t/.github/workflows/bad.yml:2: invalid YAML: syntax error at 2:1",
            "secretmap: input errors: skipped 1: 1 not a regular file; 1 declaration warning",
        ])
        XCTAssertFalse(drift.stderr.contains("x9Fq2L"), "the CLI's own message is never repeated")
    }
}
