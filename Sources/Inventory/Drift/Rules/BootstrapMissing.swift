import Declarations

/// The bootstrap script that provisions an environment lacks a name its deploy contract needs: a
/// fresh environment would come up without it.
enum BootstrapMissing: DriftRule {
    static let description = DriftRuleDescription(
        id: .bootstrapMissing, severity: .fixed(.medium), title: "Provisioning script lacks a contract name",
        when: "the script that provisions an environment (`aws ssm put-parameter`, `secretsmanager create-secret`) lacks a store path that environment's deploy contract needs",
        fix: "add the missing name to the provisioning script")

    static let examples = [
        DriftExample(expected: ["Medium CRON_TOKEN production"]) {
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN"),
                               DriftExample.declare("SESSION_SECRET", .bootstrapParameter, "web/scripts/bootstrap.sh:3") {
                                   $0.store = .ssm; $0.storePath = "/p/SESSION_SECRET"
                               }]
        },
        // An environment no script provisions is not this rule's business.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN"),
                               DriftExample.declare("SESSION_SECRET", .bootstrapParameter, "web/scripts/bootstrap.sh:3") {
                                   $0.store = .ssm; $0.storePath = "/s/SESSION_SECRET"
                               }]
        },
        // A script that takes the environment when it runs (`/${ENV}/NAME` → `/*/NAME`)
        // provisions each configured environment's prefix: production's /p/ here.
        DriftExample(expected: ["Medium CRON_TOKEN production"]) {
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN"),
                               DriftExample.declare("SESSION_SECRET", .bootstrapParameter, "web/scripts/bootstrap.sh:3") {
                                   $0.store = .ssm; $0.storePath = "/*/SESSION_SECRET"
                               }]
        },
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN"),
                               DriftExample.declare("CRON_TOKEN", .bootstrapParameter, "web/scripts/bootstrap.sh:3") {
                                   $0.store = .ssm; $0.storePath = "/*/CRON_TOKEN"
                               }]
        },
    ]

    static func run(_ c: inout DriftContext) {
        var provisioned: [String: Set<String>] = [:]        // env → store paths
        var scripts: [String: Set<String>] = [:]            // env → script files
        var needed: [(record: SecretRecord, d: Declaration, env: String)] = []
        for record in c.inventory.records {
            for d in record.declarations([.bootstrapParameter]) {
                guard let pattern = d.storePath else { continue }
                // A run-time segment (`/app/*/KEY`) provisions every environment it fits.
                for (env, path) in c.environments(ofStorePath: pattern, store: d.store) {
                    provisioned[env, default: []].insert(path)
                    scripts[env, default: []].insert("\(d.repo)/\(d.path)")
                }
            }
            for d in record.declarations(DriftContext.contractKinds) {
                guard let path = d.storePath, let env = c.environment(ofStorePath: path, store: d.store) else { continue }
                needed.append((record, d, env))
            }
        }
        // Secrets Manager secrets a script creates are bundles named without a variable: index them too.
        for d in c.inventory.bootstrapBundles {
            guard let path = d.storePath, let env = c.environment(ofStorePath: path, store: d.store) else { continue }
            provisioned[env, default: []].insert(path)
            scripts[env, default: []].insert("\(d.repo)/\(d.path)")
        }
        var seen = Set<String>()
        for (record, d, env) in needed {
            guard let have = provisioned[env], let path = d.storePath, !have.contains(path), seen.insert("\(record.name)\u{0}\(env)").inserted else { continue }
            let script = scripts[env]!.sorted().joined(separator: ", ")
            c.add(DriftFinding(rule: description.id, severity: .medium, record: record, environment: env,
                               summary: "\(script) does not provision \(path), which the deploy contract \(d.place) needs: a fresh \(env) would come up without \(d.name)",
                               evidence: [d.place, script], fix: "add \(path.split(separator: "/").last.map(String.init) ?? path) to \(script)",
                               location: d.placeRef))
        }
    }
}
