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
    func load(rules: RuleSet, progress: RunProgress? = nil) throws -> StoreSnapshot {
        try StoreListingSource.load(config: config, snapshot: snapshot, fingerprintValues: fingerprintValues, rules: rules, progress: progress)
    }
}
