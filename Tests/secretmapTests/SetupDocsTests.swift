import Foundation
import XCTest

/// The README's promise to a newcomer: exactly two set-up commands at the top, both scripts that
/// exist and run; CI runs the second; build output and the demo's output are never committed.
final class SetupDocsTests: XCTestCase {
    func text(_ path: String) throws -> String {
        try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    func testTheSetUpSectionHasExactlyTheTwoCommands() throws {
        let readme = try text("README.md")
        let start = try XCTUnwrap(readme.range(of: "\n## Set up\n"), "README has a Set up section")
        let end = try XCTUnwrap(readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex))
        let section = String(readme[start.upperBound..<end.lowerBound])
        let blocks = section.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        XCTAssertEqual(blocks, ["scripts/demo", "scripts/test"])
        XCTAssertTrue(readme.components(separatedBy: "```sh\n").dropFirst(1).prefix(2).map { $0.components(separatedBy: "\n```")[0] }
            == ["scripts/demo", "scripts/test"], "they are the README's first two commands")
        for script in blocks {
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: CLI.packageRoot.appendingPathComponent(script).path), "\(script) is executable")
        }
        XCTAssertTrue(section.contains("`demo-output/secrets-management.md`"))
    }

    func testCIRunsTheSameTestEntryPoint() throws {
        let run = try text(".ci/run")
        XCTAssertEqual(run.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty },
                       ["set -euo pipefail", "exec bash \"$(dirname \"$0\")/../scripts/test\""])
    }

    func testBuildOutputAndTheDemoOutputAreIgnored() throws {
        let ignored = try text(".gitignore").split(separator: "\n").map(String.init)
        for pattern in ["Package.resolved", ".build*/", "/demo-output/"] {
            XCTAssertTrue(ignored.contains(pattern), ".gitignore lists \(pattern)")
        }
        let paths = ["demo-output/secrets-management.md", ".build-release/x", "Package.resolved", "completions/_secretmap"]
        let check = try Script.run("/usr/bin/env", ["git", "check-ignore"] + paths)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stdout, paths.map { $0 + "\n" }.joined(), "each of them is ignored")
    }
}
