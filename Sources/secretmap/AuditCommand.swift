import ArgumentParser
import Foundation
import Inventory
import Report

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Write the living document docs/secrets-management.md from the inventory.",
        discussion: """
        Sections: 1 inventory map (per store: what lives there, how values get in, what reads it), \
        2 topology (Mermaid), 3 classes, 4 per-secret inventory (presence per environment, CI, \
        .env.example, readers, issuer), 5 cross-repo coupling (literals equal to stored values, with \
        the rotation choreography and a follow-up issue), 6 rotation procedures (per class, per \
        issuer, per secret), 7 access control, 8 drift gaps D1..Dn.

        Text between <!-- secretmap:keep NAME --> and <!-- /secretmap:keep --> survives \
        regeneration; the rest is rewritten. The file is written atomically, after the whole run.

        Examples:
          secretmap audit --config secretmap.yml
          secretmap audit --snapshot snap.json --output docs/secrets-management.md
        """
    )

    @OptionGroup var input: StoreInputOptions

    @Option(name: .shortAndLong, help: "Where to write the document; - for standard output.")
    var output = "docs/secrets-management.md"

    func run() throws {
        let pipeline = try Pipeline.run(input)
        let planner = RotationPlanner(inventory: pipeline.inventory, facts: pipeline.rules.facts, deployUnits: pipeline.declared.deployUnits)
        let plans = pipeline.inventory.records
            .filter { $0.secretClass == .platform || $0.secretClass == .internalMinted }
            .filter { !$0.stores.isEmpty }
            .compactMap { planner.plan($0.name, environment: pipeline.production) }
        var document = AuditDocument(inventory: pipeline.inventory, findings: pipeline.findings, stores: pipeline.stores,
                                     declared: pipeline.declared, plans: plans, facts: pipeline.rules.facts,
                                     environments: pipeline.configuration.environments.map(\.name), production: pipeline.production)
        document.access = AccessReview.review(pipeline.stores, region: pipeline.configuration.aws.region)
        if output != "-", let old = FileManager.default.contents(atPath: output) {
            document.kept = KeepBlocks.parse(String(decoding: old, as: UTF8.self))
        }
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
}
