/// Present in production, missing in another environment. The reading code is named: a fail-soft
/// reader turns this into a silent failure.
enum ParityMissing: DriftRule {
    static let description = DriftRuleDescription(
        id: .parityMissing, severity: .depends(on: "High when code reads it, else Medium", highest: .high),
        title: "In production, missing in another environment",
        when: "present in production, missing in another environment (unless `parity: false`); the reading code is named, since a fail-soft reader hides the gap",
        fix: "create it in that environment, with its own value (not production's)")

    static let examples = [
        DriftExample(expected: ["High SESSION_SECRET staging", "Medium OLD_WEBHOOK_SECRET staging"]) {
            $0.readers = [DriftExample.read("SESSION_SECRET", "web/src/session.ts:3")]
            $0.declarations = [DriftExample.declare("SESSION_SECRET", .envExample, "web/.env.example:1"),
                               DriftExample.declare("OLD_WEBHOOK_SECRET", .envExample, "web/.env.example:2")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", nil), ("OLD_WEBHOOK_SECRET", nil)]),
                           DriftExample.ssm("staging", "/s/", [])]
        },
        // An environment left out of parity, and one present everywhere.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("SESSION_SECRET")]
            $0.declarations = [DriftExample.declare("SESSION_SECRET", .envExample, "web/.env.example:1")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", nil)]), DriftExample.ssm("staging", "/s/", [])]
            $0.options.noParity = ["staging"]
        },
    ]

    static func run(_ c: inout DriftContext) {
        guard let prod = c.production else { return }
        // A secret nothing reads or declares is reported as unused, not as missing elsewhere.
        for record in c.inventory.records where record.presence[prod] == .present && (!record.readers.isEmpty || !record.declarations.isEmpty) {
            for env in c.inventory.environments where env != prod && !c.options.noParity.contains(env) {
                guard record.presence[env] == .missing, c.claimMissing(record.name, env) else { continue }
                let prodPaths = record.stores.filter { $0.environment == prod }.map { "\($0.kind) \($0.path)" }
                c.add(DriftFinding(rule: description.id, severity: record.readers.isEmpty ? .medium : .high, record: record, environment: env,
                                   summary: "\(record.name) exists in \(prod) but not in \(env); \(record.readerText)",
                                   evidence: prodPaths + record.readers.map(\.text),
                                   fix: "create it in \(env) (its own value, not production's)"))
            }
        }
    }
}
