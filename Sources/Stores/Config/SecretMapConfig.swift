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
/// fingerprint_key: { env: SECRETMAP_FINGERPRINT_KEY }
/// ```
public struct SecretMapConfig: Sendable {
    public struct Repo: Sendable { public var name: String; public var path: String }
    public struct Environment: Sendable {
        public var name: String
        public var ssmPrefix: String?
        public var secretsManagerPrefix: String?
        public var githubEnvironment: String?
        public var vaultPath: String?
        /// False for an environment that is not meant to mirror production (an admin namespace).
        public var parity: Bool = true
    }
    public struct Drift: Sendable {
        public var production: String?
        public var maxAgeDays = 365
        public var tenantMaxAgeDays = 180
    }
    public struct AWS: Sendable {
        public var region: String?; public var profile: String?; public var endpoint: String?
        /// Also list IAM principals and policies, to tell who can read each prefix.
        public var iam = false
    }
    public struct GitHub: Sendable {
        public var repos: [String] = []
        public var orgs: [String] = []
        public var apiURL: String?
        /// `rest` (HTTP with a token) or `gh` (the CLI's own login).
        public var via: String?
        public var tokenEnv: String = "GITHUB_TOKEN"
    }
    public struct Vault: Sendable {
        public var cli: String = "bao"
        public var mount: String = "secret"
        public var paths: [String] = []
    }
    public struct EnvFile: Sendable { public var path: String; public var environment: String? }
    public struct Postgres: Sendable { public var urlEnv: String; public var query: String }

    public var file: String
    public var repos: [Repo] = []
    public var environments: [Environment] = []
    public var aws = AWS()
    public var secretsManager: (namePrefix: String?, enabled: Bool) = (nil, false)
    public var github: GitHub?
    public var vault: Vault?
    public var envFiles: [EnvFile] = []
    public var postgres: Postgres?
    /// Glob → owner, in the order written: the first match wins.
    public var owners: [(pattern: String, owner: String)] = []
    public var fingerprintKeyEnv: String?
    public var fingerprintKeyFile: String?
    public var timeoutSeconds: Double = 60
    public var drift = Drift()

    static let shape: ConfigShape = .object([
        "version": .version(1),
        "repos": .list(.object(["name": .plainName, "path": .string], required: ["path"])),
        "environments": .dictionary(.object([
            "ssm": .string, "secrets_manager_prefix": .string, "github_environment": .string, "vault_path": .string,
            "parity": .bool,
        ])),
        "drift": .object(["production": .string, "max_age_days": .int, "tenant_max_age_days": .int]),
        "stores": .object([
            "aws": .object(["region": .string, "profile": .string, "endpoint": .string, "iam": .bool]),
            "secrets_manager": .object(["name_prefix": .string]),
            "github": .object(["repos": .list(.string), "orgs": .list(.string), "api_url": .string, "via": .string, "token_env": .string]),
            "vault": .object(["cli": .string, "mount": .string, "paths": .list(.string)]),
            "env_files": .list(.object(["path": .string, "environment": .string], required: ["path"])),
            "postgres": .object(["url_env": .string, "query": .string], required: ["url_env", "query"]),
            "timeout_seconds": .intIn(1...3600),
        ]),
        "owners": .dictionary(.string),
        "fingerprint_key": .object(["env": .string, "file": .string]),
    ])

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
        let base = (file as NSString).deletingLastPathComponent
        func resolve(_ p: String) -> String {
            let expanded = (p as NSString).expandingTildeInPath
            return expanded.hasPrefix("/") ? expanded : ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(expanded)
        }
        repos = (root["repos"]?.sequence ?? []).map { r in
            let path = r["path"]!.string!
            return Repo(name: r["name"]?.string ?? (path as NSString).lastPathComponent, path: resolve(path))
        }
        environments = (root["environments"]?.mapping ?? [:]).map { k, v in
            Environment(name: k.string ?? "", ssmPrefix: v["ssm"]?.string, secretsManagerPrefix: v["secrets_manager_prefix"]?.string,
                        githubEnvironment: v["github_environment"]?.string, vaultPath: v["vault_path"]?.string,
                        parity: v["parity"]?.bool ?? true)
        }
        if let d = root["drift"] {
            drift.production = d["production"]?.string
            if let n = d["max_age_days"]?.int { drift.maxAgeDays = n }
            if let n = d["tenant_max_age_days"]?.int { drift.tenantMaxAgeDays = n }
        }
        let stores = root["stores"]
        aws = AWS(region: stores?["aws"]?["region"]?.string, profile: stores?["aws"]?["profile"]?.string,
                  endpoint: stores?["aws"]?["endpoint"]?.string, iam: stores?["aws"]?["iam"]?.bool ?? false)
        if let sm = stores?["secrets_manager"] { secretsManager = (sm["name_prefix"]?.string, true) }
        if let g = stores?["github"] {
            var github = GitHub()
            github.repos = (g["repos"]?.sequence ?? []).compactMap(\.string)
            github.orgs = (g["orgs"]?.sequence ?? []).compactMap(\.string)
            github.apiURL = g["api_url"]?.string
            github.via = g["via"]?.string
            if let t = g["token_env"]?.string { github.tokenEnv = t }
            self.github = github
        }
        if let v = stores?["vault"] {
            var vault = Vault()
            if let cli = v["cli"]?.string { vault.cli = cli }
            if let mount = v["mount"]?.string { vault.mount = mount }
            vault.paths = (v["paths"]?.sequence ?? []).compactMap(\.string)
            self.vault = vault
        }
        envFiles = (stores?["env_files"]?.sequence ?? []).map { EnvFile(path: resolve($0["path"]!.string!), environment: $0["environment"]?.string) }
        if let p = stores?["postgres"] { postgres = Postgres(urlEnv: p["url_env"]!.string!, query: p["query"]!.string!) }
        if let t = stores?["timeout_seconds"]?.int { timeoutSeconds = Double(t) }
        owners = (root["owners"]?.mapping ?? [:]).map { ($0.key.string ?? "", $0.value.string ?? "") }
        fingerprintKeyEnv = root["fingerprint_key"]?["env"]?.string
        fingerprintKeyFile = root["fingerprint_key"]?["file"]?.string.map(resolve)
    }

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
