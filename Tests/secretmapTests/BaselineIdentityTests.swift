import Foundation
import XCTest

/// Baselines keyed by what a repository is (configured name, `origin` remote, or an id recorded
/// when the baseline was made), not by the folder a checkout sits in; format-1 baselines migrate.
final class BaselineIdentityTests: XCTestCase {
    var dir: URL!
    var repo: URL { dir.appendingPathComponent("app") }
    var baseline: String { dir.appendingPathComponent("baseline.json").path }

    static let literal = "q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN"
    /// A token in the remote's URL: it must not reach the baseline or any output.
    static let urlToken = "ghp_R7kQ2mZx9LwT4vNc8YbJ3sHd6FgA1pUe0Xo"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try "class Client {\n  constructor(token = \"\(Self.literal)\") {}\n}\n"
            .write(to: repo.appendingPathComponent("client.js"), atomically: true, encoding: .utf8)
        try git(repo, "init", "-q")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func git(_ at: URL, _ args: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", at.path] + args
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "git \(args)")
    }

    func gate(_ root: String) throws -> CLI.Run {
        try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", root])
    }

    func assertNoWindow(of canary: String, in text: String, _ what: String) {
        for start in 0...(canary.count - 6) {
            let window = String(canary.dropFirst(start).prefix(6))
            XCTAssertFalse(text.contains(window), "\(what) holds part of a canary")
        }
    }

    func testACloneInAnotherFolderMatchesTheBaselineByItsOriginRemote() throws {
        try git(repo, "remote", "add", "origin", "https://ci-bot:\(Self.urlToken)@GitHub.com/PlanB/Web.git")
        let created = try CLI.run(["baseline", "create", "--output", baseline, repo.path])
        XCTAssertEqual(created.status, 0, created.stderr)
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(text.contains("\"repository\" : \"github.com/planb/web\""), text)
        assertNoWindow(of: Self.urlToken, in: text + created.stdout + created.stderr, "the baseline")
        XCTAssertFalse(text.contains("ci-bot"), text)

        let clone = dir.appendingPathComponent("checkout-elsewhere")
        try FileManager.default.copyItem(at: repo, to: clone)
        let run = try gate(clone.path)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("baseline: 0 new, 1 accepted, 0 resolved"), run.stderr)
        assertNoWindow(of: Self.urlToken, in: run.stdout + run.stderr, "the scan's output")
    }

    func testWithoutARemoteTheBaselineRecordsAnIdThatAMovedCheckoutFindsAgain() throws {
        let created = try CLI.run(["baseline", "create", "--output", baseline, repo.path])
        XCTAssertEqual(created.status, 0, created.stderr)
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(text.contains("\"id\" : \"local:"), text)
        let moved = dir.appendingPathComponent("renamed-folder")
        try FileManager.default.moveItem(at: repo, to: moved)
        let run = try gate(moved.path)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("baseline: 0 new, 1 accepted, 0 resolved"), run.stderr)
        // update keeps the recorded id: the file does not change when nothing else did.
        XCTAssertEqual(try CLI.run(["baseline", "update", "--output", baseline, moved.path]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: baseline, encoding: .utf8), text.replacingOccurrences(of: "\"name\" : \"app\"", with: "\"name\" : \"renamed-folder\"").replacingOccurrences(of: "\"repo\" : \"app\"", with: "\"repo\" : \"renamed-folder\""))
    }

    func testAFormatOneBaselineStillLoadsAndIsMigratedWhenWritten() throws {
        try git(repo, "remote", "add", "origin", "git@github.com:planb/web.git")
        let scan = try CLI.run(["scan", "--format", "json", repo.path])
        let doc = try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as! [String: Any]
        let fingerprint = (doc["literals"] as! [[String: Any]])[0]["fingerprint"] as! String
        let keyId = doc["fingerprintKeyId"] as! String
        // A baseline as secretmap wrote them before identities: keyed by the folder's name.
        try """
        {
          "entries" : [
            {
              "context" : "constructor-default",
              "count" : 1,
              "fingerprint" : "\(fingerprint)",
              "hint" : "q8Z…xN",
              "path" : "client.js",
              "repo" : "app",
              "target" : "token"
            }
          ],
          "fingerprintKeyId" : "\(keyId)",
          "formatVersion" : 1,
          "tool" : "secretmap"
        }

        """.write(toFile: baseline, atomically: true, encoding: .utf8)
        let run = try gate(repo.path)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("baseline: 0 new, 1 accepted, 0 resolved"), run.stderr)

        let update = try CLI.run(["baseline", "update", "--output", baseline, repo.path])
        XCTAssertEqual(update.status, 0, update.stderr)
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(text.contains("\"formatVersion\" : 2"), text)
        XCTAssertTrue(text.contains("\"repository\" : \"github.com/planb/web\""), text)
        let clone = dir.appendingPathComponent("ci-workspace")
        try FileManager.default.copyItem(at: repo, to: clone)
        XCTAssertEqual(try gate(clone.path).status, 0, "migrated: a clone elsewhere matches")
    }

    func testANamedRootIsKeyedByItsNameWhereverItSits() throws {
        try git(repo, "remote", "add", "origin", "https://github.com/planb/web")
        XCTAssertEqual(try CLI.run(["baseline", "create", "--output", baseline, "web=" + repo.path]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: baseline, encoding: .utf8).contains("\"repository\" : \"web\""))
        let clone = dir.appendingPathComponent("elsewhere")
        try FileManager.default.copyItem(at: repo, to: clone)
        XCTAssertEqual(try gate("web=" + clone.path).status, 0)
        XCTAssertEqual(try gate(clone.path).status, 1, "another identity: the origin remote")
    }

    func testARepoNamedInSecretmapYmlIsKeyedByThatName() throws {
        let config = "repos:\n  - { name: web, path: app }\n"
        try config.write(to: dir.appendingPathComponent("secretmap.yml"), atomically: true, encoding: .utf8)
        let created = try CLI.run(["baseline", "create", "--output", baseline, "app"], directory: dir)
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(try String(contentsOfFile: baseline, encoding: .utf8).contains("\"repository\" : \"web\""))
        // Another machine: the same config next to a checkout in another folder.
        let other = dir.appendingPathComponent("other-machine")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repo, to: other.appendingPathComponent("web-checkout"))
        try "repos:\n  - { name: web, path: web-checkout }\n".write(to: other.appendingPathComponent("secretmap.yml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", "web-checkout"], directory: other)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("baseline: 0 new, 1 accepted, 0 resolved"), run.stderr)
    }

    func testARemoteAddedAfterTheBaselineWasMadeKeepsItsEntries() throws {
        XCTAssertEqual(try CLI.run(["baseline", "create", "--output", baseline, repo.path]).status, 0)
        try git(repo, "remote", "add", "origin", "https://github.com/planb/web.git")
        let run = try gate(repo.path)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("baseline: 0 new, 1 accepted, 0 resolved"), run.stderr)
        XCTAssertEqual(try CLI.run(["baseline", "update", "--output", baseline, repo.path]).status, 0)
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(text.contains("\"repository\" : \"github.com/planb/web\""), text)
        XCTAssertFalse(text.contains("local:"), text)
    }
}
