import Declarations
import Foundation
import SourceScan
import Stores

/// Joins readers, declarations and store listings into one record per secret.
///
/// Names that stand for the same value are merged first (a task definition's variable and its
/// `valueFrom` leaf, a workflow's env variable and its secret, a schema key and the variable its
/// runtime map reads): the record takes the name code reads, else a declared one.
public struct InventoryBuilder {
    public var rules: RuleSet
    public var environments: [String]
    public var owner: (String) -> String?
    /// `classes:` from secretmap.yml: NAME → the user's class, which outranks all other evidence.
    public var classOverrides: [String: ClassOverride]

    public init(rules: RuleSet, environments: [String], owner: @escaping (String) -> String? = { _ in nil },
                classOverrides: [String: ClassOverride] = [:]) {
        self.rules = rules; self.environments = environments; self.owner = owner; self.classOverrides = classOverrides
    }

    /// Declaration kinds whose `alias` is another name for the same value.
    static let aliasKinds: Set<Declaration.Kind> = [
        .taskDefinitionSecret, .workflowSecret, .envSchema, .cloudFormationResolve, .serverlessSSM, .serverlessEnv, .dockerfileSecret,
    ]

    /// The tool a tool-read declaration names when that tool is a reader of the variable at run
    /// time: prisma (its client reads the schema's env("X") when it connects), a shell script
    /// (it expands `$X`). A package.json script's `$X` is a command line, not a reader: nil.
    static func readingTool(_ d: Declaration) -> String? {
        guard let job = d.job else { return nil }
        if job == "prisma" { return "prisma" }
        if job.hasPrefix("shell script") { return "shell script" }
        return nil
    }

