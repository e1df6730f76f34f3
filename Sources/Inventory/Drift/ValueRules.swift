/// Rules 7, 8, 9: what the fingerprints say (only when values were fingerprinted).
extension DriftContext {
    /// Rule 7, the worst case: a hard-coded literal equal to a stored secret. Rotating it means
    /// changing code in every repo that holds the literal and redeploying them with the store.
    mutating func literalRule() {
        for record in inventory.records where !record.literals.isEmpty {
            let places = record.literals.map { "\($0.repo)/\($0.path):\($0.line)" }
            let held = record.stores.filter { s in record.literals.contains { $0.fingerprint == s.fingerprint } }
            let repos = Set(record.literals.map(\.repo)).sorted()
            let literal = record.literals[0]
            add(DriftFinding(rule: "literal-equals-stored", severity: .high, record: record,
                             summary: "the value of \(record.name) in \(held.map { "\($0.kind) \($0.path)" }.joined(separator: ", ")) is hard-coded at \(places.joined(separator: ", "))",
                             evidence: places + held.map { "\($0.kind) \($0.path) (\($0.hint ?? "same fingerprint"))" },
                             fix: "read it from the store in \(repos.joined(separator: ", ")); until then a rotation needs coordinated deploys of \(repos.joined(separator: ", ")) and the store",
                             location: .init(repo: literal.repo, path: literal.path, line: literal.line)))
        }
    }

    /// Rule 8: the same name with different values where stores should agree (an env file and the
    /// store of its environment); one value under two names; production's value in another environment.
    /// Rule 9: a test key in production, a live key in CI, a secret value in a public variable.
    mutating func valueRules() {
        var byFingerprint: [String: [(SecretRecord, SecretRecord.StoreEntry)]] = [:]
        let prod = production
        for record in inventory.records {
            let fingerprinted = record.stores.filter { $0.fingerprint != nil }
            for e in fingerprinted { byFingerprint[e.fingerprint!, default: []].append((record, e)) }
            for env in Set(fingerprinted.compactMap(\.environment)).sorted() {
                let here = fingerprinted.filter { $0.environment == env }
                if Set(here.map(\.fingerprint)).count > 1 {
                    add(DriftFinding(rule: "value-mismatch", severity: .medium, record: record, environment: env,
                                     summary: "\(record.name) has \(Set(here.map(\.fingerprint)).count) different values in \(env)",
                                     evidence: here.map { "\($0.kind) \($0.path) \($0.hint ?? "")" }, fix: "decide which value is current and update the others"))
                }
            }
            if let prod {
                let prodPrints = Set(fingerprinted.filter { $0.environment == prod }.compactMap(\.fingerprint))
                for e in fingerprinted where e.environment != nil && e.environment != prod && prodPrints.contains(e.fingerprint!) {
                    add(DriftFinding(rule: "value-shared-with-production", severity: .high, record: record, environment: e.environment,
                                     summary: "\(record.name) in \(e.environment!) holds production's value",
                                     evidence: ["\(e.kind) \(e.path)"], fix: "give \(e.environment!) its own value, then rotate production's"))
                }
            }
            for e in record.stores {
                if e.valueIsTest == true, e.environment == prod {
                    add(DriftFinding(rule: "test-key-in-production", severity: .high, record: record, environment: e.environment,
                                     summary: "\(e.kind) \(e.path) holds a test-mode key (\(e.hint ?? "")) in production",
                                     evidence: ["\(e.kind) \(e.path)"], fix: "store the live key"))
                }
                if e.kind == "github", e.valueRule != nil, e.valueIsTest == false {
                    add(DriftFinding(rule: "live-key-in-ci", severity: .high, record: record,
                                     summary: "\(e.path) in GitHub holds a live key", evidence: ["github \(e.path)"], fix: "use a test-mode key in CI"))
                }
                if record.secretClass == .buildTimePublic, let rule = e.valueRule, e.valueIsPublic != true, rule != "jwt" {
                    add(DriftFinding(rule: "secret-in-public-variable", severity: .high, record: record, environment: e.environment,
                                     summary: "\(record.name) is baked into public bundles but holds a secret value (\(rule))",
                                     evidence: ["\(e.kind) \(e.path)"], fix: "rotate the value now and read it server-side under a non-public name"))
                }
            }
        }
        for (_, holders) in byFingerprint.sorted(by: { $0.key < $1.key }) {
            let names = Set(holders.map(\.0.name))
            guard names.count > 1, holders.allSatisfy({ $0.1.valueIsPublic != true }) else { continue }
            let record = holders.map(\.0).min { $0.name < $1.name }!
            add(DriftFinding(rule: "value-reused", severity: .medium, record: record,
                             summary: "one value is stored under \(names.sorted().joined(separator: ", "))",
                             evidence: holders.map { "\($0.1.kind) \($0.1.path)" }, fix: "give each use its own secret, so one rotation does not break the other"))
        }
    }
}
