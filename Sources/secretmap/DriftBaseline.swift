import ArgumentParser
import Declarations
import Foundation
import Inventory
import Report
import SourceScan
import Stores

/// Accepted drift findings: `{"accepted": ["parity-missing:X:staging", …]}`, sorted.
enum DriftBaseline {
    static func load(_ path: String) throws -> Set<String> {
        // Through the gate: a baseline is often committed, so a hostile checkout chooses it.
        let data: Data
        switch FileGate.read(path, maxSize: FileGate.defaultMaxSize) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let refusal):
            throw InputError("cannot read the drift baseline \(path): \(StoreFiles.reason(refusal, limit: FileGate.defaultMaxSize))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let ids = object["accepted"] as? [String] else {
            throw InputError("\(path): not a drift baseline (expected {\"accepted\": [finding ids]})")
        }
        return Set(ids)
    }

    static func write(_ ids: [String], to path: String) throws {
        let data = try JSONSerialization.data(withJSONObject: ["accepted": Array(Set(ids)).sorted()], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try ReportOutput.write(to: path) { $0.write(String(decoding: data, as: UTF8.self) + "\n") }
    }
}
