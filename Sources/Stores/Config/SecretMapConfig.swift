import Foundation
import SourceScan
import Yams

/// `secretmap.yml`: the repositories, the environments and where each keeps its secrets, how to
/// reach the stores, who owns which names, and where the fingerprint key comes from.
///
/// ```yaml
/// repos:
///   - { name: web, path: ../web }
/// environments:
///   production: { ssm: /planb/, github_environment: production, vault_path: planb }
///   staging:    { ssm: /planb-staging/ }
/// stores:
///   aws: { region: eu-west-1, profile: planb-ops }
///   secrets_manager: { name_prefix: planb/ }
///   github: { repos: [planb/web], orgs: [planb] }
///   vault: { cli: bao, mount: secret }
///   env_files: [{ path: ../web/.env.local, environment: development }]
///   postgres: { url_env: DATABASE_URL, query: "select tenant_id, name, created_at, updated_at from private.secrets" }
/// owners:
///   "STRIPE_*": payments
///   "*": platform
/// classes:
///   APP_SECRET_PEPPER: internal-minted
/// fingerprint_key: { env: SECRETMAP_FINGERPRINT_KEY }
/// state_dir: .secretmap     # rotate apply's journals
/// ```
public struct SecretMapConfig: Sendable {
    public struct Repo: Sendable {
        public var name: String
        public var path: String
        /// `history: true`: drift and audit read the repository's git history too (`scan --history`).
        public var history = false
    }
    public struct Environment: Sendable {
        public var name: String
        /// What the environment says for each store provider's keys (`ssm`, `vault_path`…), as
        /// written; each provider reads its own (see `StoreProvider.environmentKeys`).
        public var stores: [String: String] = [:]
        /// False for an environment that is not meant to mirror production (an admin namespace).
        public var parity: Bool = true
    }
    public struct Drift: Sendable {
        public var production: String?
        public var maxAgeDays = 365
        public var tenantMaxAgeDays = 180
    }

    public var file: String
    public var repos: [Repo] = []
    public var environments: [Environment] = []
    /// Each registered store provider's section, by provider (see `StoreProviders`); a provider
    /// the config does not use has none. Typed accessors live with each provider.
    var sections: [ObjectIdentifier: any Sendable] = [:]
    /// Glob → owner, in the order written: the first match wins.
    public var owners: [(pattern: String, owner: String)] = []
    /// `classes:` NAME → class: the user's word on a name's class, which outranks every other
    /// evidence; with the line it was written on, which the inventory cites.
    public var classes: [String: (secretClass: SecretClass, line: Int?)] = [:]
    /// The classes `classes:` may give: per-tenant comes from the tenants' table, never a name.
    static let assignableClasses = SecretClass.allCases.filter { $0 != .perTenant }.map(\.rawValue).sorted()
    public var fingerprintKeyEnv: String?
    public var fingerprintKeyFile: String?
    public var timeoutSeconds: Double = 60
    public var drift = Drift()
    /// `state_dir:`: where `rotate apply` keeps its journals (one JSON file per rotation);
    /// default `.secretmap/` beside the config.
    public var stateDirectory: String

    /// The whole file's shape; `stores:` and the store keys of `environments.NAME` come from the
    /// providers, so a provider's section is checked as soon as it is registered.
    static var shape: ConfigShape {
        var environment: [String: ConfigShape] = ["parity": .bool]
        for key in StoreProviders.environmentKeys { environment[key] = .string }
        var stores = StoreProviders.storeKeys
        stores["timeout_seconds"] = .intIn(1...3600)
        return .object([
            "version": .version(1),
            "repos": .list(.object(["name": .plainName, "path": .string, "history": .bool], required: ["path"])),
            "environments": .dictionary(.object(environment)),
            "drift": .object(["production": .string, "max_age_days": .int, "tenant_max_age_days": .int]),
            "stores": .object(stores),
            "owners": .dictionary(.string),
            "classes": .dictionary(.choice(assignableClasses)),
            "fingerprint_key": .object(["env": .string, "file": .string]),
            "state_dir": .string,
        ])
    }

