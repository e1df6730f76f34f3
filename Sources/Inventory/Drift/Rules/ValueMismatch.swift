/// The same name with different values where stores should agree (an env file and the store of
/// its environment).
enum ValueMismatch: DriftRule {
    static let description = DriftRuleDescription(
        id: .valueMismatch, severity: .fixed(.medium), title: "Different values in one environment",
        when: "one secret with different values in one environment (an env file and the store)",
        fix: "decide which value is current and update the others")

    static let examples = [
        DriftExample(expected: ["Medium SESSION_SECRET production"]) {
            $0.readers = [DriftExample.read("SESSION_SECRET")]
            $0.declarations = [DriftExample.declare("SESSION_SECRET", .envExample, "web/.env.example:1")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", "f-a")]),
                           DriftExample.ssm("production", "/p2/", [("SESSION_SECRET", "f-b")])]
        },
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("SESSION_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", "f-a")]),
                           DriftExample.ssm("production", "/p2/", [("SESSION_SECRET", "f-a")])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records {
            let fingerprinted = record.stores.filter { $0.fingerprint != nil }
            for env in Set(fingerprinted.compactMap(\.environment)).sorted() {
                let here = fingerprinted.filter { $0.environment == env }
                guard Set(here.map(\.fingerprint)).count > 1 else { continue }
                c.add(DriftFinding(rule: description.id, severity: .medium, record: record, environment: env,
                                   summary: "\(record.name) has \(Set(here.map(\.fingerprint)).count) different values in \(env)",
                                   evidence: here.map { "\($0.kind) \($0.path) \($0.hint ?? "")" }, fix: "decide which value is current and update the others"))
            }
        }
    }
}
