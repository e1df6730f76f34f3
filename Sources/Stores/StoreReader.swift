import Foundation
import SourceScan

/// Lists every store the config names, one provider call per location, several at a time (the
/// calls are CLI processes waiting on the network). A store that fails is listed as incomplete
/// with its reason; the others are still listed.
public struct StoreReader {
    public var config: SecretMapConfig
    public var runner: CommandRunner
    public var fingerprinter: Fingerprinter
    /// The run's rules (built-in and `--rules`): their issuers tell what a value read is.
    public var rules: RuleSet
    /// Fetch values to fingerprint them (in memory only). Off by default: listing names and dates
    /// needs no read access to values.
    public var fingerprintValues = false
    /// Every credential and value this reader has seen, removed from each listing's problem.
    public let redactor: Redactor
    /// Counted as listings are read, for a progress line; nil: nobody is watching.
    public var progress: RunProgress?

    public init(config: SecretMapConfig, fingerprinter: Fingerprinter, rules: RuleSet, runner: CommandRunner? = nil) {
        self.config = config
        self.fingerprinter = fingerprinter
        self.rules = rules
        self.runner = runner ?? CommandRunner(timeout: config.timeoutSeconds)
        redactor = Self.redactor(config: config, environment: self.runner.environment)
    }

    /// The credentials the stores are reached with: the environment's credential variables, the
    /// variables the providers name (a database URL, a token) and the fingerprint key's, and the
    /// credentials of the URLs the providers are given.
    static func redactor(config: SecretMapConfig, environment: [String: String]) -> Redactor {
        let redactor = Redactor()
        redactor.addCredentials(fromEnvironment: environment)
        var variables: [String] = [], urls: [String] = []
        for provider in StoreProviders.all {
            guard let section = config.sections[provider.id] else { continue }
            let credentials = provider.credentials(section)
            variables += credentials.environmentVariables
            urls += credentials.urls
        }
        for name in variables + [config.fingerprintKeyEnv].compactMap({ $0 }) {
            guard let value = environment[name] else { continue }
            redactor.add(value)
            redactor.addCredentials(ofURL: value)
        }
        for url in urls { redactor.addCredentials(ofURL: url) }
        return redactor
    }

    /// The work, one closure per listing, in a fixed order: the registry's, then each provider's.
    func tasks() -> [@Sendable () -> StoreListing] {
        let values = fingerprintValues ? ValueReader(fingerprinter: fingerprinter, rules: rules, seen: redactor) : nil
        let context = StoreReadContext(environments: config.environments, runner: runner, fingerprinter: fingerprinter, values: values)
        return StoreProviders.all.flatMap { provider -> [@Sendable () -> StoreListing] in
            guard let section = config.sections[provider.id] else { return [] }
            return provider.tasks(section, context)
        }
    }

    public func read(parallel: Int = 4) -> [StoreListing] {
        let tasks = tasks()
        let results = Results(count: tasks.count)
        // Store calls spend their time waiting on CLIs and the network, not on the CPU: a few
        // at once, whatever the core count.
        let slots = DispatchSemaphore(value: max(1, parallel))
        let progress = self.progress
        progress?.storesQueued(tasks.count)
        DispatchQueue.concurrentPerform(iterations: tasks.count) { i in
            slots.wait()
            defer { slots.signal() }
            results.set(i, tasks[i]())
            progress?.storeRead()
        }
        // Problems are our own words already; this removes anything a message still carried.
        return results.all.map { listing in
            var listing = listing
            listing.problem = listing.problem.map(redactor.redact)
            return listing
        }
    }

    public func snapshot(now: Date = Date()) -> StoreSnapshot {
        StoreSnapshot(takenAt: StoreDate.format(now), keyId: fingerprinter.keyId, listings: read())
    }

    public static func loadSnapshot(_ path: String) throws -> StoreSnapshot {
        let data: [UInt8]
        switch FileGate.read(path, maxSize: StoreFiles.snapshotMaxSize) {
        case .success(let bytes): data = bytes
        case .failure(let refusal):
            throw ConfigError(file: path, line: nil, message: "cannot read the snapshot: \(StoreFiles.reason(refusal, limit: StoreFiles.snapshotMaxSize))")
        }
        do {
            let snapshot = try JSONDecoder().decode(StoreSnapshot.self, from: Data(data))
            guard snapshot.formatVersion <= StoreSnapshot.formatVersion else {
                throw ConfigError(file: path, line: nil, message: "snapshot format \(snapshot.formatVersion) is newer than this secretmap reads (\(StoreSnapshot.formatVersion))")
            }
            return snapshot
        } catch let e as ConfigError { throw e } catch {
            throw ConfigError(file: path, line: nil, message: "not a secretmap snapshot: \(JSONProblem.category(error))")
        }
    }
}

/// Slots filled from several threads.
final class Results: Sendable {
    private let items: LockBox<[StoreListing?]>
    init(count: Int) { items = LockBox(Array(repeating: nil, count: count)) }
    func set(_ i: Int, _ l: StoreListing) { items.withLock { $0[i] = l } }
    var all: [StoreListing] { items.withLock { $0.compactMap { $0 } } }
}
