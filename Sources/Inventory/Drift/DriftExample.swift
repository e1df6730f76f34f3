import Declarations
import SourceScan
import Stores

/// A small made-up system a drift rule is tried on: code that reads names, files that declare
/// them, stores that hold them. `expected` is what the rule must report on it, as
/// `Severity NAME environment` lines (`-` for none); an empty list is a non-triggering example,
/// where the rule must stay quiet. Places are written `repo/path:line`.
public struct DriftExample: Sendable {
    public var readers: [Reader] = []
    public var literals: [Literal] = []
    /// Hard-coded defaults the declarations found (compose, scripts, Dockerfiles).
    public var defaults: [Literal] = []
    /// Literals of git history no longer in the tree (`scan --history`).
    public var history: [HistoryLiteral]? = nil
    public var declarations: [Declaration] = []
    public var listings: [StoreListing] = []
    public var environments = ["production", "staging"]
    /// The rule's thresholds and prefixes for this example (SSM `/p/` is production, `/s/` staging).
    public var options = DriftExample.defaultOptions
    public var takenAt = "2026-11-27T00:00:00Z"
    public var expected: [String]

    public init(expected: [String], _ build: (inout DriftExample) -> Void = { _ in }) {
        self.expected = expected
        build(&self)
    }

    public static let defaultOptions: DriftRules.Options = {
        var o = DriftRules.Options()
        o.ssmPrefixes = ["production": "/p/", "staging": "/s/"]
        o.secretsManagerPrefixes = ["production": "p/"]
        o.githubRepos = ["acme/web"]
        o.platformVariables = rules.platformVariables
        return o
    }()

    /// Every finding of every rule on this system, as the pipeline would make them.
    public func findings() -> [DriftFinding] {
        var scan = ScanResult()
        scan.readers = readers
        scan.literals = literals
        scan.history = history
        var declared = DeclarationResult()
        declared.declarations = declarations
        declared.defaults = defaults
        let snapshot = StoreSnapshot(takenAt: takenAt, keyId: "k", listings: listings)
        let inventory = InventoryBuilder(rules: Self.rules, environments: environments) { $0.hasPrefix("STRIPE_") ? "payments" : nil }
            .build(scan: scan, declared: declared, stores: snapshot)
        return DriftRules(options: options).evaluate(inventory, stores: snapshot)
    }

    /// The findings of one rule, as `expected` writes them.
    public func lines(of rule: DriftRuleID) -> [String] {
        findings().filter { $0.rule == rule }.map { "\($0.severity.rawValue) \($0.name) \($0.environment ?? "-")" }
    }

    static let rules = try! RuleSet.builtIn()

    // MARK: - Building blocks

    /// `test`: the reader is in a test file (the scan decides that from rules/tests.yaml).
    public static func read(_ name: String, _ at: String = "web/src/a.ts:1", test: Bool = false) -> Reader {
        let (repo, path, line) = place(at)
        return Reader(name: name, repo: repo, path: path, line: line, column: 1, language: "typescript", rule: "example", test: test)
    }

    public static func declare(_ name: String, _ kind: Declaration.Kind, _ at: String,
                               _ configure: (inout Declaration) -> Void = { _ in }) -> Declaration {
        let (repo, path, line) = place(at)
        var d = Declaration(name: name, kind: kind, repo: repo, path: path, line: line)
        configure(&d)
        return d
    }

    /// A task-definition secret read from SSM at `path`.
    public static func contract(_ name: String, _ path: String, _ at: String = "web/taskdef.json:4") -> Declaration {
        declare(name, .taskDefinitionSecret, at) { $0.store = .ssm; $0.storePath = path }
    }

    /// An SSM listing of `entries` (name, fingerprint) under `prefix`.
    public static func ssm(_ environment: String, _ prefix: String, _ entries: [(String, String?)],
                           modified: String = "2026-11-01T00:00:00Z", complete: Bool = true) -> StoreListing {
        var l = StoreListing(kind: .ssm, location: prefix, environment: environment, complete: complete,
                             problem: complete ? nil : "access denied")
        l.secrets = entries.map { name, fingerprint in
            var s = StoredSecret(name: name, path: prefix + name)
            s.lastModified = modified
            s.fingerprint = fingerprint
            return s
        }
        return l
    }

    /// A platform's listing (Vercel, Fly.io, Kubernetes…) of `names` at `location` for `environment`.
    public static func platform(_ kind: StoreKind, _ environment: String, _ location: String, _ names: [String],
                                complete: Bool = true) -> StoreListing {
        var l = StoreListing(kind: kind, location: location, environment: environment, complete: complete,
                             problem: complete ? nil : "access denied")
        l.secrets = names.map { StoredSecret(name: $0, path: location + "/" + $0) }
        return l
    }

    public static func github(_ location: String, environment: String? = nil, _ names: [String]) -> StoreListing {
        var l = StoreListing(kind: .github, location: location, environment: environment)
        l.secrets = names.map { StoredSecret(name: $0, path: location + "/" + $0) }
        return l
    }

    public static func literal(_ at: String, fingerprint: String) -> Literal {
        let (repo, path, line) = place(at)
        return Literal(repo: repo, path: path, line: line, column: 5, length: 40, context: "constructor-default", target: "token",
                       fingerprint: fingerprint, hint: "abc…yz", issuer: nil, entropy: 4.5, secretLike: true, language: "javascript")
    }

    /// A literal of git history at `at`, brought by `commit` on `date` and removed by `removedIn`.
    public static func historyLiteral(_ at: String, fingerprint: String, commit: String = "1111111aaaaaaa",
                                      date: String = "2024-03-01T09:00:00Z", removedIn: String? = "2222222bbbbbbb",
                                      removedDate: String? = "2024-06-01T09:00:00Z") -> HistoryLiteral {
        let (repo, path, line) = place(at)
        return HistoryLiteral(repo: repo, fingerprint: fingerprint, hint: "abc…yz", context: "constructor-default", target: "token",
                              length: 40, language: "javascript", commit: commit, date: date, path: path, line: line,
                              removedIn: removedIn, removedDate: removedDate)
    }

    /// The hard-coded default of `name` at `at` (a compose `${NAME:-…}` unless `context` says otherwise).
    public static func environmentDefault(_ name: String, _ at: String, fingerprint: String, placeholder: Bool = false,
                                          context: LiteralContext = .composeDefault) -> Literal {
        let (repo, path, line) = place(at)
        return Literal(repo: repo, path: path, line: line, column: 9, length: placeholder ? 8 : 40, context: context.rawValue, target: name,
                       fingerprint: fingerprint, hint: placeholder ? "cha…me" : "abc…yz", issuer: nil, entropy: placeholder ? 2.75 : 4.5,
                       secretLike: !placeholder, language: context == .dockerfileEnv ? "dockerfile" : "compose", placeholder: placeholder)
    }

    static func place(_ s: String) -> (String, String, Int) {
        let parts = s.split(separator: "/", maxSplits: 1).map(String.init)
        let pathLine = parts[1].split(separator: ":").map(String.init)
        return (parts[0], pathLine[0], Int(pathLine[1])!)
    }
}
