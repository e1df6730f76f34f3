import Declarations

/// A secret held in a store, named by no contract and read by no code: dead, or used by something
/// outside the scanned repos.
enum StoredUnused: DriftRule {
    static let description = DriftRuleDescription(
        id: .storedUnused, severity: .fixed(.low), title: "Stored secret nothing uses",
        when: "a secret held in a store (not GitHub), read by no code and named by no declaration",
        fix: "delete it after checking nothing outside the scanned repos uses it")

    static let examples = [
        DriftExample(expected: ["Low LEGACY_API_KEY -"]) {
            $0.listings = [DriftExample.ssm("production", "/p/", [("LEGACY_API_KEY", nil)]), DriftExample.ssm("staging", "/s/", [])]
        },
        // Provisioned by a script only is still unused; read by code is used.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("LEGACY_API_KEY")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("LEGACY_API_KEY", nil)]), DriftExample.ssm("staging", "/s/", [])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records {
            let consumed = !record.readers.isEmpty || record.declarations.contains { !DriftContext.bootstrapKinds.contains($0.kind) }
            let held = record.stores.filter { $0.kind != .github }
            guard record.secretClass.isSecret, !consumed, !held.isEmpty, record.tenants == nil else { continue }
            c.add(DriftFinding(rule: description.id, severity: .low, record: record,
                               summary: "\(record.name) is stored but named by no contract and read by no code",
                               evidence: held.map { "\($0.kind) \($0.path)" },
                               fix: "delete it from \(held.map(\.location).joined(separator: ", ")) after checking nothing outside these repos uses it"))
        }
    }
}
