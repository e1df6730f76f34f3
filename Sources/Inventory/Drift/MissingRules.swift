import Declarations

/// Rules 1, 2, 4, 5: a name some file says an environment needs, that the environment's store lacks.
extension DriftContext {
    /// Rule 2: the deploy contract (ECS `secrets[]`, `{{resolve:…}}`, serverless `${ssm:}`) names
    /// a store path the environment's store does not hold: the deploy fails. Also: a secret held
    /// in a store, named by no contract and read by no code (dead).
    mutating func contractRule() {
        for record in inventory.records {
            for d in record.declarations(Self.contractKinds) {
                guard let path = d.storePath, let env = environment(ofStorePath: path, store: d.store), isListed(env) else { continue }
                let held = record.stores.contains { $0.environment == env && ($0.path == path || d.store == "secretsmanager" && $0.kind == "secretsmanager") }
                guard !held, claimMissing(record.name, env) else { continue }
                add(DriftFinding(rule: "contract-missing", severity: .high, record: record, environment: env,
                                 summary: "\(d.name) is in the deploy contract \(d.place) but \(d.store ?? "the store") \(path) does not exist in \(env): the next deploy fails",
                                 evidence: [d.place, "\(d.store ?? "store") \(path) missing", record.readerText],
                                 fix: "create \(path) in \(env) before the next deploy", location: d.placeRef))
            }
            let consumed = !record.readers.isEmpty || record.declarations.contains { !Self.bootstrapKinds.contains($0.kind) }
            let held = record.stores.filter { $0.kind != "github" }
            if record.secretClass.isSecret, !consumed, !held.isEmpty, record.tenants == nil {
                add(DriftFinding(rule: "stored-unused", severity: .low, record: record,
                                 summary: "\(record.name) is stored but named by no contract and read by no code",
                                 evidence: held.map { "\($0.kind) \($0.path)" },
                                 fix: "delete it from \(held.map(\.location).joined(separator: ", ")) after checking nothing outside these repos uses it"))
            }
        }
    }

    /// Rule 4: present in production, missing in another environment. The reading code is named:
    /// a fail-soft reader turns this into a silent failure.
    mutating func parityRule() {
        guard let prod = production else { return }
        // A secret nothing reads or declares is reported as unused, not as missing elsewhere.
        for record in inventory.records where record.presence[prod] == .present && (!record.readers.isEmpty || !record.declarations.isEmpty) {
            for env in inventory.environments where env != prod && !options.noParity.contains(env) {
                guard record.presence[env] == .missing, claimMissing(record.name, env) else { continue }
                let prodPaths = record.stores.filter { $0.environment == prod }.map { "\($0.kind) \($0.path)" }
                add(DriftFinding(rule: "parity-missing", severity: record.readers.isEmpty ? .medium : .high, record: record, environment: env,
                                 summary: "\(record.name) exists in \(prod) but not in \(env); \(record.readerText)",
                                 evidence: prodPaths + record.readers.map(\.text),
                                 fix: "create it in \(env) (its own value, not production's)"))
            }
        }
    }

    /// Rule 1: in a `.env.example` but missing from the store of an environment; and the reverse,
    /// stored and read but in no `.env.example`.
    mutating func envExampleRule() {
        for record in inventory.records where record.secretClass.isSecret {
            let examples = record.declarations([.envExample]).filter { $0.commented != true }
            if !examples.isEmpty {
                for env in inventory.environments where record.presence[env] == .missing && !options.noParity.contains(env) {
                    guard claimMissing(record.name, env) else { continue }
                    add(DriftFinding(rule: "env-example-missing", severity: .medium, record: record, environment: env,
                                     summary: "\(record.name) is in \(examples[0].place) but not in \(env)'s store",
                                     evidence: examples.map(\.place), fix: "create it in \(env), or remove it from the example",
                                     location: examples[0].placeRef))
                }
            } else if !record.readers.isEmpty, !record.declarations.isEmpty, record.tenants == nil,
                      record.stores.contains(where: { $0.environment != nil && $0.kind != "github" }),
                      hasEnvExamples {
                let stored = record.stores.filter { $0.environment != nil && $0.kind != "github" }
                add(DriftFinding(rule: "env-example-absent", severity: .low, record: record,
                                 summary: "\(record.name) is stored and \(record.readerText) but no .env.example lists it",
                                 evidence: stored.map { "\($0.kind) \($0.path)" } + record.readers.map(\.text),
                                 fix: "add \(record.name)= to the .env.example of the repo that reads it"))
            }
        }
    }

    var hasEnvExamples: Bool { inventory.records.contains { !$0.declarations([.envExample]).isEmpty } }

    /// Rule 5: the bootstrap script that provisions an environment lacks a name its deploy
    /// contract needs: a fresh environment would come up without it.
    mutating func bootstrapRule() {
        var provisioned: [String: Set<String>] = [:]        // env → store paths
        var scripts: [String: Set<String>] = [:]            // env → script files
        var needed: [(record: SecretRecord, d: Declaration, env: String)] = []
        for record in inventory.records {
            for d in record.declarations([.bootstrapParameter]) {
                guard let path = d.storePath, let env = environment(ofStorePath: path, store: d.store) else { continue }
                provisioned[env, default: []].insert(path)
                scripts[env, default: []].insert("\(d.repo)/\(d.path)")
            }
            for d in record.declarations(Self.contractKinds) {
                guard let path = d.storePath, let env = environment(ofStorePath: path, store: d.store) else { continue }
                needed.append((record, d, env))
            }
        }
        // Secrets Manager secrets a script creates are bundles named without a variable: index them too.
        for d in allBootstrapBundles() {
            guard let path = d.storePath, let env = environment(ofStorePath: path, store: d.store) else { continue }
            provisioned[env, default: []].insert(path)
            scripts[env, default: []].insert("\(d.repo)/\(d.path)")
        }
        var seen = Set<String>()
        for (record, d, env) in needed {
            guard let have = provisioned[env], let path = d.storePath, !have.contains(path), seen.insert("\(record.name)\u{0}\(env)").inserted else { continue }
            let script = scripts[env]!.sorted().joined(separator: ", ")
            add(DriftFinding(rule: "bootstrap-missing", severity: .medium, record: record, environment: env,
                             summary: "\(script) does not provision \(path), which the deploy contract \(d.place) needs: a fresh \(env) would come up without \(d.name)",
                             evidence: [d.place, script], fix: "add \(path.split(separator: "/").last.map(String.init) ?? path) to \(script)",
                             location: d.placeRef))
        }
    }

    /// Bootstrap declarations whose name is not a variable (a Secrets Manager secret's name).
    func allBootstrapBundles() -> [Declaration] { inventory.bootstrapBundles }
}
