import Declarations

/// The deploy contract (ECS `secrets[]`, `{{resolve:…}}`, serverless `${ssm:}`) names a store path
/// the environment's store does not hold: the next deploy fails.
enum ContractMissing: DriftRule {
    static let description = DriftRuleDescription(
        id: .contractMissing, severity: .fixed(.high), title: "Deploy contract names a missing store path",
        when: "an ECS task definition, `{{resolve:…}}` or serverless `${ssm:}` names a store path that the environment's store lacks: the next deploy fails",
        fix: "create the store path in that environment before the next deploy")

    static let examples = [
        DriftExample(expected: ["High WEBHOOK_SIGNING_SECRET production"]) {
            $0.readers = [DriftExample.read("WEBHOOK_SIGNING_SECRET")]
            $0.declarations = [DriftExample.contract("WEBHOOK_SIGNING_SECRET", "/p/WEBHOOK_SIGNING_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", []), DriftExample.ssm("staging", "/s/", [("WEBHOOK_SIGNING_SECRET", nil)])]
        },
        // A store that could not be read is unknown, never missing.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("WEBHOOK_SIGNING_SECRET")]
            $0.declarations = [DriftExample.contract("WEBHOOK_SIGNING_SECRET", "/p/WEBHOOK_SIGNING_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", [], complete: false), DriftExample.ssm("staging", "/s/", [])]
        },
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.contract("WEBHOOK_SIGNING_SECRET", "/p/WEBHOOK_SIGNING_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("WEBHOOK_SIGNING_SECRET", nil)])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records {
            for d in record.declarations(DriftContext.contractKinds) {
                guard let path = d.storePath, let env = c.environment(ofStorePath: path, store: d.store), c.isListed(env) else { continue }
                let held = record.stores.contains { $0.environment == env && ($0.path == path || d.store == .secretsManager && $0.kind == .secretsManager) }
                guard !held, c.claimMissing(record.name, env) else { continue }
                c.add(DriftFinding(rule: description.id, severity: .high, record: record, environment: env,
                                   summary: "\(d.name) is in the deploy contract \(d.place) but \(d.store.map(String.init(describing:)) ?? "the store") \(path) does not exist in \(env): the next deploy fails",
                                   evidence: [d.place, "\(d.store.map(String.init(describing:)) ?? "store") \(path) missing", record.readerText],
                                   fix: "create \(path) in \(env) before the next deploy", location: d.placeRef))
            }
        }
    }
}
