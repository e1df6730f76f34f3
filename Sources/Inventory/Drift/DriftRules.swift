import Declarations
import Foundation
import SourceScan
import Stores

/// The drift rules over an inventory. Each rule is one value under Drift/Rules/ (its description,
/// examples and check); a missing secret in an environment is reported once, by the first rule in
/// `all` that claims it (the deploy contract, then parity, then .env.example).
public struct DriftRules {
    /// Every rule's description, in docs order.
    public static var descriptions: [DriftRuleDescription] { all.map { $0.description } }

    /// Every rule's examples, by rule.
    public static var examples: [(DriftRuleID, [DriftExample])] { all.map { ($0.description.id, $0.examples) } }

    public struct Options: Sendable {
        /// The environment the others are compared with (default: `production`, else `prod`, else the first).
        public var production: String?
        /// Environments left out of the parity comparison (a separate admin namespace).
        public var noParity: Set<String> = []
        public var maxAgeDays = 365
        public var tenantMaxAgeDays = 180
        /// SSM prefixes and Secrets Manager name prefixes per environment, to tell which
        /// environment a contract's or a script's store path belongs to.
        public var ssmPrefixes: [String: String] = [:]
        public var secretsManagerPrefixes: [String: String] = [:]
        /// GitHub repositories (`owner/name`) configured, to match workflows to them.
        public var githubRepos: [String] = []
        /// Variables platforms set for the code they run (rules/platforms.yaml): nothing to declare.
        public var platformVariables: [PlatformVariableRule] = []
        public init() {}
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    /// The environment the others are compared with and runbooks default to: the configured one,
    /// else `production`, else `prod`, else the first.
    public static func production(configured: String?, environments: [String]) -> String? {
        configured ?? (["production", "prod"].first { environments.contains($0) } ?? environments.first)
    }

    public func evaluate(_ inventory: Inventory, stores: StoreSnapshot) -> [DriftFinding] {
        var context = DriftContext(inventory: inventory, stores: stores, options: options)
        for rule in Self.all { rule.run(&context) }
        var findings = context.findings
        findings.sort { ($0.severity.rank, $0.name, $0.rule.rawValue, $0.environment ?? "") < ($1.severity.rank, $1.name, $1.rule.rawValue, $1.environment ?? "") }
        for i in findings.indices { findings[i].number = i + 1 }
        return findings
    }
}

/// State shared by the rules while they run: the findings so far, and which (name, environment)
/// "missing" facts have already been reported.
struct DriftContext {
    let inventory: Inventory
    let stores: StoreSnapshot
    let options: DriftRules.Options
    var findings: [DriftFinding] = []
    var claimedMissing = Set<String>()
    let asOf: Date

    init(inventory: Inventory, stores: StoreSnapshot, options: DriftRules.Options) {
        self.inventory = inventory; self.stores = stores; self.options = options
        asOf = ISO8601DateFormatter().date(from: inventory.asOf) ?? Date()
    }

    var production: String? { DriftRules.production(configured: options.production, environments: inventory.environments) }

    mutating func claimMissing(_ name: String, _ env: String) -> Bool { claimedMissing.insert("\(name)\u{0}\(env)").inserted }

    mutating func add(_ f: DriftFinding) { findings.append(f) }

    /// The environment a store path belongs to, from the configured prefixes.
    func environment(ofStorePath path: String, store: Declaration.Store?) -> String? {
        let prefixes = store == .secretsManager ? options.secretsManagerPrefixes : options.ssmPrefixes
        return prefixes.filter { path.hasPrefix($0.value) }.max { $0.value.count < $1.value.count }?.key
    }

    /// Every environment a store path lies in, with the concrete path: one for a plain path
    /// (the longest prefix), one per environment whose prefix fits a path with run-time `*`
    /// segments (a bootstrap script that takes the environment as an argument).
    func environments(ofStorePath path: String, store: Declaration.Store?) -> [(env: String, path: String)] {
        guard path.contains("*") else { return environment(ofStorePath: path, store: store).map { [($0, path)] } ?? [] }
        let prefixes = store == .secretsManager ? options.secretsManagerPrefixes : options.ssmPrefixes
        return prefixes.sorted { $0.key < $1.key }.compactMap { env, prefix in Declaration.path(path, under: prefix).map { (env, $0) } }
    }

    /// The platform that sets this variable for the code it runs (GitHub Actions' `GITHUB_SHA`).
    func platformProviding(_ name: String) -> PlatformVariableRule? {
        options.platformVariables.first { $0.provides(name) }
    }

    func isListed(_ env: String) -> Bool {
        stores.listings.contains { $0.environment == env && $0.complete }
    }

    static let contractKinds = Declaration.contractKinds
    static let bootstrapKinds: Set<Declaration.Kind> = [.bootstrapParameter, .bootstrapGitHubSecret, .bootstrapVault, .bootstrapPlatformSecret]
}

extension SecretRecord {
    /// Where code reads it: up to three places outside tests, then the rest folded ("and 2 more",
    /// "and 12 tests"); only tests when nothing else reads it.
    var readerText: String {
        if readers.isEmpty {
            let tools = toolReadText
            return tools.isEmpty ? "read by no code" : "read by no code but by a tool at " + tools.prefix(3).joined(separator: ", ")
        }
        let code = readers.filter { !$0.isTest }, tests = readers.count - code.count
        if code.isEmpty { return "read only by tests at " + readers.prefix(3).map(\.text).joined(separator: ", ") + (tests > 3 ? " and \(tests - 3) more" : "") }
        var text = "read at " + code.prefix(3).map(\.text).joined(separator: ", ") + (code.count > 3 ? " and \(code.count - 3) more" : "")
        if tests > 0 { text += " and \(tests) test\(tests == 1 ? "" : "s")" }
        return text
    }

    /// Where a tool reads it (prisma's schema, a package.json script): `repo/path:line (job)`.
    var toolReadText: [String] { declarations([.toolRead]).map { $0.place + ($0.job.map { " (\($0))" } ?? "") } }

    /// Declared by a file for the system (a tool's read is evidence of use, not a declaration).
    var isDeclared: Bool { declarations.contains { $0.kind != .toolRead } }
    func declarations(_ kinds: Set<Declaration.Kind>) -> [Declaration] { declarations.filter { kinds.contains($0.kind) } }
}

extension Declaration {
    var place: String { "\(repo)/\(path):\(line)" }
    var placeRef: SecretRecord.Place { .init(repo: repo, path: path, line: line) }
}
