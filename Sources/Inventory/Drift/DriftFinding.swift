/// One drift finding: a stable id for machines, a number D1…Dn for people (by severity, then
/// name), a severity, the owner from the config, the evidence and a one-line fix.
public struct DriftFinding: Codable, Hashable, Sendable {
    public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
        case high = "High", medium = "Medium", low = "Low"
        var rank: Int { self == .high ? 0 : self == .medium ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// `rule:NAME[:environment]`: stays the same from day to day, so a baseline can accept it.
    public var id: String
    public var rule: DriftRuleID
    public var severity: Severity
    public var name: String
    public var environment: String?
    public var owner: String
    public var summary: String
    public var evidence: [String]
    public var fix: String
    /// Where to point an annotation: the first code or declaration place (repo, path, line).
    public var location: SecretRecord.Place?
    /// D1…Dn, after sorting.
    public var number: Int = 0

    init(rule: DriftRuleID, severity: Severity, record: SecretRecord, environment: String? = nil, summary: String,
         evidence: [String], fix: String, location: SecretRecord.Place? = nil) {
        self.rule = rule; self.severity = severity; self.name = record.name; self.environment = environment
        self.owner = record.owner; self.summary = summary; self.evidence = evidence; self.fix = fix
        self.location = location ?? record.readers.first ?? record.declarations.first.map { .init(repo: $0.repo, path: $0.path, line: $0.line) }
        id = [rule.rawValue, record.name, environment].compactMap { $0 }.joined(separator: ":")
    }
}
