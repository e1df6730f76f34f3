import ArgumentParser
import Foundation
import Report
import SourceScan

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find the code that reads environment variables and the hard-coded literals in constructors.",
        discussion: """
        Scans one or more sibling checkouts in one run (JavaScript/TypeScript, Python, Swift):
          • every environment-variable reader with file:line (process.env.X, os.environ["X"],
            ProcessInfo.processInfo.environment["X"], … — see rules/readers.yaml);
          • every long string literal in a constructor context (parameter default, this.x = "…",
            class field / stored property) that looks like a secret, as a fingerprint and a hint;
          • the same literal in several places, and names read in several repos.
        Comments and plain strings are not code: a name there is not a reader.

        Examples:
          secretmap scan ../web ../worker ../lambda
          secretmap scan web=../app api=../backend --format json --output scan.json
          secretmap scan . --fail-on literal          # CI: exit 1 if any secret-like literal
        """
    )

    @Argument(help: ArgumentHelp("Checkouts to scan, as PATH or NAME=PATH (NAME is the repo name shown in findings).",
                                 valueName: "root"))
    var roots: [String] = ["."]

    @Option(help: "Output format: text, json or markdown.")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to FILE (atomically) instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Add the rules in DIR/*.yaml to the built-in ones (same id replaces).", valueName: "dir"))
    var rules: [String] = []

    @Option(help: "Shortest literal reported, in characters (default from rules/literals.yaml: 20).")
    var minLength: Int?

    @Option(help: "Skip files larger than this (bytes, or with K/M/G suffix).")
    var maxFileSize = ByteSize(bytes: 5 * 1024 * 1024)

    @Flag(help: "Also report long literals that do not look like secrets (prose, URLs, paths, names).")
    var allLiterals = false

    @Flag(help: "Do not read .gitignore and .git/info/exclude files.")
    var noIgnore = false

    @Flag(help: "Follow symbolic links that stay inside their root (never out of it, never into a loop).")
    var follow = false

    @Option(help: "Worker threads (default: number of cores).")
    var threads: Int?

    @Option(help: "Exit 1 when the scan finds: none (never), literal (any secret-like literal), duplicate (a literal in several places).")
    var failOn: FailOn = .none

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case none, literal, duplicate }

    func validate() throws {
        if let n = minLength, n < 1 { throw ValidationError("--min-length must be at least 1") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
        if maxFileSize.bytes < 1 { throw ValidationError("--max-file-size must be positive") }
    }

    func run() throws {
        let started = Date()
        let parsedRoots = roots.map(Root.parse)
        do { try Root.validate(parsedRoots) } catch { throw ValidationError(error.description) }

        var ruleSet: RuleSet
        do {
            ruleSet = try RuleSet.builtIn()
            for dir in rules { try ruleSet.addDirectory(dir) }
        } catch { throw ValidationError("rules: \(error)") }
        if let minLength { ruleSet.setMinLength(minLength) }

        var options = ScanOptions()
        options.maxFileSize = maxFileSize.bytes
        options.allLiterals = allLiterals
        options.walk.useIgnoreFiles = !noIgnore
        options.walk.followSymlinks = follow
        if let threads { options.threads = threads }

        let result = ScanEngine(rules: ruleSet, options: options).scan(parsedRoots) { StandardError.line("secretmap: " + $0) }

        try ReportOutput.write(to: output) { out in
            switch format {
            case .text: out.write(ScanText.render(result))
            case .json: ScanJSON.render(result, to: &out)
            case .markdown: out.write(ScanMarkdown.render(result))
            }
        }
        StandardError.line(ScanText.summary(result, seconds: Date().timeIntervalSince(started)))

        if result.skipped.contains(where: { $0.reason.isError }) { throw ExitCode(2) }
        switch failOn {
        case .none: break
        case .literal: if result.literals.contains(where: \.secretLike) { throw ExitCode(1) }
        case .duplicate: if !result.duplicates.isEmpty { throw ExitCode(1) }
        }
    }
}
