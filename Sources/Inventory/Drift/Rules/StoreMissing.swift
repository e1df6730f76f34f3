import Declarations

/// Held by one store of an environment, missing from another store of that environment that a
/// repository puts it in (`vercel env add`, `fly secrets set`, a Kubernetes `secretKeyRef`). The
/// environment as a whole has the secret, so parity is silent; but each platform injects only
/// its own variables, so the service deployed there runs without it (a web app on Vercel calling
/// an API on Kubernetes with a token only the cluster holds).
enum StoreMissing: DriftRule {
    static let description = DriftRuleDescription(
        id: .storeMissing, severity: .depends(on: "High when code reads it, else Medium", highest: .high),
        title: "In one store of an environment, not another",
        when: "a `vercel env add` / `fly secrets set` script or a Kubernetes `secretKeyRef` puts a secret in a store that the environment's listing of it lacks, while another store of that environment holds it",
        fix: "create it in that store too (the platform injects only its own variables), or drop the declaration")

    /// Declarations that say which store kind a platform deploy takes the variable from. A
    /// fly.toml `[env]` or vercel.json `env` value is set in the file itself, not in the store.
    static let pointingKinds: Set<Declaration.Kind> = [.bootstrapPlatformSecret, .kubernetesSecretKeyRef]

    static let examples = [
        DriftExample(expected: ["High INTERNAL_API_TOKEN production"]) {
            $0.readers = [DriftExample.read("INTERNAL_API_TOKEN", "web/src/api.ts:2")]
            $0.declarations = [DriftExample.declare("INTERNAL_API_TOKEN", .bootstrapPlatformSecret, "web/scripts/env.sh:2") { $0.store = .vercel }]
            $0.listings = [DriftExample.ssm("production", "/p/", [("INTERNAL_API_TOKEN", nil)]), DriftExample.platform(.vercel, "production", "web@production", []),
                           DriftExample.ssm("staging", "/s/", [("INTERNAL_API_TOKEN", nil)]), DriftExample.platform(.vercel, "staging", "web@preview", ["INTERNAL_API_TOKEN"])]
        },
        // The platform's listing could not be read: unknown, never missing; and no listing of it
        // for staging says nothing about staging.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("INTERNAL_API_TOKEN", "web/src/api.ts:2")]
            $0.declarations = [DriftExample.declare("INTERNAL_API_TOKEN", .bootstrapPlatformSecret, "web/scripts/env.sh:2") { $0.store = .vercel }]
            $0.listings = [DriftExample.ssm("production", "/p/", [("INTERNAL_API_TOKEN", nil)]),
                           DriftExample.platform(.vercel, "production", "web@production", [], complete: false),
                           DriftExample.ssm("staging", "/s/", [("INTERNAL_API_TOKEN", nil)])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records where record.secretClass.isSecret {
            var declared: [StoreKind: Declaration] = [:]
            for d in record.declarations(pointingKinds) {
                guard let kind = d.store?.storeKind, declared[kind] == nil else { continue }
                declared[kind] = d
            }
            for (kind, d) in declared.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                for env in c.inventory.environments {
                    let listings = c.stores.listings.filter { $0.environment == env && $0.kind == kind }
                    guard !listings.isEmpty, listings.allSatisfy(\.complete) else { continue }
                    let held = record.stores.filter { $0.environment == env && $0.kind != .github }
                    guard !held.contains(where: { $0.kind == kind }), let other = held.first else { continue }
                    let lacking = listings.map { "\(kind) \($0.location)" }.joined(separator: ", ")
                    c.add(DriftFinding(rule: description.id, severity: record.readers.isEmpty ? .medium : .high, record: record, environment: env,
                                       summary: "\(record.name) is in \(other.kind) \(other.path) but not in \(lacking), which \(d.place) puts it in; \(record.readerText)",
                                       evidence: [d.place, "\(other.kind) \(other.path)", "\(lacking) missing", record.readerText],
                                       fix: "create it in \(lacking) for \(env) (the platform injects only its own variables)",
                                       location: d.placeRef))
                }
            }
        }
    }
}
