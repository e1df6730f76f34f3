import Foundation
import TestSupport
import XCTest

/// File names and literal values come from whoever wrote the repository. A newline in a file name
/// must not add lines to a report, to stderr or to a CI log (a forged summary, a forged `::error`
/// workflow command), and an ESC byte in a name or a literal must not reach the terminal.
final class OutputInjectionTests: XCTestCase {
    static let key = "sk_live_51HqLyjWDarjtT1zdp7dcXYZ"
    static let escapeValue = "\u{1B}[2Jq8Zr2VxN4kLmP0aT7yWcE5sB\u{1B}[0m"
    static let forgedName = "src/a\n::error file=x::forged\u{1B}[2J.js"

    /// A tree whose names and values try to inject lines and terminal controls.
    func hostileTree() -> TempTree {
        let tree = TempTree()
        tree.write("repo/" + Self.forgedName, "class A {\n  constructor(k = \"\(Self.key)\") {}\n}\n")
        tree.write("repo/esc.js", "class E {\n  constructor(k = \"\(Self.escapeValue)\") {}\n}\n")
        tree.writeBytes("repo/b\nsecretmap: scanned 0 files.js", [0x63, 0, 0, 0x0A])
        return tree
    }

    /// No 6-character window of a planted value in the output.
    func assertNoValue(_ output: String, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        for value in [Self.key, Self.escapeValue] {
            let chars = Array(value)
            for i in 0...(chars.count - 6) {
                let window = String(chars[i..<(i + 6)])
                XCTAssertFalse(output.contains(window), "\(label) contains \(window.debugDescription)", file: file, line: line)
            }
        }
    }

    func testTextOutputAndStderrShowControlCharactersEscaped() throws {
        let tree = hostileTree()
        let run = try CLI.run(["scan", tree.path + "/repo"])
        XCTAssertEqual(run.status, 0, run.stderr)  // a binary file is skipped, not an error
        XCTAssertFalse(run.stdout.contains("\u{1B}") || run.stderr.contains("\u{1B}"))
        XCTAssertTrue(run.stdout.contains(#"  repo/esc.js:2:19                                   constructor-default  k       32      \x1b[2…0m  -       hmac-sha256:"#), run.stdout)
        XCTAssertTrue(run.stdout.contains(#"  repo/src/a\n::error file=x::forged\x1b[2J.js:2:19  constructor-default  k       32      sk_…YZ     Stripe  hmac-sha256:"#), run.stdout)
        XCTAssertFalse(run.stdout.split(separator: "\n").contains { $0.hasPrefix("::") }, run.stdout)
        let errLines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(errLines.count, 2, run.stderr)
        XCTAssertEqual(errLines.first, #"secretmap: repo/b\nsecretmap: scanned 0 files.js: skipped: binary (NUL byte in the first 8 KiB)"#)
        XCTAssertTrue(errLines.last?.hasPrefix("secretmap: scanned 2 files") == true, run.stderr)
        assertNoValue(run.stdout + run.stderr, "text")
    }

    func testMarkdownCellsAreEscaped() throws {
        let tree = hostileTree()
        let run = try CLI.run(["scan", "--format", "markdown", tree.path + "/repo"])
        XCTAssertFalse(run.stdout.contains("\u{1B}"))
        XCTAssertTrue(run.stdout.contains(#"| repo/src/a\n::error file=x::forged\x1b[2J.js:2:19 | constructor-default | k | 32 | sk_…YZ | Stripe |"#), run.stdout)
        XCTAssertTrue(run.stdout.contains(#"| repo/esc.js:2:19 | constructor-default | k | 32 | \x1b[2…0m | - |"#), run.stdout)
        XCTAssertFalse(run.stdout.split(separator: "\n").contains { $0.hasPrefix("::") }, run.stdout)
        assertNoValue(run.stdout + run.stderr, "markdown")
    }

    func testGitHubAnnotationsAreOneLineEachWithTheNameEscaped() throws {
        let tree = hostileTree()
        let run = try CLI.run(["scan", "--format", "github", tree.path + "/repo"])
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 2, run.stdout)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("::error file=\(tree.path)/repo/") }, run.stdout)
        XCTAssertTrue(run.stdout.contains(#"/repo/src/a\n%3A%3Aerror file=x%3A%3Aforged\x1b[2J.js,line=2,col=19,"#), run.stdout)
        XCTAssertTrue(run.stdout.contains(#"(32 characters, \x1b[2…0m, hmac-sha256:"#), run.stdout)
        XCTAssertFalse(run.stdout.contains("\u{1B}"))
        assertNoValue(run.stdout + run.stderr, "github")
    }

    /// JSON keeps the real names (JSON escapes them itself); hints are printable in every format.
    func testJSONKeepsThePathAndShowsTheHintEscaped() throws {
        let tree = hostileTree()
        let run = try CLI.run(["scan", "--format", "json", tree.path + "/repo"])
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let literals = doc["literals"] as! [[String: Any]]
        XCTAssertEqual(literals.map { $0["path"] as? String }, ["esc.js", Self.forgedName])
        XCTAssertEqual(literals.map { $0["hint"] as? String }, [#"\x1b[2…0m"#, "sk_…YZ"])
        XCTAssertFalse(run.stdout.contains("\u{1B}"))
        assertNoValue(run.stdout + run.stderr, "json")
    }

    func testAnInputErrorNamingAPathIsOneLine() throws {
        let run = try CLI.run(["scan", "no/such\n::error file=x::repo"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains(#"no/such\n::error file=x::repo: no such directory"#), run.stderr)
    }

    /// A rotation runbook names the files that read the secret: a newline in a file name is
    /// shown escaped in `rotate plan` and in the audit document's runbooks, never a new step.
    func testRotationStepsShowAFileNamesNewlineEscaped() throws {
        let tree = TempTree()
        tree.write("app/src/evil\nname.js", "const t = process.env.EVIL_TOKEN;\n")
        tree.write("app/.env.example", "EVIL_TOKEN=\n")
        tree.write("secretmap.yml", "repos:\n  - { name: app, path: app }\nenvironments:\n  production: {}\n")
        let run = try CLI.run(["rotate", "plan", "EVIL_TOKEN", "--config", tree.path + "/secretmap.yml"])
        XCTAssertTrue(run.stdout.contains("app/src/evil\\nname.js:1"), run.stdout)
        XCTAssertFalse(run.stdout.split(separator: "\n").contains { $0.hasPrefix("name.js") }, run.stdout)
    }
}
