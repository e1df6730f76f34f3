import Declarations
import Foundation
import Inventory
import Report
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

    static func run(_ input: StoreInputOptions, rules: RuleOptions, progress: RunProgress? = nil) throws -> Pipeline {
        try run(config: input.config, snapshot: input.snapshot, fingerprintValues: input.fingerprintValues, rules: rules.load(),
                progress: progress)
    }

    /// Store failures are errors (always said); skipped files and parse warnings are warnings
    /// (not said under `--quiet`), then counted in one summary line that `--quiet` keeps.
    static func run(config: String, snapshot: String?, fingerprintValues: Bool, rules: RuleSet,
                    progress: RunProgress? = nil) throws -> Pipeline {
        let configuration: SecretMapConfig
        do { configuration = try SecretMapConfig.load(config) } catch { throw InputError("\(error)") }
        guard !configuration.repos.isEmpty else { throw InputError("\(config): list the checkouts under repos: (name and path)") }
        let fingerprinter: Fingerprinter
        do { fingerprinter = try configuration.fingerprinter() } catch { throw InputError("\(error)") }
        // The store listing mostly waits on CLI processes and the network: it runs on its own
        // thread while the trees are scanned and the declarations read. What each stage says on
        // stderr is said in the order the stages had when they ran one after the other: the
        // listing's lines, then the scan's (kept until the listing ends), then the declarations'.
        // A snapshot is one file: read now, so a wrong path is said at once, not after the scan.
        let storeListing = try snapshot.map {
            BackgroundWork(done: try StoreListingSource.load(config: config, snapshot: $0, fingerprintValues: fingerprintValues,
                                                             rules: rules, progress: progress))
        } ?? BackgroundWork {
            try StoreListingSource.load(config: config, snapshot: nil, fingerprintValues: fingerprintValues, rules: rules,
                                        progress: progress)
        }
        let roots = configuration.repos.map { Root(name: $0.name, path: $0.path) }
        do { try Root.validate(roots) } catch {
            _ = try storeListing.value()
            throw InputError("\(config): \(error.description)")
        }
        var scanOptions = ScanOptions()
        scanOptions.progress = progress
        let scanWarnings = LockBox<[String]>([])
        let engine = ScanEngine(rules: rules, options: scanOptions, fingerprinter: fingerprinter)
        let scanEvents: ScanEventSink = { event in scanWarnings.withLock { $0.append("secretmap: " + event.text) } }
        var scan = engine.scan(roots, events: scanEvents)
        // `history: true` repos: their git history too, for stored-value-in-history.
        let historyRoots = zip(roots, configuration.repos).filter { $0.1.history }.map(\.0)
        if !historyRoots.isEmpty {
            scan.add(engine.scanHistory(historyRoots, inTree: Set(scan.literals.map(\.fingerprint)), events: scanEvents))
        }
        let declared = DeclarationScanner(fingerprinter: fingerprinter, rules: rules).scan(roots)
        let stores = try storeListing.value()
        if stores.keyId != fingerprinter.keyId {
            StandardError.warning("secretmap: the store fingerprints were made with key \(stores.keyId), the scan uses \(fingerprinter.keyId): literals cannot be compared with stored values")
        }
        for w in scanWarnings.withLock({ $0 }) { StandardError.warning(w) }
        for w in declared.warnings { StandardError.warning("secretmap: \(w.text)") }
        // Files only the declaration parsers open (a task definition a workflow names, an env file
        // a script reads) are not in the scan's skips: said here, and counted as `declared` counts them.
        let scanSkipped = Set(scan.skipped.map { "\($0.repo)/\($0.path)" })
        let declaredOnly = declared.skipped.filter { !scanSkipped.contains("\($0.repo)/\($0.path)") }
        for s in declaredOnly { StandardError.warning("secretmap: " + s.text) }
        if let summary = skipSummary(scan.skipped + declaredOnly, warnings: declared.warnings.count) {
            StandardError.line(summary)
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
        options.platformVariables = rules.platformVariables
        let findings = DriftRules(options: options).evaluate(inventory, stores: stores)
        return Pipeline(configuration: configuration, roots: roots, rules: rules, scan: scan, declared: declared,
                        stores: stores, inventory: inventory, findings: findings)
    }

    /// The input errors (files that could not be read, declarations that could not be parsed)
    /// in one line, nil when there were none: what `--quiet` still says, beside exit status 2.
    /// Policy skips (binary, too large) are not errors and not counted, as in `scan`'s summary.
    static func skipSummary(_ skipped: [Skip], warnings: Int) -> String? {
        let errors = skipped.filter(\.reason.isError)
        guard errors.count + warnings > 0 else { return nil }
        var parts: [String] = []
        if !errors.isEmpty {
            let reasons = SkipReason.allCases.compactMap { r in
                let n = errors.filter { $0.reason == r }.count
                return n == 0 ? nil : "\(n) \(r.phrase)"
            }
            parts.append("skipped \(errors.count): " + reasons.joined(separator: ", "))
        }
        if warnings > 0 { parts.append("\(warnings) declaration warning\(warnings == 1 ? "" : "s")") }
        return "secretmap: input errors: " + parts.joined(separator: "; ")
    }

    /// The environment runbooks and comparisons default to.
    var production: String {
        DriftRules.production(configured: configuration.drift.production, environments: configuration.environments.map(\.name)) ?? "production"
    }
}
