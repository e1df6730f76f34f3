import Foundation
import TestSupport
import XCTest

/// scripts/install-deps, the one dependency installer behind scripts/demo, scripts/test and the
/// GitHub Action, run with a PATH of stand-ins so each kind of machine can be played here: one
/// with everything, one where sudo and apt-get install the packages, one with no installer.
final class InstallDepsTests: XCTestCase {
    /// A folder of programs for PATH: links to the real basic tools the script uses, plus stand-ins.
    func machine(_ tree: TempTree, real: [String] = ["dirname", "uname", "env", "cat", "chmod"], fakes: [String: String]) throws -> String {
        let bin = tree.root.appendingPathComponent("bin").path
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for tool in real {
            let target = try XCTUnwrap(Script.which(tool), "\(tool) is not installed")
            try FileManager.default.createSymbolicLink(atPath: bin + "/" + tool, withDestinationPath: target)
        }
        for (name, body) in fakes {
            let path = tree.write("bin/" + name, "#!/bin/bash\n" + body + "\n")
            chmod(path, 0o755)
        }
        return bin
    }

    func installDeps(_ what: String, path: String) throws -> CLI.Run {
        try Script.run("/bin/bash", [CLI.packageRoot.appendingPathComponent("scripts/install-deps").path, what],
                       environment: ["PATH": path, "HOME": "/nonexistent"], replacingEnvironment: true)
    }

    func testAMachineWithEverythingInstallsNothingAndSaysNothing() throws {
        // This machine (and CI) has PCRE2: nothing to do, so it is cheap before every demo.
        let run = try Script.run("scripts/install-deps", ["build"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout + run.stderr, "")
    }

    func testWithoutAnInstallerItNamesThePackagesOnOneLine() throws {
        let tree = TempTree()
        let bin = try machine(tree, fakes: ["swift": "exit 0", "id": "echo 1000"])
        let run = try installDeps("build", path: bin)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "install-deps: cannot install what is missing here (no apt-get with root or sudo, no Homebrew): install pkg-config libpcre2-dev (Debian/Ubuntu), pkg-config pcre2 (Homebrew) or pkgconf pcre2-devel (Fedora), then run this again\n")
    }

    func testWithoutRootOrSudoAptGetIsNotEnough() throws {
        let tree = TempTree()
        let bin = try machine(tree, fakes: ["swift": "exit 0", "id": "echo 1000", "apt-get": "echo apt-get \"$@\" >>\"$0.log\"",
                                            "pkg-config": "exit 1"])
        let run = try installDeps("build", path: bin)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("install-deps: cannot install what is missing here"), run.stderr)
        XCTAssertTrue(run.stderr.contains(": install libpcre2-dev (Debian/Ubuntu), pcre2 (Homebrew) or pcre2-devel (Fedora)"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bin + "/apt-get.log"), "apt-get was not run")
    }

    func testWithoutSwiftItSaysWhereToGetIt() throws {
        let tree = TempTree()
        let bin = try machine(tree, fakes: ["id": "echo 0"])
        let run = try installDeps("build", path: bin)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "install-deps: Swift 6 is not on PATH: install it (https://www.swift.org/install), then run this again\n")
    }

    func testAsAUserItInstallsWithSudoAndAptGetUpdatesFirst() throws {
        // apt-get "installs" pkg-config, which then finds libpcre2-8.
        let tree = TempTree()
        let bin = try machine(tree, fakes: [
            "swift": "exit 0",
            "id": "echo 1000",
            "sudo": "echo sudo \"$@\" >>\"$(dirname \"$0\")/calls.log\"; exec \"$@\"",
            "apt-get": """
                echo apt-get "$@" >>"$(dirname "$0")/calls.log"
                if [ "$1" = install ]; then printf '#!/bin/bash\\nexit 0\\n' >"$(dirname "$0")/pkg-config"; chmod +x "$(dirname "$0")/pkg-config"; fi
                """,
        ])
        let run = try installDeps("build", path: bin)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "install-deps: installing pkg-config libpcre2-dev (apt-get)\n")
        let calls = try String(contentsOfFile: bin + "/calls.log", encoding: .utf8)
        XCTAssertEqual(calls, """
            sudo apt-get update -qq
            apt-get update -qq
            sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pkg-config libpcre2-dev
            apt-get install -y -qq pkg-config libpcre2-dev

            """)
        // Run again: now nothing is missing, so nothing is called.
        try FileManager.default.removeItem(atPath: bin + "/calls.log")
        let again = try installDeps("build", path: bin)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stderr, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: bin + "/calls.log"), "a second run calls no installer")
    }
}
