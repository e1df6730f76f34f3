import Declarations
import Foundation
import Inventory
import SourceScan
import Stores

/// Scan → Declarations → Stores → Inventory → drift, as `drift`, `audit` and `rotate` need it.
struct Pipeline {
    var configuration: SecretMapConfig
    var roots: [Root]
    var rules: RuleSet
    var scan: ScanResult
    var declared: DeclarationResult
    var stores: StoreSnapshot
    var inventory: Inventory
    var findings: [DriftFinding]

    var hadInputErrors: Bool {
        scan.skipped.contains { $0.reason.isError } || !declared.warnings.isEmpty || declared.skipped.contains { $0.reason.isError }
    }

    static func run(_ input: StoreInputOptions, rules: RuleOptions) throws -> Pipeline {
        try run(config: input.config, snapshot: input.snapshot, fingerprintValues: input.fingerprintValues, rules: rules.load())
    }

    static func run(config: String, snapshot: String?, fingerprintValues: Bool, rules: RuleSet) throws -> Pipeline {
        let configuration: SecretMapConfig
        do { configuration = try SecretMapConfig.load(config) } catch { throw InputError("\(error)") }
        guard !configuration.repos.isEmpty else { throw InputError("\(config): list the checkouts under repos: (name and path)") }
        let fingerprinter: Fingerprinter
        do { fingerprinter = try configuration.fingerprinter() } catch { throw InputError("\(error)") }
        let stores = try StoreListingSource.load(config: config, snapshot: snapshot, fingerprintValues: fingerprintValues, rules: rules)
        if stores.keyId != fingerprinter.keyId {
            StandardError.line("secretmap: the store fingerprints were made with key \(stores.keyId), the scan uses \(fingerprinter.keyId): literals cannot be compared with stored values")
        }
        let roots = configuration.repos.map { Root(name: $0.name, path: $0.path) }
        do { try Root.validate(roots) } catch { throw InputError("\(config): \(error.description)") }
        let scan = ScanEngine(rules: rules, options: ScanOptions(), fingerprinter: fingerprinter).scan(roots)
        let declared = DeclarationScanner(fingerprinter: fingerprinter).scan(roots)
        for w in declared.warnings { StandardError.line("secretmap: \(w.text)") }
        // Files only the declaration parsers open (a task definition a workflow names, an env file
        // a script reads) are not in the scan's skips: said here, and counted as `declared` counts them.
        let scanSkipped = Set(scan.skipped.map { "\($0.repo)/\($0.path)" })
        for s in declared.skipped where !scanSkipped.contains("\(s.repo)/\(s.path)") {
            StandardError.line("secretmap: \(s.repo)/\(s.path): skipped: \(s.reason.phrase)")
        }

        let configName = (config as NSString).lastPathComponent
        let overrides = configuration.classes.mapValues { ClassOverride($0.secretClass, place: "\(configName)\($0.line.map { ":\($0)" } ?? "")") }
        let inventory = InventoryBuilder(rules: rules, environments: configuration.environments.map(\.name),
                                         owner: configuration.owner(of:), classOverrides: overrides).build(scan: scan, declared: declared, stores: stores)
        var options = DriftRules.Options()
        options.production = configuration.drift.production
        options.noParity = Set(configuration.environments.filter { !$0.parity }.map(\.name))
        options.maxAgeDays = configuration.drift.maxAgeDays
        options.tenantMaxAgeDays = configuration.drift.tenantMaxAgeDays
        for env in configuration.environments {
            if let p = env.ssmPrefix { options.ssmPrefixes[env.name] = p }
            if let p = env.secretsManagerPrefix { options.secretsManagerPrefixes[env.name] = p }
        }
        options.githubRepos = configuration.github?.repos ?? []
        let findings = DriftRules(options: options).evaluate(inventory, stores: stores)
        return Pipeline(configuration: configuration, roots: roots, rules: rules, scan: scan, declared: declared,
                        stores: stores, inventory: inventory, findings: findings)
    }

    /// The environment runbooks and comparisons default to.
    var production: String {
        DriftRules.production(configured: configuration.drift.production, environments: configuration.environments.map(\.name)) ?? "production"
    }
}
