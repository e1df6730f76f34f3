import ArgumentParser
import Declarations
import Foundation
import Report
import SourceScan

struct DeclaredCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declared",
        abstract: "List what the repositories say the system needs: env examples, workflows, task definitions, scripts.",
        discussion: """
        Reads .env.example files (and real env files: names and fingerprints only), GitHub Actions
        workflows (${{ secrets.X }} with job and environment, vars, env aliases, secrets: inherit,
        workflow_call secrets), ECS task-definition secrets (in workflows and JSON files, valueFrom
        parsed into SSM or Secrets Manager paths) and bootstrap scripts (aws ssm put-parameter,
        gh secret set, vault/bao kv put, names from for-loops).

        Examples:
          secretmap declared ../web ../lambda
          secretmap declared . --format json --output declared.json
        """
    )

    @Argument(help: ArgumentHelp("Checkouts to read, as PATH or NAME=PATH.", valueName: "root"))
    var roots: [String] = ["."]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the report to FILE (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Do not read .gitignore and .git/info/exclude files.")
    var noIgnore = false

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let parsed = roots.map(Root.parse)
        do { try Root.validate(parsed) } catch { throw InputError(error.description) }
        var walk = WalkOptions()
        walk.useIgnoreFiles = !noIgnore
        let result = DeclarationScanner(walk: walk).scan(parsed)
        for w in result.warnings { StandardError.line("secretmap: \(w.repo)/\(w.path)\(w.line.map { ":\($0)" } ?? ""): \(w.message)") }
        for n in result.notes { StandardError.line("secretmap: note: \(n.repo)/\(n.path)\(n.line.map { ":\($0)" } ?? ""): \(n.message)") }
        for s in result.skipped { StandardError.line("secretmap: \(s.repo)/\(s.path): skipped: \(s.reason.phrase)") }
        try ReportOutput.write(to: output) { out in
            out.write(format == .json ? DeclaredOutput.json(result) : DeclaredOutput.text(result))
        }
        StandardError.line("secretmap: read \(result.filesRead) files in \(parsed.count) roots; "
                           + "\(result.declarations.count) declarations, \(result.warnings.count) warnings, \(result.notes.count) notes")
        if !result.warnings.isEmpty || result.skipped.contains(where: { $0.reason.isError }) { throw ExitCode(2) }
    }
}
