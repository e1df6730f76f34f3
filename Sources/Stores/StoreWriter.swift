import Declarations
import Foundation

/// A secret value on its way to a store. Its description is a placeholder, so interpolating it
/// into a message, a log or a journal by mistake shows nothing; the value itself is read only
/// where it is handed to a store (`withUnredactedText`).
public struct SecretValue: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let text: String
    public init(_ text: String) { self.text = text }
    public var description: String { "<secret value>" }
    public var debugDescription: String { description }
    public var isEmpty: Bool { text.isEmpty }
    /// The value, for the one call that sends it (a store's input file, a fingerprint).
    public func withUnredactedText<R>(_ body: (String) throws -> R) rethrows -> R { try body(text) }
}

/// Where a value is written: one entry of one store, as the inventory lists it.
public struct StoreWriteTarget: Codable, Hashable, Sendable {
    public var kind: StoreKind
    public var path: String
    public var environment: String?
    public init(kind: StoreKind, path: String, environment: String?) {
        self.kind = kind; self.path = path; self.environment = environment
    }
}

/// What a store says after a write: its version of the entry, when it keeps versions.
public struct StoreWriteResult: Codable, Hashable, Sendable {
    public var version: Int?
    public init(version: Int?) { self.version = version }
}

/// A store's write side. `write` replaces the entry's value keeping everything else about it
/// (its type, its encryption key); a failure is a `CommandRunner.Failure` in one line of our own
/// words, never the tool's (which may quote what it was given). The value never goes on a
/// command line: argv is visible to every user in `ps` and /proc.
public protocol StoreWriter: Sendable {
    /// The kinds of entry it writes.
    var kinds: [StoreKind] { get }
    /// The exact call it makes, for a dry run: no value, only where and how.
    func describe(_ target: StoreWriteTarget) -> String
    func write(_ target: StoreWriteTarget, value: SecretValue) throws -> StoreWriteResult
}

/// The write sides of the stores a config uses, from the provider registry.
public struct StoreWriters: Sendable {
    let writers: [any StoreWriter]

    public init(config: SecretMapConfig, runner: CommandRunner? = nil) {
        let runner = runner ?? CommandRunner(timeout: config.timeoutSeconds)
        writers = StoreProviders.all.compactMap { provider in
            config.sections[provider.id].flatMap { provider.writer($0, runner) }
        }
    }

    /// The writer for entries of `kind`; nil: secretmap cannot write that store yet.
    public func writer(for kind: StoreKind) -> (any StoreWriter)? {
        writers.first { $0.kinds.contains(kind) }
    }
}
