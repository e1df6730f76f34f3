import Declarations
import Foundation
import SourceScan
import Stores

/// `rotate apply`'s plan: the runbook's store steps resolved to the calls secretmap makes itself,
/// in order: where the new value comes from, each store entry of the environment written, then
/// a re-listing that checks the stores hold the new value and not the old. No value is in it.
public struct RotationApplyPlan: Codable, Sendable {
    public enum Action: String, Codable, Sendable { case mint, write, verify }

    /// Where the new value comes from.
    public enum Source: Codable, Sendable, Hashable {
        /// Minted by secretmap, in this format (`rule`: the mint rule that chose it).
        case minted(format: MintFormat, rule: String)
        /// Minted by the operator at the issuer, given on stdin.
        case operatorGiven
    }

    public struct Step: Codable, Sendable, Hashable {
        public var action: Action
        /// The store entry a write or verify is about (nil for mint).
        public var target: StoreWriteTarget?
        /// The call, in words: what runs, never a value.
        public var call: String
    }

    public var name: String
    public var environment: String
    public var secretClass: SecretClass
    public var source: Source
    public var steps: [Step]
    /// Every entry written, in order.
    public var targets: [StoreWriteTarget] { steps.filter { $0.action == .write }.compactMap(\.target) }
}

/// Why `rotate apply` will not go on: one line, no value.
public struct RotationRefusal: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public struct RotationApplyPlanner {
    public var inventory: Inventory
    public var writers: StoreWriters

    public init(inventory: Inventory, writers: StoreWriters) { self.inventory = inventory; self.writers = writers }

    /// The plan, or why there is none. `operatorValue`: a value comes on stdin.
    public func plan(_ record: SecretRecord, environment: String, operatorValue: Bool) throws -> RotationApplyPlan {
        let source = try Self.source(record, operatorValue: operatorValue)
        let entries = record.stores.filter { $0.environment == environment }
            .sorted { ($0.kind.rotationOrder, $0.path) < ($1.kind.rotationOrder, $1.path) }
        guard !entries.isEmpty else {
            throw RotationRefusal("\(record.name) is in no store of \(environment): nothing to rotate there")
        }
        // All or nothing: a store written by hand after the others would leave the environment
        // holding two values until someone notices.
        let unwritable = entries.filter { writers.writer(for: $0.kind) == nil || $0.key != nil }
        if !unwritable.isEmpty {
            let places = unwritable.map { $0.kind.updatePhrase(path: $0.path, key: $0.key) }.joined(separator: "; ")
            throw RotationRefusal("\(record.name) in \(environment) is also held where secretmap cannot write yet (\(places)): rotate it by hand with `secretmap rotate plan \(record.name) --env \(environment)`")
        }
        var steps: [RotationApplyPlan.Step] = []
        switch source {
        case .minted(let format, let rule):
            steps.append(.init(action: .mint, target: nil, call: "mint a new value: \(format) (mint rule \(rule)), from the system CSPRNG"))
        case .operatorGiven:
            steps.append(.init(action: .mint, target: nil, call: "take the new value from stdin (--value-stdin)"))
        }
        for entry in entries {
            let target = StoreWriteTarget(kind: entry.kind, path: entry.path, environment: environment)
            steps.append(.init(action: .write, target: target, call: writers.writer(for: entry.kind)!.describe(target)))
        }
        for entry in entries {
            let target = StoreWriteTarget(kind: entry.kind, path: entry.path, environment: environment)
            steps.append(.init(action: .verify, target: target,
                               call: "re-list \(entry.kind) in \(environment) with value fingerprints: \(entry.path) holds the new value, not the old"))
        }
        return RotationApplyPlan(name: record.name, environment: environment, secretClass: record.secretClass, source: source, steps: steps)
    }

    /// Who mints: secretmap for an internal secret, the operator (on stdin) for an issuer's; the
    /// other classes have runbooks `apply` does not carry out.
    static func source(_ record: SecretRecord, operatorValue: Bool) throws -> RotationApplyPlan.Source {
        switch record.secretClass {
        case .internalMinted:
            if operatorValue { return .operatorGiven }
            let (format, rule) = MintRules.format(for: record.name)
            return .minted(format: format, rule: rule)
        case .platform:
            guard operatorValue else {
                throw RotationRefusal("\(record.name) is issued by \(record.issuer ?? "a third party"): create the new key there, then give it on stdin with --value-stdin")
            }
            return .operatorGiven
        case .dataEncryptionKey:
            throw RotationRefusal("\(record.name) is a data-encryption key: overwriting it would lose the only key for data encrypted with it; follow `secretmap rotate plan \(record.name)`")
        case .perTenant:
            throw RotationRefusal("\(record.name) is a per-tenant credential: each tenant re-issues its own")
        case .buildTimePublic, .config:
            throw RotationRefusal("\(record.name) is \(record.secretClass.rawValue), not a secret: nothing to rotate")
        }
    }
}

/// Staging before production: production is refused while a staging environment holds the
/// secret and no rotation of it there completed recently (in this state folder).
public enum StagingFirst {
    public static let staging = "staging"
    public static let withinDays = 7

    public static func refusal(_ record: SecretRecord, environment: String, production: String,
                               journals: [RotationJournal], now: Date = Date()) -> String? {
        guard environment == production, environment != staging,
              record.stores.contains(where: { $0.environment == staging }) else { return nil }
        let since = now.addingTimeInterval(-Double(withinDays) * 86_400)
        let done = journals.contains { j in
            j.name == record.name && j.environment == staging && j.status == .completed
                && (j.finished.flatMap(RotationJournal.date) ?? .distantPast) >= since
        }
        if done { return nil }
        return "\(record.name) is held in \(staging) too, and no rotation of it there completed in the last \(withinDays) days (in this state folder): rotate \(staging) first, or pass --production-first"
    }
}
