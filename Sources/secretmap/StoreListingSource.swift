import ArgumentParser
import Foundation
import Report
import SourceScan
import Stores

/// Reads the stores live, or a snapshot; every problem with the inputs is a usage error (exit 2).
enum StoreListingSource {
    static func load(config path: String, snapshot: String?, fingerprintValues: Bool, rules: RuleSet,
                     progress: RunProgress? = nil) throws -> StoreSnapshot {
        if let snapshot {
            do { return try StoreReader.loadSnapshot(snapshot) } catch { throw InputError("\(error)") }
        }
        let config: SecretMapConfig
        do { config = try SecretMapConfig.load(path) } catch { throw InputError("\(error)") }
        var reader: StoreReader
        do { reader = StoreReader(config: config, fingerprinter: try config.fingerprinter(), rules: rules) } catch { throw InputError("\(error)") }
        reader.fingerprintValues = fingerprintValues
        reader.progress = progress
        let snapshot = reader.snapshot()
        for listing in snapshot.listings where listing.problem != nil {   // incomplete, or partly listed
            StandardError.line("secretmap: \(listing.kind) \(listing.location): \(listing.problem ?? "incomplete")")
        }
        return snapshot
    }
}
