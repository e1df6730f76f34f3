import ArgumentParser
import Foundation
import Inventory
import Report
import SourceScan

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find the code that reads environment variables and the hard-coded literals in constructors.",
        discussion: """
        Scans one or more sibling checkouts in one run (JavaScript/TypeScript, Python, \
        Swift) and reports:
          • every environment-variable reader, with file:line: process.env.X,
            os.environ["X"], ProcessInfo.processInfo.environment["X"]… (the idioms
            of rules/readers.yaml);
          • every long string literal in a constructor context (parameter default,
            this.x = "…", class field, stored property) that looks like a secret,
            as a fingerprint and a hint;
          • the same literal in several places, and names read in several repos.

        Comments and plain strings are not code: a name there is not a reader.

        Allow comments: `secretmap:allow <reason>` accepts one literal. The reason is the rest of \
        the comment's line after the marker and needs at least three words (a word: a run of \
        non-blank characters with a letter or a digit). The allow covers the literal it precedes \
        (the comment alone on the line just above it, or right before it on its line) or the one \
        it ends (after it on the same line: the nearest literal only). An allow without a valid \
        reason accepts nothing and is a warning naming its file and line ("allow comment without \
        a reason"). SARIF lists allowed literals as suppressed in source, with the reason.

        --staged reads what the index holds for the staged files (what the commit will hold, not \
        the working tree), without rename detection: a copied or renamed file is a new file.

        Examples:
          secretmap scan ../web ../worker ../lambda
          secretmap scan web=../app api=../backend --format json --output scan.json
          secretmap scan . --fail-on literal       # CI: exit 1 on a secret literal
          secretmap baseline create .              # accept today's literals…
          secretmap scan . --baseline .secretmap/baseline.json --fail-on new
                                                   # …and fail on new ones
          secretmap scan . --staged --baseline .secretmap/baseline.json --fail-on new
                                                   # the same, in a pre-commit hook
          (in code) key = "…"  // secretmap:allow sandbox key for the local emulator
        """
    )

    @OptionGroup var input: ScanInputOptions
    @OptionGroup var terminal: TerminalOptions

    @Option(help: "Output format: text, json, markdown, sarif (GitHub code scanning) or github (workflow annotations).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to FILE (atomically) instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Compare with a baseline of accepted literals (see `secretmap baseline`).", valueName: "file"))
    var baseline: String?

    @Option(help: """
        Exit 1 when the scan finds: none (never), literal (any secret-like literal), \
        duplicate (a literal in several places), new (a literal outside --baseline).
        """)
    var failOn: FailOn = .none

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, sarif, github }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case none, literal, duplicate, new }

    func validate() throws {
        if failOn == .new && baseline == nil {
            throw ValidationError("--fail-on new needs --baseline FILE (create one with `secretmap baseline create`)")
        }
    }

    func run() throws {
        let started = Date()
        // Read the baseline before scanning: a missing or foreign one is a usage error.
        let accepted: Baseline?
        do { accepted = try baseline.map(Baseline.load) } catch { throw InputError("\(error)") }

        let progressLine = terminal.begin()
        defer { progressLine.finish() }
        let result = try input.scan(identify: baseline != nil, progress: progressLine.progress)
        progressLine.finish()
        var comparison: BaselineComparison?
        if let accepted, let path = baseline {
            guard accepted.fingerprintKeyId == result.fingerprintKeyId else {
                throw InputError(BaselineError.keyMismatch(file: path, baseline: accepted.fingerprintKeyId,
                                                                current: result.fingerprintKeyId).description)
            }
            comparison = BaselineComparison(scan: result, baseline: accepted)
        }

        try ReportOutput.write(to: output) { out in
            switch format {
            case .text: out.write(ScanText.render(result, baseline: comparison))
            case .json: ScanJSON.render(result, baseline: comparison, to: &out)
            case .markdown: out.write(ScanMarkdown.render(result))
            case .sarif: ScanSARIF.render(result, baseline: comparison, version: SecretMap.configuration.version, to: &out)
            case .github: out.write(ScanGitHub.render(result, baseline: comparison))
            }
        }
        StandardError.line(ScanText.summary(result, baseline: comparison, seconds: Date().timeIntervalSince(started)))
        ProcessLifetime.keep(result)

        if result.skipped.contains(where: { $0.reason.isError }) { throw ExitCode(2) }
        switch failOn {
        case .none: break
        case .literal: if result.literals.contains(where: { $0.secretLike && $0.allowReason == nil }) { throw ExitCode(1) }
        case .duplicate: if !result.duplicates.isEmpty { throw ExitCode(1) }
        case .new:
            if comparison?.new.contains(where: \.secretLike) == true { throw ExitCode(1) }
            if comparison?.newHistory?.contains(where: \.secretLike) == true { throw ExitCode(1) }
        }
    }
}
