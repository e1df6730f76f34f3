import ArgumentParser
import Foundation
import Report
import SourceScan
import Stores

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save every store's listing (names, dates, fingerprints; no values) for offline runs.",
        usage: "secretmap snapshot [--config <file>] --output <output> [<options>]",
        discussion: """
        Every command that reads stores takes --snapshot FILE instead of the live stores, so CI and \
        tests can run without credentials.

        Examples:
          secretmap snapshot --config secretmap.yml --output snap.json
          secretmap snapshot --fingerprint-values --output snap.json
        """
    )

    @Option(help: ArgumentHelp("The config file naming repos, environments and stores.", valueName: "file"))
    var config = "secretmap.yml"

    @Flag(help: "Also read values, to fingerprint them in memory (never stored).")
    var fingerprintValues = false

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .shortAndLong, help: "Where to write the snapshot (atomically).")
    var output: String

    func run() throws {
        let snapshot = try StoreListingSource.load(config: config, snapshot: nil, fingerprintValues: fingerprintValues,
                                                      rules: ruleOptions.load())
        try ReportOutput.write(to: output) { out in out.write(StoresOutput.json(snapshot)) }
        let incomplete = snapshot.listings.filter { !$0.complete }.count
        StandardError.line("secretmap: saved \(snapshot.listings.count) store listings to \(output)"
                           + (incomplete > 0 ? "; \(incomplete) incomplete" : ""))
        if incomplete > 0 { throw ExitCode(2) }
    }
}
