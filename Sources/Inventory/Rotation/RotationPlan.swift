import Declarations
import SourceScan

/// One secret's runbook: numbered steps from minting the new value to expiring the old one,
/// derived from where the secret lives, which deploys consume it, which code reads it and what
/// its issuer allows.
public struct RotationPlan: Codable, Sendable {
    /// The phases of a rotation, in the order they happen; coded as their names. `reencrypt`
    /// is a data-encryption key's: the data written with the old key, re-encrypted with the new
    /// one before the old key may go.
    public enum Phase: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
        case mint, overlap, stores, redeploy, reencrypt, verify, expire
        public var description: String { rawValue }
    }

    public struct Step: Codable, Sendable {
        public var phase: Phase
        public var text: String
    }
    public var name: String
    public var environment: String
    public var secretClass: SecretRecord.SecretClass
    /// Why it has that class: the runbook depends on it, so the reader can check it.
    public var classEvidence: ClassEvidence
    public var issuer: String?
    /// What the issuer allows, or "unknown" (never a guess).
    public var overlap: String
    public var source: String?
    /// True when the plan uses the dual-accept recipe (an internal secret with no overlap shared
    /// by several services).
    public var dualAccept: Bool
    public var steps: [Step]
}

public struct RotationPlanner {
    public var inventory: Inventory
    public var facts: [String: IssuerFacts]
    public var deployUnits: [DeployUnit]

    public init(inventory: Inventory, facts: [String: IssuerFacts], deployUnits: [DeployUnit]) {
        self.inventory = inventory; self.facts = facts; self.deployUnits = deployUnits
    }

    public func plan(_ name: String, environment: String) -> RotationPlan? {
        guard let record = inventory.record(name) else { return nil }
        var steps: [RotationPlan.Step] = []
        func step(_ phase: RotationPlan.Phase, _ text: String) { steps.append(.init(phase: phase, text: text)) }
        let fact = record.issuer.flatMap { facts[$0] }

        // Who holds the value: repos with the literal (senders baked in code), the stores of this
        // environment, and the deploy units that read those stores at start.
        let literalRepos = Array(Set(record.literals.map(\.repo))).sorted()
        let stores = record.stores.filter { $0.environment == environment || ($0.environment == nil && $0.kind == .github) }
        let contracts = record.declarations.filter { Declaration.contractKinds.contains($0.kind) }
        let consumerRepos = Array(Set(contracts.map(\.repo) + record.readers.map(\.repo))).sorted().filter { !literalRepos.contains($0) }
        let services = Set(literalRepos + consumerRepos)
        let dualAccept = record.secretClass == .internalMinted && services.count >= 2

        // 1. Mint.
        switch record.secretClass {
        case .platform:
            step(.mint, "Create a new key for \(environment) at \(record.issuer ?? "the issuer"): \(fact?.how ?? "how: unknown").")
        case .internalMinted:
            step(.mint, "Generate a new random value (e.g. `openssl rand -base64 48`); keep the old one until step \"expire\".")
        case .dataEncryptionKey:
            step(.mint, "Generate a new key of the same kind (a 32-byte key: `openssl rand -base64 32`); keep the old key: data encrypted with it can be read only with it.")
        case .perTenant:
            step(.mint, "Each tenant re-issues its own credential; nudge the tenants whose row is oldest.")
        case .buildTimePublic, .config:
            step(.mint, "Get the new value from \(record.issuer ?? "its owner").")
        }
        // 2. Overlap.
        let overlap: String
        if let fact { overlap = fact.overlap }
        else if record.secretClass == .internalMinted { overlap = "none unless every verifier accepts two values" }
        else if record.secretClass == .dataEncryptionKey { overlap = "the old key stays available for decryption until every record encrypted with it is re-encrypted" }
        else { overlap = "unknown" }
        step(.overlap, "Overlap window: \(overlap).")
        if record.secretClass == .dataEncryptionKey {
            step(.overlap, "The application must support two keys: it encrypts with the new key (the primary) and decrypts with either (for example the new key in \(record.name) and the old one in \(record.name)_PREVIOUS, or a key list); deploy that support before any store changes.")
        }
        if dualAccept {
            let verifiers = consumerRepos.isEmpty ? "the verifying service" : consumerRepos.joined(separator: ", ")
            step(.overlap, "Dual-accept: deploy \(verifiers) so it accepts both the old and the new value (for example a second variable \(record.name)_NEXT checked after \(record.name)); until then any sender switched to the new value fails.")
        }
        // 3. Senders with the value in code first (the article's Lambda), then the stores, then
        //    the deploys that read the stores at start.
        for repo in literalRepos {
            let places = record.literals.filter { $0.repo == repo }.map { "\($0.path):\($0.line)" }.joined(separator: ", ")
            step(.redeploy, "Change the literal in \(repo) (\(places)) and redeploy \(repo): \(how(repo)).")
        }
        for s in stores.sorted(by: { order($0) < order($1) }) {
            if record.secretClass == .dataEncryptionKey {
                step(.stores, "Set the new key as the primary in \(describe(s)), and keep the old key there for decryption (e.g. as \(record.name)_PREVIOUS): never overwrite the only copy of the old key.")
            } else {
                step(.stores, "Update \(describe(s)).")
            }
        }
        for repo in consumerRepos {
            let files = contracts.filter { $0.repo == repo }.map(\.path)
            let reason = files.isEmpty ? "it reads the value at start" : "\(Array(Set(files)).sorted().joined(separator: ", ")) injects it at start"
            step(.redeploy, "Redeploy \(repo) (\(reason)): \(how(repo)).")
        }
        if !dualAccept && !literalRepos.isEmpty && !consumerRepos.isEmpty {
            step(.redeploy, "Without dual-accept, calls between \(literalRepos.joined(separator: ", ")) and \(consumerRepos.joined(separator: ", ")) fail from the first redeploy until the last one completes.")
        }
        // 4. A data-encryption key: re-encrypt what the old key encrypted, while it is still there.
        // The first few paths: a key read in 40 files made a 700-character step; the scan lists all.
        let paths = record.readers.filter { $0.repo != "" }.map(\.text)
        let listed = paths.prefix(Self.readersListed).joined(separator: ", ")
            + (paths.count > Self.readersListed ? " and \(paths.count - Self.readersListed) more (`secretmap scan` lists every reader)" : "")
        if record.secretClass == .dataEncryptionKey {
            let code = paths.isEmpty ? "the code that encrypts with it (no reader found in the scanned code)" : "the code that encrypts with it: \(listed)"
            step(.reencrypt, "Re-encrypt every record, file and backup written with the old key (see \(code)): run the application's re-encryption job, or read each with the old key and write it back with the new one.")
        }
        // 5. Verify before the old value goes.
        if record.secretClass == .dataEncryptionKey {
            step(.verify, "Check that nothing is still encrypted with the old key (count records by key version, or read every record with the new key alone) and that the service works with the new key.")
        } else {
            step(.verify, paths.isEmpty ? "Check the service that uses it works with the new value (no reader found in the scanned code)."
                                         : "Exercise the code paths that read it and check they use the new value: \(listed).")
        }
        // 6. Expire.
        switch record.secretClass {
        case .platform:
            let source = fact.map(\.source).flatMap { $0 == "unknown" ? nil : " (\($0))" } ?? ""
            step(.expire, "Revoke the old key at \(record.issuer ?? "the issuer") once nothing uses it\(source).")
        case .internalMinted:
            step(.expire, dualAccept ? "Remove the old value from \(consumerRepos.joined(separator: ", "))'s accepted list and redeploy." : "Delete the old value wherever it was kept.")
        case .dataEncryptionKey:
            step(.expire, "Only now retire the old key: remove it from the stores and the application's key list, and redeploy; keep it in offline escrow while backups encrypted with it are kept.")
        case .perTenant, .buildTimePublic, .config:
            step(.expire, "Delete the old value wherever it was kept.")
        }
        return RotationPlan(name: record.name, environment: environment, secretClass: record.secretClass,
                            classEvidence: record.classEvidence, issuer: record.issuer,
                            overlap: overlap, source: fact?.source, dualAccept: dualAccept, steps: steps)
    }

