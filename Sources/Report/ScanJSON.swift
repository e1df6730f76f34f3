import Foundation
import SourceScan

/// `secretmap scan --format json`: the contract of DESIGN.md. Keys are sorted and the layout is
/// stable, so the output can be diffed and consumed by other tools.
public enum ScanJSON {
    struct Document: Encodable {
        var tool = "secretmap"
        var formatVersion = 1
        var fingerprintKeyId: String
        var readers: [Reader]
        var literals: [Literal]
        var duplicates: [Duplicate]
        var sharedReaders: [SharedReader]
        var skipped: [Skip]
        var warnings: [ScanWarning]
        var summary: ScanSummary
    }

    public static func render(_ result: ScanResult) -> String {
        let doc = Document(fingerprintKeyId: result.fingerprintKeyId, readers: result.readers, literals: result.literals,
                           duplicates: result.duplicates, sharedReaders: result.sharedReaders,
                           skipped: result.skipped, warnings: result.warnings, summary: result.summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(doc)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
