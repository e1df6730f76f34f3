import ArgumentParser
import Foundation
import Inventory
import Report
import SourceScan
import Stores

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Write the living document docs/secrets-management.md from the inventory.",
        usage: "secretmap audit [--config <file>] [--snapshot <file>] [<options>]",
        discussion: """
        Sections: 1 inventory map (per store: what lives there, how values get in, what reads it), \
        2 topology (Mermaid), 3 classes, 4 per-secret inventory (presence per environment, CI, \
        .env.example, readers, issuer), 5 cross-repo coupling (literals equal to stored values, with \
        the rotation choreography and a follow-up issue), 6 rotation procedures (per class, per \
        issuer, per secret), 7 access control, 8 drift gaps D1..Dn.

        Text between <!-- secretmap:keep NAME --> and <!-- /secretmap:keep --> survives \
        regeneration; the rest is rewritten. The file is written atomically, after the whole run.

        When a store could not be read, the document would lose that store's records and \
        runbooks: an existing document is then kept as it is (exit status 2, naming the store); \
        --force writes the incomplete one anyway.

        Examples:
          secretmap audit --config secretmap.yml
          secretmap audit --snapshot snap.json --output docs/secrets-management.md
        """
    )

    @OptionGroup var input: StoreInputOptions
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var terminal: TerminalOptions

    @Option(name: .shortAndLong, help: "Where to write the document; - for standard output.")
    var output = "docs/secrets-management.md"

    @Flag(help: "Replace the document even when a store could not be read (it then lacks that store's records).")
    var force = false

    func run() throws {
        let progressLine = terminal.begin()
        defer { progressLine.finish() }
        let pipeline = try Pipeline.run(input, rules: ruleOptions, progress: progressLine.progress)
        progressLine.finish()
        let planner = RotationPlanner(inventory: pipeline.inventory, facts: pipeline.rules.facts, deployUnits: pipeline.declared.deployUnits)
        let plans = pipeline.inventory.secretsWithRunbooks.compactMap { planner.plan($0.name, environment: pipeline.production) }
        var document = AuditDocument(inventory: pipeline.inventory, findings: pipeline.findings, stores: pipeline.stores,
                                     declared: pipeline.declared, plans: plans, facts: pipeline.rules.facts,
                                     environments: pipeline.configuration.environments.map(\.name), production: pipeline.production)
        document.access = AccessReview.review(pipeline.stores, region: pipeline.configuration.aws.region)
        let previous = output == "-" ? nil : try previousDocument()
        let failed = pipeline.stores.listings.filter { !$0.complete }
        if previous != nil, !failed.isEmpty, !force {
            // Refusing is safer than merging: a kept section of a store would sit beside a
            // drift and access review computed without it.
            let stores = failed.map { "\($0.kind) \($0.location)" }.joined(separator: ", ")
            let problems = failed.compactMap(\.problem).joined(separator: "; ")
            throw InputError("not writing \(output): store\(failed.count == 1 ? "" : "s") \(stores) could not be read"
                             + (problems.isEmpty ? "" : " (\(problems))") + "; the previous document is kept; --force writes it anyway")
        }
        if let previous { document.kept = KeepBlocks.parse(previous) }
        let text = document.render()
        if output != "-" {
            let folder = (output as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
        try ReportOutput.write(to: output == "-" ? nil : output) { $0.write(text) }
        if output != "-" {
            StandardError.line("secretmap: wrote \(output): \(pipeline.inventory.records.count) records, \(pipeline.findings.count) drift findings, \(document.kept.count) kept blocks")
        }
        if pipeline.stores.listings.contains(where: { !$0.complete }) || pipeline.hadInputErrors { throw ExitCode(2) }
    }

    /// The document already at `output`, through the gate; nil when there is none yet.
    func previousDocument() throws -> String? {
        // Within "/": a link to the document is followed, as the writer keeps links; a device or
        // FIFO (`--output /dev/null`) has no previous document to keep.
        switch FileGate.readText(output, within: "/", maxSize: FileGate.defaultMaxSize) {
        case .success(let text): return text
        case .failure(.missing), .failure(.notRegularFile): return nil
        case .failure(let refusal):
            throw InputError("cannot read the previous \(output): \(StoreFiles.reason(refusal, limit: FileGate.defaultMaxSize))")
        }
    }
}
