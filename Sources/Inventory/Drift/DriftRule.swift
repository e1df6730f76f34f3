/// A drift rule is one value: what it is called and says (its description, from which
/// docs/drift.md's table, `drift --help` and SARIF's `rules[]` are made), the small made-up systems
/// it must and must not report on (its examples, which one generic test runs for every rule), and
/// the check itself. Adding a rule is one file under Drift/Rules/ and, in this file, its id in
/// `DriftRuleID` and its type in `DriftRules.all`, whose order decides which rule reports a
/// missing secret first (a test fails while the two lists disagree).
protocol DriftRule: SendableMetatype {
    static var description: DriftRuleDescription { get }
    static var examples: [DriftExample] { get }
    static func run(_ context: inout DriftContext)
}

extension DriftRules {
    /// Every rule, in the order they run: the order decides which rule reports a missing secret.
    static let all: [any DriftRule.Type] = [
        ContractMissing.self, StoredUnused.self, ParityMissing.self, StoreMissing.self, EnvExampleMissing.self, EnvExampleAbsent.self,
        EnvExampleUnlisted.self, BootstrapMissing.self, WorkflowSecretMissing.self, GitHubSecretUnreferenced.self, ReadUndeclared.self,
        DeclaredUnread.self, LiteralEqualsStored.self, StoredValueInHistory.self, ValueMismatch.self, ValueSharedWithProduction.self,
        TestKeyInProduction.self, LiveKeyInCI.self, SecretInPublicVariable.self, ValueReused.self, Stale.self,
        IssuerRotationUnknown.self, TenantSecretsStale.self,
    ]
}

/// Every rule's stable id: what findings, baselines and SARIF call it.
public enum DriftRuleID: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case contractMissing = "contract-missing"
    case storedUnused = "stored-unused"
    case parityMissing = "parity-missing"
    case storeMissing = "store-missing"
    case envExampleMissing = "env-example-missing"
    case envExampleAbsent = "env-example-absent"
    case envExampleUnlisted = "env-example-unlisted"
    case bootstrapMissing = "bootstrap-missing"
    case workflowSecretMissing = "workflow-secret-missing"
    case githubSecretUnreferenced = "github-secret-unreferenced"
    case readUndeclared = "read-undeclared"
    case declaredUnread = "declared-unread"
    case literalEqualsStored = "literal-equals-stored"
    case storedValueInHistory = "stored-value-in-history"
    case valueMismatch = "value-mismatch"
    case valueSharedWithProduction = "value-shared-with-production"
    case valueReused = "value-reused"
    case testKeyInProduction = "test-key-in-production"
    case liveKeyInCI = "live-key-in-ci"
    case secretInPublicVariable = "secret-in-public-variable"
    case stale = "stale"
    case issuerRotationUnknown = "issuer-rotation-unknown"
    case tenantSecretsStale = "tenant-secrets-stale"

    public var description: String { rawValue }
}

/// What a rule is, for people and tools.
public struct DriftRuleDescription: Sendable {
    /// A rule's severity: one, or one that depends on the evidence (said in words).
    public enum Severity: Sendable {
        case fixed(DriftFinding.Severity)
        case depends(on: String, highest: DriftFinding.Severity)

        /// What the docs' table says.
        public var text: String {
            switch self {
            case .fixed(let s): return s.rawValue
            case .depends(let text, _): return text
            }
        }

        /// The level SARIF's `defaultConfiguration` carries: the highest it can be.
        public var highest: DriftFinding.Severity {
            switch self {
            case .fixed(let s): return s
            case .depends(_, let s): return s
            }
        }
    }

    public var id: DriftRuleID
    public var severity: Severity
    /// A few words: SARIF's short description, the `drift --help` list.
    public var title: String
    /// When it fires, in one sentence (Markdown): docs/drift.md's table and SARIF's full description.
    public var when: String
    /// What to do about a finding, in general (each finding says it for its own secret).
    public var fix: String
    /// The anchor of its row in docs/drift.md (SARIF's helpUri points there).
    public var anchor: String { id.rawValue }
}

extension DriftRules {
    /// One line per rule for `drift --help`: its id and title, in run order.
    public static var helpList: String {
        descriptions.map { "  " + $0.id.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0) + $0.title }.joined(separator: "\n")
    }

    /// docs/drift.md's table, made from the descriptions (a test keeps the file equal to it).
    public static var markdownTable: String {
        var rows = ["| rule | severity | when |", "|---|---|---|"]
        for d in descriptions {
            rows.append("| <a id=\"\(d.anchor)\"></a>`\(d.id)` | \(d.severity.text) | \(d.when) |")
        }
        return rows.joined(separator: "\n")
    }
}
