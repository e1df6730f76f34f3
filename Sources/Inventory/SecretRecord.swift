import Declarations
import SourceScan
import Stores

/// One secret, joined from everything secretmap knows: the code that reads it, what the repos
/// declare, what each store holds, the literals whose fingerprint equals a stored value, and the
/// defaults hard-coded for it.
public struct SecretRecord: Codable, Sendable {
    /// Defined where the rules that assign it are decoded (SourceScan).
    public typealias SecretClass = SourceScan.SecretClass

    public enum Presence: String, Codable, Sendable { case present, missing, unknown }

    public struct Place: Codable, Hashable, Sendable {
        public var repo: String
        public var path: String
        public var line: Int
        /// A reader in a test file (rules/tests.yaml); absent otherwise.
        public var test: Bool?
        /// What reads it when not the code by name: a library (`sdk @upstash/qstash`), a tool
        /// (`tool prisma`, `tool shell script`), an env object (`env (src/env.mjs:4)`).
        public var via: String?
        /// A reader in a published npm package (a CLI, a build extension): runs on its users'
        /// machines, which set the variable. Absent otherwise.
        public var published: Bool?
        public var text: String { "\(repo)/\(path):\(line)" }
        public var isTest: Bool { test == true }

        public init(repo: String, path: String, line: Int, test: Bool? = nil, via: String? = nil, published: Bool? = nil) {
            self.repo = repo; self.path = path; self.line = line; self.test = test; self.via = via; self.published = published
        }

        /// Whether this read asks our deployment to provide the variable: not a test's read, not a
        /// published package's (its users set it), not a library's or a tool's implied read (they
        /// show where the secret is used; the library may get it another way) — docs/drift.md.
        public var asksForDeclaration: Bool { !isTest && published != true && !isImplied }

        /// Read by a library or a tool that takes the variable itself (`sdk …`, `tool …`), or by a
        /// name convention (`convention NAME_FILE`): the variable is one way in, not a demand.
        public var isImplied: Bool {
            via.map { $0.hasPrefix("sdk ") || $0.hasPrefix("tool ") || $0.hasPrefix("convention ") } ?? false
        }
    }

    /// A store entry joined to this secret.
    public struct StoreEntry: Codable, Hashable, Sendable {
        public var kind: StoreKind
        public var location: String
        public var environment: String?
        public var path: String
        /// The key inside a JSON secret (Secrets Manager, Vault), when the join went through one.
        public var key: String?
        public var lastModified: String?
        public var fingerprint: String?
        public var hint: String?
        public var valueRule: String?
        public var valueIsTest: Bool?
        public var valueIsPublic: Bool?
        public var valueShape: ValueShape?
    }

    public var name: String
    /// Other names for the same value: a task definition's `valueFrom` leaf, a workflow's env
    /// variable, a schema's runtime variable.
    public var aliases: [String] = []
    public var secretClass: SecretClass
    /// What decided the class (see `ClassDecision`).
    public var classEvidence: ClassEvidence
    public var issuer: String?
    public var owner: String
    /// The code that reads it: readers in test files last (each group in scan order).
    public var readers: [Place] = []
    public var declarations: [Declaration] = []
    public var stores: [StoreEntry] = []
    public var literals: [Literal] = []
    /// The hard-coded defaults of this name (`${NAME:-…}` in compose or a script, `ENV NAME=…`,
    /// `process.env.NAME || "…"`), whether or not a store holds the same value: each with its
    /// place, fingerprint, hint and placeholder mark. One a store holds is also in `literals`.
    public var defaults: [Literal] = []
    public var tenants: TenantSecretSummary?
    /// Per configured environment.
    public var presence: [String: Presence] = [:]

    /// Every name this record answers to.
    public var allNames: [String] { [name] + aliases }

    /// The readers that consume the value: all but the line of an env schema or settings class
    /// that defines it. An env object's module names each variable where its schema does, and
    /// that line is the definition, not code that breaks when the value changes: a name read
    /// only there is declared and unused (trigger.dev's SLACK_BOT_TOKEN), not read.
    public var consumers: [Place] {
        let definitions = Set(declarations.filter { $0.kind == .envSchema || $0.kind == .settingsField }.map { "\($0.repo)/\($0.path):\($0.line)" })
        guard !definitions.isEmpty else { return readers }
        return readers.filter { !definitions.contains($0.text) }
    }
}

/// The joined model: one record per secret, and what could not be read.
public struct Inventory: Codable, Sendable {
    public var records: [SecretRecord]
    public var environments: [String]
    /// Store listings that could not be completed: their stores' presence is "unknown".
    public var incompleteStores: [String]
    /// When the store listing was taken: ages are measured from here.
    public var asOf: String
    public var fingerprintKeyId: String
    /// Script declarations of store entries that are not variables (a Secrets Manager secret a
    /// script creates): needed to tell what a bootstrap script provisions.
    public var bootstrapBundles: [Declaration] = []
    /// Literals git history holds and the tree does not (`scan --history`, `history: true`);
    /// nil when history was not read. `stored-value-in-history` joins them with the stores.
    public var history: [HistoryLiteral]? = nil

    public func record(_ name: String) -> SecretRecord? { records.first { $0.allNames.contains(name) } }
}
