/// Another environment holds production's value: a staging leak is a production leak.
enum ValueSharedWithProduction: DriftRule {
    static let description = DriftRuleDescription(
        id: .valueSharedWithProduction, severity: .fixed(.high), title: "Another environment holds production's value",
        when: "another environment holds production's value",
        fix: "give that environment its own value, then rotate production's")

    static let examples = [
        DriftExample(expected: ["High SESSION_SECRET staging"]) {
            $0.readers = [DriftExample.read("SESSION_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", "f-shared")]),
                           DriftExample.ssm("staging", "/s/", [("SESSION_SECRET", "f-shared")])]
        },
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("SESSION_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", "f-prod")]),
                           DriftExample.ssm("staging", "/s/", [("SESSION_SECRET", "f-stage")])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        guard let prod = c.production else { return }
        for record in c.inventory.records {
            let fingerprinted = record.stores.filter { $0.fingerprint != nil }
            let prodPrints = Set(fingerprinted.filter { $0.environment == prod }.compactMap(\.fingerprint))
            for e in fingerprinted where e.environment != nil && e.environment != prod && prodPrints.contains(e.fingerprint!) {
                c.add(DriftFinding(rule: description.id, severity: .high, record: record, environment: e.environment,
                                   summary: "\(record.name) in \(e.environment!) holds production's value",
                                   evidence: ["\(e.kind) \(e.path)"], fix: "give \(e.environment!) its own value, then rotate production's"))
            }
        }
    }
}
