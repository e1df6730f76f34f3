/// One value stored under several names: rotating one breaks the other.
enum ValueReused: DriftRule {
    static let description = DriftRuleDescription(
        id: .valueReused, severity: .fixed(.medium), title: "One value under several names",
        when: "one value stored under several names",
        fix: "give each use its own secret, so one rotation does not break the other")

    static let examples = [
        DriftExample(expected: ["Medium COOKIE_SECRET -"]) {
            $0.readers = [DriftExample.read("SESSION_SECRET"), DriftExample.read("COOKIE_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", "f-shared"), ("COOKIE_SECRET", "f-shared")])]
        },
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("SESSION_SECRET"), DriftExample.read("COOKIE_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", "f-session"), ("COOKIE_SECRET", "f-cookie")])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        var byFingerprint: [String: [(SecretRecord, SecretRecord.StoreEntry)]] = [:]
        for record in c.inventory.records {
            for e in record.stores where e.fingerprint != nil { byFingerprint[e.fingerprint!, default: []].append((record, e)) }
        }
        for (_, holders) in byFingerprint.sorted(by: { $0.key < $1.key }) {
            let names = Set(holders.map(\.0.name))
            guard names.count > 1, holders.allSatisfy({ $0.1.valueIsPublic != true }) else { continue }
            let record = holders.map(\.0).min { $0.name < $1.name }!
            c.add(DriftFinding(rule: description.id, severity: .medium, record: record,
                               summary: "one value is stored under \(names.sorted().joined(separator: ", "))",
                               evidence: holders.map { "\($0.1.kind) \($0.1.path)" }, fix: "give each use its own secret, so one rotation does not break the other"))
        }
    }
}
