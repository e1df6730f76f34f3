/// In a `.env.example` but missing from the store of an environment.
enum EnvExampleMissing: DriftRule {
    static let description = DriftRuleDescription(
        id: .envExampleMissing, severity: .fixed(.medium), title: ".env.example name missing from a store",
        when: "a secret in a `.env.example` that an environment's store lacks",
        fix: "create it in that environment's store, or remove it from the example")

    static let examples = [
        DriftExample(expected: ["Medium HMAC_SECRET production"]) {
            $0.readers = [DriftExample.read("HMAC_SECRET", "api/src/hmac.py:4")]
            $0.declarations = [DriftExample.declare("HMAC_SECRET", .envExample, "api/.env.example:1")]
            $0.listings = [DriftExample.ssm("production", "/p/", []), DriftExample.ssm("staging", "/s/", [("HMAC_SECRET", nil)])]
        },
        // Commented out in the example: not a promise the stores hold it.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("HMAC_SECRET", "api/src/hmac.py:4")]
            $0.declarations = [DriftExample.declare("HMAC_SECRET", .envExample, "api/.env.example:1") { $0.commented = true }]
            $0.listings = [DriftExample.ssm("production", "/p/", []), DriftExample.ssm("staging", "/s/", [("HMAC_SECRET", nil)])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records where record.secretClass.isSecret {
            let examples = record.declarations([.envExample]).filter { $0.commented != true }
            guard !examples.isEmpty else { continue }
            for env in c.inventory.environments where record.presence[env] == .missing && !c.options.noParity.contains(env) {
                guard c.claimMissing(record.name, env) else { continue }
                c.add(DriftFinding(rule: description.id, severity: .medium, record: record, environment: env,
                                   summary: "\(record.name) is in \(examples[0].place) but not in \(env)'s store",
                                   evidence: examples.map(\.place), fix: "create it in \(env), or remove it from the example",
                                   location: examples[0].placeRef))
            }
        }
    }
}
