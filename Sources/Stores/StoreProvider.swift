import Declarations
import Foundation
import SourceScan
import Yams

/// One kind of store secretmap reads (or, for AWS, one family of stores reached the same way).
/// A provider owns everything about its store that the rest of the package would otherwise have
/// to repeat: its keys under `stores:` and `environments.NAME` with their shapes (checked, with
/// line numbers, before anything is read), its decoding into its own section type, the listing
/// work it contributes, and the kinds of listing that work produces. `StoreProviders.all` lists
/// them; the config and the reader only iterate that list, so a provider cannot be half added.
protocol StoreProvider: SendableMetatype {
    /// What the config says about this store, decoded. `Sendable`: the listing work captures it.
    associatedtype Section: Sendable

    /// The keys this provider owns under `stores:`, each with its shape.
    static var storeKeys: [String: ConfigShape] { get }
    /// The keys it reads under `environments.NAME`: each a string (a prefix, a path, a name).
    static var environmentKeys: [String] { get }
    /// The kinds of `StoreListing` its work produces.
    static var kinds: [StoreKind] { get }

    /// Its section from the `stores:` node (nil when the config has none), the file already
    /// checked against `storeKeys`. nil: this store is not read. `paths` resolves a path written
    /// in the config against the config's folder.
    static func section(_ stores: Node?, paths: ConfigPaths) -> Section?

    /// Its listing work, one closure per listing, in a fixed order.
    static func tasks(_ section: Section, _ context: StoreReadContext) -> [@Sendable () -> StoreListing]

    /// The environment variables (a token, a database URL) and URLs holding credentials this
    /// store is reached with, so that no message can carry them.
    static func credentials(_ section: Section) -> StoreCredentials

    /// Its write side (`rotate apply`), nil for a store secretmap only reads. Optional: the
    /// default is read only, and a provider gains a writer without touching the others.
    static func writer(_ section: Section, runner: CommandRunner) -> (any StoreWriter)?
}

extension StoreProvider {
    static var environmentKeys: [String] { [] }
    static func credentials(_ section: Section) -> StoreCredentials { StoreCredentials() }
    static func writer(_ section: Section, runner: CommandRunner) -> (any StoreWriter)? { nil }
}

/// Names of credential holders, never the credentials themselves.
struct StoreCredentials {
    var environmentVariables: [String] = []
    var urls: [String] = []
}

/// Paths as written in secretmap.yml: `~` expanded, relative ones taken from the config's folder.
struct ConfigPaths {
    var base: String

    func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? expanded : ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(expanded)
    }
}

/// What every provider's listing work is given: where each environment keeps its secrets, how to
/// run the CLIs, the fingerprint key, and, with `--fingerprint-values`, how to read a value.
struct StoreReadContext: Sendable {
    var environments: [SecretMapConfig.Environment]
    var runner: CommandRunner
    var fingerprinter: Fingerprinter
    /// nil unless values are to be read and fingerprinted.
    var values: ValueReader?
}

/// A provider with its section type erased, as the registry holds it.
struct RegisteredStoreProvider: Sendable {
    let id: ObjectIdentifier
    let name: String
    let storeKeys: [String: ConfigShape]
    let environmentKeys: [String]
    let kinds: [StoreKind]
    let section: @Sendable (Node?, ConfigPaths) -> (any Sendable)?
    let tasks: @Sendable (any Sendable, StoreReadContext) -> [@Sendable () -> StoreListing]
    let credentials: @Sendable (any Sendable) -> StoreCredentials
    let writer: @Sendable (any Sendable, CommandRunner) -> (any StoreWriter)?

    init<P: StoreProvider>(_ provider: P.Type) {
        id = ObjectIdentifier(provider)
        name = String(describing: provider)
        storeKeys = P.storeKeys
        environmentKeys = P.environmentKeys
        kinds = P.kinds
        section = { node, paths in P.section(node, paths: paths) }
        tasks = { section, context in (section as? P.Section).map { P.tasks($0, context) } ?? [] }
        credentials = { section in (section as? P.Section).map(P.credentials) ?? StoreCredentials() }
        writer = { section, runner in (section as? P.Section).flatMap { P.writer($0, runner: runner) } }
    }
}