    public func build(scan: ScanResult, declared: DeclarationResult, stores: StoreSnapshot) -> Inventory {
        var names = UnionFind()
        let isName = isEnvironmentVariableName
        // `*_FILE`: a name convention's reader (rules/readers.yaml), matched to names below.
        let conventions = scan.readers.filter { $0.name.hasPrefix("*") }
        let readers = scan.readers.filter { !$0.name.hasPrefix("*") }
        for r in readers { names.add(r.name) }
        for d in declared.declarations where isName(d.name) {
            names.add(d.name)
            if let alias = d.alias, Self.aliasKinds.contains(d.kind), isName(alias) { names.union(d.name, alias) }
        }
        let listings = stores.listings
        for l in listings {
            for s in l.secrets {
                if l.kind == .secretsManager { continue }          // joined through the contracts that name them
                if l.kind == .vault { for key in (s.keys ?? [:]).keys where isName(key) { names.add(key) }; continue }
                if l.kind.entryShape == .pointedByReference { continue }   // joined through the references that point at them
                if isName(s.name) { names.add(s.name) }
            }
            for t in l.tenantSecrets ?? [] where isName(t.name) { names.add(t.name) }
        }

        // The record's name: one that code reads, else one declared, else any (alphabetical).
        let read = Set(readers.map(\.name))
        let declaredNames = Set(declared.declarations.map(\.name))
        var canonical: [String: String] = [:]
        for group in names.groups() {
            let best = group.sorted { a, b in
                let ka = (read.contains(a) ? 0 : declaredNames.contains(a) ? 1 : 2, a)
                let kb = (read.contains(b) ? 0 : declaredNames.contains(b) ? 1 : 2, b)
                return ka < kb
            }.first!
            for n in group { canonical[n] = best }
        }
        var records: [String: SecretRecord] = [:]
        func record(_ name: String) -> String {
            let c = canonical[name] ?? name
            if records[c] == nil {
                let d = rules.describe(name: c)
                // The class is decided once everything is joined (below); until then, the name's.
                records[c] = SecretRecord(name: c, secretClass: d.secretClass ?? .config, classEvidence: ClassEvidence(.fallback, "undecided"),
                                          issuer: d.issuer, owner: owner(c) ?? "unassigned")
            }
            if c != name, !records[c]!.aliases.contains(name) { records[c]!.aliases.append(name) }
            return c
        }

        // Tests after the code they test: "which code breaks if I rotate it" is the other readers.
        for r in readers where !r.isTest {
            records[record(r.name)]!.readers.append(.init(repo: r.repo, path: r.path, line: r.line, via: r.via, published: r.published))
        }
        // A tool that reads the variable when it starts (prisma's client and CLI, through the
        // schema's env("X")) reads it as the code does: a reader, marked as the tool's.
        for d in declared.declarations + declared.scriptReads where d.kind == .toolRead && isName(d.name) {
            guard let tool = Self.readingTool(d) else { continue }
            records[record(d.name)]!.readers.append(.init(repo: d.repo, path: d.path, line: d.line, via: "tool " + tool))
        }
        for r in readers where r.isTest {
            records[record(r.name)]!.readers.append(.init(repo: r.repo, path: r.path, line: r.line, test: true, via: r.via, published: r.published))
        }
        for d in declared.declarations where isName(d.name) {
            let c = record(d.name)
            records[c]!.declarations.append(d)
            if let alias = d.alias, Self.aliasKinds.contains(d.kind), isName(alias) { _ = record(alias) }
        }
        // A name convention: `process.env[`${key}_FILE`]` (outline's environment proxy) reads X_FILE
        // for every X the code asks for, so a declared X_FILE whose X the repository reads is read there.
        for c in conventions {
            let suffix = String(c.name.dropFirst())
            let readInRepo = Set(readers.filter { $0.repo == c.repo }.map(\.name))
            for key in records.keys.sorted() where key.count > suffix.count && key.hasSuffix(suffix) {
                guard !records[key]!.declarations.isEmpty, readInRepo.contains(String(key.dropLast(suffix.count))) else { continue }
                records[key]!.readers.append(.init(repo: c.repo, path: c.path, line: c.line, test: c.test, via: c.via))
            }
        }
        // The table each per-tenant record was listed from: its class's evidence.
        var tenantTables: [String: String] = [:]
        // Secrets Manager secrets are bundles: a contract names the secret and the JSON key.
        var contractsBySecret: [String: [(record: String, key: String?)]] = [:]
        for d in declared.declarations where d.store == .secretsManager && isName(d.name) {
            guard let path = d.storePath else { continue }
            contractsBySecret[path, default: []].append((canonical[d.name] ?? d.name, d.jsonKey))
        }
        // 1Password fields: the names whose secret references (`vault/item[/section]/field`,
        // any case, as 1Password reads them) point there.
        var referencesByField: [String: [String]] = [:]
        for d in declared.declarations where d.store == .onePassword && isName(d.name) {
            guard let path = d.storePath else { continue }
            referencesByField[path.lowercased(), default: []].append(canonical[d.name] ?? d.name)
        }
        // Kubernetes Secret keys: the variables a manifest's `secretKeyRef` gives each
        // `SECRET/KEY` to, whatever the key is called (`database-url` → DATABASE_URL).
        var keyRefsByKey: [String: [String]] = [:]
        for d in declared.declarations where d.kind == .kubernetesSecretKeyRef && isName(d.name) {
            guard let secret = d.storePath, let key = d.jsonKey else { continue }
            keyRefsByKey[secret + "/" + key, default: []].append(canonical[d.name] ?? d.name)
        }
        for l in listings {
            for s in l.secrets {
                switch l.kind.entryShape {
                case .pointedByReference:
                    let segments = s.path.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                    var places = [segments.joined(separator: "/")]
                    // `op://vault/item/field` also names a field inside a section.
                    if segments.count == 4 { places.append([segments[0], segments[1], segments[3]].joined(separator: "/")) }
                    for r in Set(places.flatMap { referencesByField[$0] ?? [] }).sorted() {
                        records[record(r)]!.stores.append(entry(l, s, key: nil))
                    }
                case .bundleByContract:
                    let joined = contractsBySecret[s.name] ?? []
                    if joined.isEmpty {
                        let c = record(s.name)
                        records[c]!.stores.append(entry(l, s, key: nil))
                    }
                    for (r, key) in Set(joined.map { "\($0.record)\u{0}\($0.key ?? "")" }).sorted().map(split) {
                        records[r]!.stores.append(entry(l, s, key: key))
                    }
                case .keysAsNames:
                    for key in (s.keys ?? [:]).keys.sorted() where isName(key) {
                        records[record(key)]!.stores.append(entry(l, s, key: key))
                    }
                case .onePerEntry:
                    // A Kubernetes path ends in SECRET/KEY; a key some `secretKeyRef` names is
                    // the secret of the variables it names (the key's own name among them when
                    // a reference uses it), else of its own name.
                    let referenced = l.kind == .kubernetesSecret
                        ? keyRefsByKey[s.path.split(separator: "/").suffix(2).joined(separator: "/")] ?? [] : []
                    if !referenced.isEmpty {
                        for r in Set(referenced).sorted() { records[record(r)]!.stores.append(entry(l, s, key: nil)) }
                    } else if isName(s.name) {
                        records[record(s.name)]!.stores.append(entry(l, s, key: nil))
                    }
                }
            }
            for t in l.tenantSecrets ?? [] where isName(t.name) {
                let c = record(t.name)
                records[c]!.tenants = t
                tenantTables[c] = "\(l.kind) \(l.location)"
            }
        }
        // The class, from all the evidence joined above (ClassDecision.order says which wins).
        let decision = ClassDecision(rules: rules, overrides: classOverrides)
        for i in records.keys {
            (records[i]!.secretClass, records[i]!.classEvidence) = decision.decide(records[i]!, tenantTable: tenantTables[i])
        }
        // Hard-coded defaults, tied to their variable by name: from compose files, scripts and
        // Dockerfiles (declarations) and from code (the scan's environment defaults). A default
        // of a name nothing else knows (a script's `${VERBOSE:-0}`) makes no record of its own.
        let environmentDefaults = declared.defaults + scan.literals.filter { $0.contextKind?.isEnvironmentDefault == true }
        for l in environmentDefaults {
            guard let target = l.target, canonical[target] != nil else { continue }
            records[record(target)]!.defaults.append(l)
        }
        // A literal whose fingerprint equals a value a store holds for this secret. The literals are
        // indexed once (a large tree has tens of thousands), and keep their scan order. An
        // environment default joins by fingerprint across names only when it is secret-like and no
        // placeholder: `${DEBUG:-false}` equal to another secret's stored `false` says nothing;
        // every default joins its own name's stores (a store still holding `changeme` must be found).
        var literalsByFingerprint: [String: [Int]] = [:]
        for (i, l) in scan.literals.enumerated() where !Self.joinsByNameOnly(l) { literalsByFingerprint[l.fingerprint, default: []].append(i) }
        for i in records.keys {
            let held = Set(records[i]!.stores.compactMap(\.fingerprint))
            let matching = held.flatMap { literalsByFingerprint[$0] ?? [] }
            records[i]!.literals = matching.sorted().map { scan.literals[$0] }
            var seen = Set(records[i]!.literals.map(Self.placeKey))
            for d in records[i]!.defaults where held.contains(d.fingerprint) && seen.insert(Self.placeKey(d)).inserted {
                records[i]!.literals.append(d)
            }
        }
        // Presence per environment: present in a complete listing, unknown if that environment's
        // listing could not be read, otherwise missing.
        // GitHub's environment secrets belong to CI jobs, not to the running system: rule 3
        // compares them with the workflows.
        let incomplete = listings.filter { !$0.complete }
        for i in records.keys {
            for env in environments {
                if records[i]!.stores.contains(where: { $0.environment == env && $0.kind != .github }) { records[i]!.presence[env] = .present }
                else if incomplete.contains(where: { $0.environment == env && $0.kind != .github }) { records[i]!.presence[env] = .unknown }
                else { records[i]!.presence[env] = .missing }
            }
        }
        var inventory = Inventory(records: records.values.sorted { $0.name < $1.name }, environments: environments,
                                  incompleteStores: incomplete.map { "\($0.kind) \($0.location)" },
                                  asOf: stores.takenAt, fingerprintKeyId: stores.keyId)
        inventory.bootstrapBundles = declared.declarations.filter { $0.kind == .bootstrapParameter && !isName($0.name) }
        inventory.history = scan.history
        return inventory
    }

