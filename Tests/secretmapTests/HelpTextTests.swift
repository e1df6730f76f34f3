import Foundation
import XCTest

/// `--help` of every command, at 80 columns: no line wider than the screen, and no ragged wrap.
///
/// The argument parser wraps each line of a help text to the screen; a text wrapped by hand
/// (a newline in the middle of a sentence) is wrapped again, leaving a fragment that ends the
/// sentence's line early and a hand-made break after it. So help texts are written as
/// paragraphs (the parser wraps them) and lists and examples as lines that fit.
final class HelpTextTests: XCTestCase {
    static let width = 80

    /// Every command: the root's SUBCOMMANDS, and theirs, recursively, so a new command is
    /// checked without touching this test.
    func testEveryHelpFitsEightyColumnsWithoutRaggedWraps() throws {
        var pending: [[String]] = [[]], seen: [String] = []
        while let command = pending.popLast() {
            let run = try CLI.run(command + ["--help"], environment: ["COLUMNS": "\(Self.width)"])
            let name = (["secretmap"] + command).joined(separator: " ")
            XCTAssertEqual(run.status, 0, "\(name) --help: \(run.stderr)")
            seen.append(command.joined(separator: " "))
            for (n, line) in run.stdout.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.count > Self.width {
                XCTFail("\(name) --help, line \(n + 1): \(line.count) columns: \(line)")
            }
            for problem in Self.raggedWraps(run.stdout, width: Self.width) {
                XCTFail("\(name) --help: ragged wrap: \(problem)")
            }
            pending += Self.subcommands(run.stdout).map { command + [$0] }
        }
        // The walk found the nested commands too (a parse that found none would pass vacuously).
        for expected in ["scan", "drift", "baseline create", "baseline update", "rotate plan", "rules test", "config schema"] {
            XCTAssertTrue(seen.contains(expected), "\(expected) not reached: \(seen)")
        }
    }

    /// The checker finds the fragments the parser left in the hand-wrapped texts this test was
    /// written against (scan's and declared's overviews), and passes a text written as it should be.
    func testRaggedWrapCheckerFindsFragments() {
        let ragged = """
        OVERVIEW: Find the code.

        Scans one or more sibling checkouts in one run (JavaScript/TypeScript, Python,
        Swift):
          • every environment-variable reader with file:line (process.env.X,
        os.environ["X"],
            ProcessInfo.processInfo.environment["X"], … — see rules/readers.yaml);
        Comments and plain strings are not code: a name there is not a reader.

        OPTIONS:
          --format <format>       Output format: text, json, markdown, sarif (GitHub
                                  code
                                  scanning) or github.
          -h, --help              Show help information.
        """
        XCTAssertEqual(Self.raggedWraps(ragged, width: 80), ["os.environ[\"X\"],", "code"])

        let clean = """
        OVERVIEW: Find the code.

        Scans one or more sibling checkouts in one run (JavaScript/TypeScript, Python,
        Swift). It reports:
          • every environment-variable reader with file:line;
          • every long string literal in a constructor context.

        Examples:
          secretmap scan ../web ../worker
          secretmap scan . --fail-on literal

        USAGE: secretmap scan [<root> ...]

        OPTIONS:
          --format <format>       Output format: text or json (values: text, json;
                                  default: text)
          -h, --help              Show help information.
        """
        XCTAssertEqual(Self.raggedWraps(clean, width: 80), [])
    }

    /// The names listed under SUBCOMMANDS: (each at two spaces; its abstract's wrapped lines
    /// sit further in). `help` is the parser's own.
    static func subcommands(_ help: String) -> [String] {
        var names: [String] = [], inSection = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inSection = line.hasPrefix("SUBCOMMANDS:"); continue }
            guard inSection, line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { continue }
            if name != "help" { names.append(String(name)) }
        }
        return names
    }

    /// The ragged wraps of a help text: a line of prose shorter than half the width it has
    /// (the screen less its indentation), ending mid-sentence (not with `.`, `:`, `!` or `?`),
    /// followed by a line at the same or a deeper indentation, which continues it. Lists and
    /// examples are lines as written: the lines indented under a line of the overview that ends
    /// with a colon ("Examples:") are not prose, until a line as little indented as that one.
    /// Sections (OPTIONS: and the others) are the parser's: a help wrapped there continues at
    /// its column, and a new option starts further out.
    static func raggedWraps(_ help: String, width: Int) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func indent(_ s: String) -> Int { s.prefix { $0 == " " }.count }
        var found: [String] = []
        var inOverview = true, listIndent: Int?
        for (i, line) in lines.enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            // The overview ends at the first section heading (USAGE:, OPTIONS:…).
            if indent(line) == 0, text.hasSuffix(":") || line.hasPrefix("USAGE:"),
               let head = text.split(separator: ":").first, head == head.uppercased(), head.first?.isLetter == true {
                inOverview = false; listIndent = nil
            }
            if let heading = listIndent, indent(line) <= heading { listIndent = nil }
            let asWritten = listIndent != nil
            if inOverview && text.hasSuffix(":") && listIndent == nil { listIndent = indent(line) }
            guard !asWritten, i + 1 < lines.count else { continue }
            // An option's label alone on its line (too long for the label column): its help
            // follows further in. A label is all there is at two spaces with no column gap.
            if !inOverview, indent(line) == 2, !text.contains("  ") { continue }
            let next = lines[i + 1]
            guard !next.trimmingCharacters(in: .whitespaces).isEmpty, indent(next) >= indent(line) else { continue }
            guard text.count * 2 < width - indent(line), let last = text.last, !".:!?".contains(last) else { continue }
            found.append(text)
        }
        return found
    }
}
