import ArgumentParser
import Declarations
import Foundation
import Inventory
import Report
import SourceScan
import Stores

struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Find the drift between code, declarations and stores: D1…Dn with severity, owner and fix.",
        usage: "secretmap drift [--config <file>] [--snapshot <file>] [<options>]",
        discussion: """
        Scans the repos of secretmap.yml (readers, literals), reads what they declare and what the \
        stores hold (live, or --snapshot), joins them into one record per secret, and reports:
        \(DriftRules.helpList)

        The value rules need fingerprints (--fingerprint-values); docs/drift.md says when \
        each fires. A store that could not be read makes its presence "unknown", never \
        "missing".

        Exit status: 0 nothing at or above --fail-on outside the baseline; 1 there is; 2 \
        input error.

        Examples:
          secretmap drift --config secretmap.yml
          secretmap drift --snapshot snap.json --format markdown >> ops-report.md
          secretmap drift --fail-on high --baseline drift-baseline.json --format github
        """
    )

    @OptionGroup var input: StoreInputOptions
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var terminal: TerminalOptions

    @Option(help: "Output format: text, json, markdown, sarif or github.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the report to FILE (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Exit 1 when a finding at or above this severity remains: none, high, medium or low.")
    var failOn: FailOn = .none

    @Option(help: ArgumentHelp("Accepted findings (a JSON file of finding ids); they are not reported.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Write today's finding ids to FILE, to accept them.", valueName: "file"))
    var writeBaseline: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, sarif, github }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case none, high, medium, low }

    func run() throws {
        let progressLine = terminal.begin()
        defer { progressLine.finish() }
        let pipeline = try Pipeline.run(input, rules: ruleOptions, progress: progressLine.progress)
        progressLine.finish()
        let (inventory, stores, roots) = (pipeline.inventory, pipeline.stores, pipeline.roots)
        var findings = pipeline.findings

        let acceptedIds: Set<String>
        do { acceptedIds = try baseline.map(DriftBaseline.load) ?? [] } catch { throw InputError("\(error)") }
        let accepted = findings.filter { acceptedIds.contains($0.id) }.count
        findings.removeAll { acceptedIds.contains($0.id) }
        for i in findings.indices { findings[i].number = i + 1 }
        if let writeBaseline { try DriftBaseline.write(findings.map(\.id) + Array(acceptedIds), to: writeBaseline) }

        let run = DriftOutput.Run(findings: findings, accepted: accepted, inventory: inventory, roots: roots)
        try ReportOutput.write(to: output) { out in
            switch format {
            case .text: out.write(DriftOutput.text(run, style: output == nil && Terminal.colourOnStandardOutput() ? .terminal : .plain))
            case .markdown: out.write(DriftOutput.markdown(run))
            case .json: out.write(DriftOutput.json(run))
            case .sarif: out.write(DriftOutput.sarif(run, configPath: input.config, version: SecretMap.configuration.version))
            case .github: out.write(DriftOutput.github(run, configPath: input.config))
            }
        }
        // Input errors win over findings: with a store unread, "no finding" and "finding" are
        // both uncertain, and a gate must not read exit 1 as "the inputs were fine".
        if stores.listings.contains(where: { !$0.complete }) || pipeline.hadInputErrors { throw ExitCode(2) }
        let threshold: DriftFinding.Severity? = failOn == .none ? nil : DriftFinding.Severity.allCases.first { $0.rawValue.lowercased() == failOn.rawValue }
        if let threshold, findings.contains(where: { $0.severity <= threshold }) { throw ExitCode(1) }
    }
}
