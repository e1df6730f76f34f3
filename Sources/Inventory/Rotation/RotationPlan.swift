import Declarations
import SourceScan

/// One secret's runbook: numbered steps from minting the new value to expiring the old one,
/// derived from where the secret lives, which deploys consume it, which code reads it and what
/// its issuer allows.
public struct RotationPlan: Codable, Sendable {
    /// The phases of a rotation, in the order they happen; coded as their names.
    public enum Phase: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
        case mint, overlap, stores, redeploy, verify, expire
        public var description: String { rawValue }
    }

    public struct Step: Codable, Sendable {
        public var phase: Phase
        public var text: String
    }
    public var name: String
    public var environment: String
    public var secretClass: SecretRecord.SecretClass
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
        case .perTenant:
            step(.mint, "Each tenant re-issues its own credential; nudge the tenants whose row is oldest.")
        case .buildTimePublic, .config:
            step(.mint, "Get the new value from \(record.issuer ?? "its owner").")
        }
        // 2. Overlap.
        let overlap: String
        if let fact { overlap = fact.overlap }
        else if record.secretClass == .internalMinted { overlap = "none unless every verifier accepts two values" }
        else { overlap = "unknown" }
        step(.overlap, "Overlap window: \(overlap).")
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
            step(.stores, "Update \(describe(s)).")
        }
        for repo in consumerRepos {
            let files = contracts.filter { $0.repo == repo }.map(\.path)
            let reason = files.isEmpty ? "it reads the value at start" : "\(Array(Set(files)).sorted().joined(separator: ", ")) injects it at start"
            step(.redeploy, "Redeploy \(repo) (\(reason)): \(how(repo)).")
        }
        if !dualAccept && !literalRepos.isEmpty && !consumerRepos.isEmpty {
            step(.redeploy, "Without dual-accept, calls between \(literalRepos.joined(separator: ", ")) and \(consumerRepos.joined(separator: ", ")) fail from the first redeploy until the last one completes.")
        }
        // 4. Verify before the old value goes.
        // The first few paths: a key read in 40 files made a 700-character step; the scan lists all.
        let paths = record.readers.filter { $0.repo != "" }.map(\.text)
        let listed = paths.prefix(Self.readersListed).joined(separator: ", ")
            + (paths.count > Self.readersListed ? " and \(paths.count - Self.readersListed) more (`secretmap scan` lists every reader)" : "")
        step(.verify, paths.isEmpty ? "Check the service that uses it works with the new value (no reader found in the scanned code)."
                                     : "Exercise the code paths that read it and check they use the new value: \(listed).")
        // 5. Expire.
        switch record.secretClass {
        case .platform:
            let source = fact.map(\.source).flatMap { $0 == "unknown" ? nil : " (\($0))" } ?? ""
            step(.expire, "Revoke the old key at \(record.issuer ?? "the issuer") once nothing uses it\(source).")
        case .internalMinted:
            step(.expire, dualAccept ? "Remove the old value from \(consumerRepos.joined(separator: ", "))'s accepted list and redeploy." : "Delete the old value wherever it was kept.")
        default: step(.expire, "Delete the old value wherever it was kept.")
        }
        return RotationPlan(name: record.name, environment: environment, secretClass: record.secretClass, issuer: record.issuer,
                            overlap: overlap, source: fact?.source, dualAccept: dualAccept, steps: steps)
    }

    /// How many reader paths the verify step names before "and K more".
    static let readersListed = 5

    func how(_ repo: String) -> String {
        let units = deployUnits.filter { $0.repo == repo }.map(\.how)
        return units.isEmpty ? "its usual deploy (no deploy file found in the repo)" : units.joined(separator: "; ")
    }

    /// Stores in dependency order: the environment's runtime store first, mirrors and CI after.
    func order(_ s: SecretRecord.StoreEntry) -> Int { s.kind.rotationOrder }

    func describe(_ s: SecretRecord.StoreEntry) -> String { s.kind.updatePhrase(path: s.path, key: s.key) }
}