    /// An environment default that is a placeholder or not secret-like: joined to its own name only.
    static func joinsByNameOnly(_ l: Literal) -> Bool {
        l.contextKind?.isEnvironmentDefault == true && (l.placeholder == true || !l.secretLike)
    }

    static func placeKey(_ l: Literal) -> String { "\(l.repo)\u{0}\(l.path)\u{0}\(l.line)\u{0}\(l.column)\u{0}\(l.fingerprint)" }

    func entry(_ l: StoreListing, _ s: StoredSecret, key: String?) -> SecretRecord.StoreEntry {
        let k = key.flatMap { s.keys?[$0] }
        return SecretRecord.StoreEntry(kind: l.kind, location: l.location, environment: l.environment, path: s.path, key: key,
                                       lastModified: s.lastModified, fingerprint: k?.fingerprint ?? (key == nil ? s.fingerprint : nil),
                                       hint: k?.hint ?? (key == nil ? s.hint : nil),
                                       valueRule: k?.valueRule ?? s.valueRule, valueIsTest: k?.valueIsTest ?? s.valueIsTest,
                                       valueIsPublic: k?.valueIsPublic ?? s.valueIsPublic,
                                       valueShape: k?.valueShape ?? (key == nil ? s.valueShape : nil))
    }

    func split(_ s: String) -> (String, String?) {
        let parts = s.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
        return (parts[0], parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
    }
}

/// Names merged into groups.
struct UnionFind {
    private var parent: [String: String] = [:]

    mutating func add(_ n: String) { if parent[n] == nil { parent[n] = n } }

    mutating func find(_ n: String) -> String {
        add(n)
        var root = n
        while parent[root]! != root { root = parent[root]! }
        var x = n
        while parent[x]! != root { let next = parent[x]!; parent[x] = root; x = next }
        return root
    }

    mutating func union(_ a: String, _ b: String) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    mutating func groups() -> [[String]] {
        var out: [String: [String]] = [:]
        for n in parent.keys.sorted() { out[find(n), default: []].append(n) }
        return out.keys.sorted().map { out[$0]! }
    }
}