    /// How many reader paths the verify step names before "and K more".
    static let readersListed = 5

    /// Why a runbook for `name` in `environment` cannot be carried out as printed: the secret is
    /// in no store at all, or in none of this environment's (nil: some store of it holds it).
    public func storeGap(_ name: String, environment: String) -> String? {
        // Per-tenant credentials live in the tenants' table, not in an environment's stores.
        guard let record = inventory.record(name), record.tenants == nil else { return nil }
        if record.stores.isEmpty {
            return "\(record.name) is in no store: there is no value to rotate yet; add it to the stores of \(environment) first, or check the name"
        }
        let here = record.stores.contains { $0.environment == environment || ($0.environment == nil && $0.kind == .github) }
        if !here {
            let environments = Set(record.stores.compactMap(\.environment)).sorted().joined(separator: ", ")
            let elsewhere = environments.isEmpty ? "other stores" : environments
            return "\(record.name) is missing from \(environment) (held in \(elsewhere)): the runbook has no store of \(environment) to update; add it there first"
        }
        return nil
    }

    func how(_ repo: String) -> String {
        let units = deployUnits.filter { $0.repo == repo }.map(\.how)
        return units.isEmpty ? "its usual deploy (no deploy file found in the repo)" : units.joined(separator: "; ")
    }

    /// Stores in dependency order: the environment's runtime store first, mirrors and CI after.
    func order(_ s: SecretRecord.StoreEntry) -> Int { s.kind.rotationOrder }

    func describe(_ s: SecretRecord.StoreEntry) -> String { s.kind.updatePhrase(path: s.path, key: s.key) }
}