    /// Reads and checks the file; every problem is reported at once, each with its line.
    public static func load(_ path: String) throws -> SecretMapConfig {
        let text: String
        switch FileGate.readText(path, maxSize: StoreFiles.configMaxSize) {
        case .success(let t): text = t
        case .failure(let refusal):
            throw ConfigError(file: path, line: nil, message: "cannot read the config file: \(StoreFiles.reason(refusal, limit: StoreFiles.configMaxSize))")
        }
        let root: Node?
        switch SafeYAML.compose(text) {
        case .success(let node): root = node
        case .failure(let problem): throw ConfigError(file: path, line: problem.line, message: "invalid YAML: \(problem)")
        }
        guard let root else { throw ConfigError(file: path, line: nil, message: "the config file is empty") }
        let errors = ConfigValidator.validate(root, shape, file: path)
        if !errors.isEmpty { throw ConfigErrors(errors: errors) }
        return SecretMapConfig(root, file: path)
    }

    init(_ root: Node, file: String) {
        self.file = file
        let paths = ConfigPaths(base: (file as NSString).deletingLastPathComponent)
        stateDirectory = paths.resolve(root["state_dir"]?.string ?? ".secretmap")
        repos = (root["repos"]?.sequence ?? []).map { r in
            let path = r["path"]!.string!
            return Repo(name: r["name"]?.string ?? (path as NSString).lastPathComponent, path: paths.resolve(path),
                        history: r["history"]?.bool ?? false)
        }
        let storeKeys = StoreProviders.environmentKeys
        environments = (root["environments"]?.mapping ?? [:]).map { k, v in
            var stores: [String: String] = [:]
            for key in storeKeys { stores[key] = v[key]?.string }
            return Environment(name: k.string ?? "", stores: stores, parity: v["parity"]?.bool ?? true)
        }
        if let d = root["drift"] {
            drift.production = d["production"]?.string
            if let n = d["max_age_days"]?.int { drift.maxAgeDays = n }
            if let n = d["tenant_max_age_days"]?.int { drift.tenantMaxAgeDays = n }
        }
        let stores = root["stores"]
        for provider in StoreProviders.all {
            if let section = provider.section(stores, paths) { sections[provider.id] = section }
        }
        if let t = stores?["timeout_seconds"]?.int { timeoutSeconds = Double(t) }
        owners = (root["owners"]?.mapping ?? [:]).map { ($0.key.string ?? "", $0.value.string ?? "") }
        for (k, v) in root["classes"]?.mapping ?? [:] {
            if let name = k.string, let c = v.string.flatMap(SecretClass.init(rawValue:)) { classes[name] = (c, k.mark?.line) }
        }
        fingerprintKeyEnv = root["fingerprint_key"]?["env"]?.string
        fingerprintKeyFile = root["fingerprint_key"]?["file"]?.string.map(paths.resolve)
    }

    /// The section a provider decoded, if the config uses that store.
    func section<P: StoreProvider>(_ provider: P.Type) -> P.Section? { sections[ObjectIdentifier(provider)] as? P.Section }

    /// The fingerprinter the config asks for. A key file inside a scanned repository is refused:
    /// committed by mistake, it would let anyone test guesses against every fingerprint.
    public func fingerprinter(environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> Fingerprinter {
        if let file = fingerprintKeyFile {
            let real = (file as NSString).resolvingSymlinksInPath
            for repo in repos {
                let root = (repo.path as NSString).resolvingSymlinksInPath
                if real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                    throw ConfigError(file: self.file, line: nil,
                                      message: "fingerprint_key.file \(file) is inside the repository '\(repo.name)': keep the key outside every scanned checkout")
                }
            }
            let text: String
            switch FileGate.readText(file, maxSize: StoreFiles.keyFileMaxSize) {
            case .success(let t): text = t
            case .failure(let refusal):
                throw ConfigError(file: self.file, line: nil,
                                  message: "cannot read fingerprint_key.file \(file): \(StoreFiles.reason(refusal, limit: StoreFiles.keyFileMaxSize))")
            }
            let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !key.isEmpty else { throw ConfigError(file: self.file, line: nil, message: "fingerprint_key.file \(file) is empty") }
            return Fingerprinter(key: key)
        }
        if let name = fingerprintKeyEnv {
            guard let key = env[name], !key.isEmpty else {
                throw ConfigError(file: self.file, line: nil, message: "fingerprint_key.env names \(name), which is not set")
            }
            return Fingerprinter(key: key)
        }
        return Fingerprinter.fromEnvironment(env)
    }

    /// The owner of a name: the first glob that matches (`*` any run of characters, `?` one).
    public func owner(of name: String) -> String? {
        owners.first { Glob.matches($0.pattern, name) }?.owner
    }
}

/// Several problems in one config file, one per line.
public struct ConfigErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [ConfigError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// `*` any run of characters, `?` one: owner globs here, IAM actions and resources in Inventory.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] { pi += 1; ti += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
