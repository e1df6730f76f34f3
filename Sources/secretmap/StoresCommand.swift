import ArgumentParser
import Foundation
import Report
import SourceScan
import Stores

/// Where the store listing comes from: live through the CLIs, or a saved snapshot.
struct StoreInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The config file naming repos, environments and stores.", valueName: "file"))
    var config = "secretmap.yml"

    @Option(help: ArgumentHelp("Read this snapshot (from `secretmap snapshot`) instead of the live stores.", valueName: "file"))
    var snapshot: String?

    @Flag(help: "Also read values, to fingerprint them in memory (needs read access to values; never printed): finds literals equal to stored values and value drift.")
    var fingerprintValues = false

    /// `rules` tell what a value read is (its issuer, test or public): the run's whole set.
    func load(rules: RuleSet) throws -> StoreSnapshot {
        try StoreListingSource.load(config: config, snapshot: snapshot, fingerprintValues: fingerprintValues, rules: rules)
    }
}

/// Reads the stores live, or a snapshot; every problem with the inputs is a usage error (exit 2).
enum StoreListingSource {
    static func load(config path: String, snapshot: String?, fingerprintValues: Bool, rules: RuleSet) throws -> StoreSnapshot {
        if let snapshot {
            do { return try StoreReader.loadSnapshot(snapshot) } catch { throw InputError("\(error)") }
        }
        let config: SecretMapConfig
        do { config = try SecretMapConfig.load(path) } catch { throw InputError("\(error)") }
        var reader: StoreReader
        do { reader = StoreReader(config: config, fingerprinter: try config.fingerprinter(), rules: rules) } catch { throw InputError("\(error)") }
        reader.fingerprintValues = fingerprintValues
        let snapshot = reader.snapshot()
        for listing in snapshot.listings where listing.problem != nil {   // incomplete, or partly listed
            StandardError.line("secretmap: \(listing.kind) \(listing.location): \(listing.problem ?? "incomplete")")
        }
        return snapshot
    }
}

struct StoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stores",
        abstract: "List what the stores hold: names, dates, versions, fingerprints (never values).",
        discussion: """
        Reads every store secretmap.yml names, through the official CLIs: AWS SSM per environment \
        prefix (aws ssm describe-parameters), Secrets Manager (list-secrets), GitHub Actions secrets \
        of repositories, environments and organisations (REST with GITHUB_TOKEN, or gh api), \
        Vault/OpenBao KV v2 (bao|vault kv list/metadata), env files, and per-tenant credentials in \
        PostgreSQL (psql with a configured query: counts and ages per name).

        A store that cannot be read (CLI missing, no credentials, access denied, timeout) is one line \
        on stderr naming it and what to do; the others are still listed, and the exit status is 2.

        Examples:
          secretmap stores --config secretmap.yml
          secretmap stores --fingerprint-values --format json
          secretmap stores --snapshot snap.json          # offline, from `secretmap snapshot`
        """
    )

    @OptionGroup var input: StoreInputOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the listing to FILE (atomically) instead of standard output.")
    var output: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let snapshot = try input.load(rules: ruleOptions.load())
        try ReportOutput.write(to: output) { out in
            out.write(format == .json ? StoresOutput.json(snapshot) : StoresOutput.text(snapshot))
        }
        if snapshot.listings.contains(where: { !$0.complete }) { throw ExitCode(2) }
    }
}

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save every store's listing (names, dates, fingerprints; no values) for offline runs.",
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
