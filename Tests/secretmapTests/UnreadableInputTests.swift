import Foundation
import XCTest

/// Unreadable files and folders: root can read everything, so the scan runs as `nobody`
/// (setpriv, util-linux) on a copy of the binary in a world-readable temporary folder.
final class UnreadableInputTests: XCTestCase {
    func testUnreadableFileAndFolderAreNamedCountedAndExit2() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv to run the scan as another user")
        }
        let dir = URL(fileURLWithPath: "/tmp/secretmap-unreadable-\(UUID().uuidString)")
        let repo = dir.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("locked"), withIntermediateDirectories: true)
        defer {
            chmod(repo.appendingPathComponent("locked").path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        try "const a = process.env.READABLE;\n".write(to: repo.appendingPathComponent("ok.js"), atomically: true, encoding: .utf8)
        try "process.env.HIDDEN\n".write(to: repo.appendingPathComponent("secret.js"), atomically: true, encoding: .utf8)
        try "process.env.LOCKED\n".write(to: repo.appendingPathComponent("locked/x.js"), atomically: true, encoding: .utf8)
        let binary = dir.appendingPathComponent("secretmap")
        try FileManager.default.copyItem(at: CLI.binary, to: binary)
        chmod(dir.path, 0o755)
        chmod(repo.path, 0o755)
        chmod(repo.appendingPathComponent("ok.js").path, 0o644)
        chmod(repo.appendingPathComponent("secret.js").path, 0o000)
        chmod(repo.appendingPathComponent("locked").path, 0o000)

        func asNobody(_ args: [String]) throws -> CLI.Run {
            try CLI.run(["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + args, executable: "/usr/bin/setpriv")
        }
        guard try asNobody(["--version"]).status == 0 else {
            throw XCTSkip("the binary cannot run as nobody here (its libraries are not readable)")
        }
        let run = try asNobody(["scan", "--format", "json", repo.path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("secretmap: repo/secret.js: skipped: unreadable (Permission denied)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("secretmap: repo/locked: skipped: unreadable (Permission denied)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("skipped 2: 2 unreadable"), run.stderr)
        XCTAssertTrue(run.stdout.contains("\"name\" : \"READABLE\""), "the scan goes on")
    }
}
