import Foundation
import PCRE

/// A reader rule ready to run: patterns compiled, keywords as bytes. Rules are classes so the
/// hot loops share them instead of copying (and retaining) every field per file.
public final class ReaderRule: Sendable {
    public let id: String
    public let description: String
    public let families: Set<Language.Family>
    public let keywords: [[UInt8]]
    public let regex: Regex
    public let requires: Regex?
    /// Group number of `name`, of `list` (a destructuring list, split into names) or of `map`.
    public let nameGroup: Int
    public let shape: Shape
    public var isList: Bool { shape == .list }
    /// For a pattern that starts with a brace list, `\{(?<list>[^{}]*)\}…` (destructuring):
    /// the pattern from its `}` on, searched for instead (see `ReaderDetector.firstMatch`), and
    /// the whole pattern compiled anchored, to confirm at the list's `{`.
    let bracedList: (tail: Regex, anchored: Regex)?
    static let bracedListPrefix = #"\{(?<list>[^{}]*)\}"#

    /// What the rule's group holds: one name, a destructuring list of names, or the identifier of
    /// a constant map whose string values are the names; or no group, and the match reads the
    /// rule's fixed `reads` names (a library reading its own variables).
    public enum Shape: Sendable, Equatable { case name, list, map, fixed([String]) }
    /// What reads the names of a `fixed` rule (`sdk @upstash/qstash`), shown on its readers.
    public var via: String? { spec.via }
    let spec: ReaderRuleSpec
    /// Where a call takes the variable's default (`os.getenv("X", "v")`): see `ReaderRuleSpec`.
    let defaultArgument: Int?
    let defaultKeyword: String?
    /// The default's position per called function, where the rule's functions differ.
    let defaultArguments: [String: Int]
    var takesDefaultArgument: Bool { defaultArgument != nil || defaultKeyword != nil || !defaultArguments.isEmpty }

    init(id: String, description: String, families: Set<Language.Family>, keywords: [[UInt8]], regex: Regex,
         requires: Regex?, nameGroup: Int, shape: Shape, bracedList: (tail: Regex, anchored: Regex)?, spec: ReaderRuleSpec) {
        self.id = id; self.description = description; self.families = families; self.keywords = keywords
        self.regex = regex; self.requires = requires; self.nameGroup = nameGroup; self.shape = shape
        self.bracedList = bracedList; self.spec = spec
        defaultArgument = spec.defaultArgument; defaultKeyword = spec.defaultKeyword
        defaultArguments = spec.defaultArguments ?? [:]
    }
}

public final class IssuerRule: Sendable {
    public let id: String
    public let issuer: String
    public let isPublic: Bool
    public let regex: Regex
    /// Matches the test-mode values among this issuer's (nil: the issuer has no test mode).
    public let testRegex: Regex?
    let spec: IssuerRuleSpec

    init(id: String, issuer: String, isPublic: Bool, regex: Regex, testRegex: Regex?, spec: IssuerRuleSpec) {
        self.id = id; self.issuer = issuer; self.isPublic = isPublic; self.regex = regex; self.testRegex = testRegex; self.spec = spec
    }
}

/// A name pattern that tells a secret's class and/or issuer (`^STRIPE_` → Stripe, platform).
public final class NameRule: Sendable {
    public let id: String
    public let regex: Regex
    public let secretClass: SecretClass?
    public let issuer: String?
    /// A catch-all (`fallback: true`): weaker than any other evidence of the class.
    public var isFallback: Bool { spec.fallback == true }
    let spec: NameRuleSpec

    init(id: String, regex: Regex, secretClass: SecretClass?, issuer: String?, spec: NameRuleSpec) {
        self.id = id; self.regex = regex; self.secretClass = secretClass; self.issuer = issuer; self.spec = spec
    }
}

public final class NotSecretRule: Sendable {
    public let id: String
    public let regex: Regex
    /// Over the name the literal is assigned to: when set, the rule applies only to literals
    /// whose target matches (a hex digest is a hash under `commitSha`, a key under `token`).
    public let targetRegex: Regex?
    let spec: NotSecretRuleSpec

    init(id: String, regex: Regex, targetRegex: Regex? = nil, spec: NotSecretRuleSpec) {
        self.id = id; self.regex = regex; self.targetRegex = targetRegex; self.spec = spec
    }

    /// Whether the rule applies to a literal assigned to `target` (always, without a target pattern).
    func applies(toTarget target: String?, _ scratch: MatchScratch) -> Bool {
        guard let targetRegex else { return true }
        guard var target else { return false }
        return target.withUTF8 { LiteralClassifier.matches(targetRegex, $0, scratch) }
    }
}

/// Which files are tests (rules/tests.yaml), for one or more language families.
public final class TestPathRule: Sendable {
    public let id: String
    public let families: Set<Language.Family>
    public let regex: Regex
    let spec: TestPathRuleSpec

    /// The rule's `words` as bytes: a path with none of them is not matched (empty: no test).
    let words: [[UInt8]]
    /// `families` as an array: asked for every file with readers, where hashing into the set
    /// cost more than the answer.
    let familyList: [Language.Family]

    init(id: String, families: Set<Language.Family>, regex: Regex, spec: TestPathRuleSpec) {
        self.id = id; self.families = families; self.regex = regex; self.spec = spec
        words = (spec.words ?? []).filter { !$0.isEmpty }.map { Array($0.utf8) }
        familyList = Array(families)
    }

    func matches(_ path: String, _ scratch: MatchScratch) -> Bool {
        var path = path
        return path.withUTF8 { b in
            (words.isEmpty || words.contains { Self.contains(b, $0) }) && LiteralClassifier.matches(regex, b, scratch)
        }
    }

    /// Whether `word` occurs in `bytes` (a path: a few dozen bytes, searched in place).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard bytes.count >= word.count, let first = word.first else { return false }
        return word.withUnsafeBufferPointer { w in
            var i = 0
            let last = bytes.count - w.count
            while i <= last {
                if bytes[i] == first {
                    var k = 1
                    while k < w.count && bytes[i + k] == w[k] { k += 1 }
                    if k == w.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}

/// A literal shape that is secret-like whatever its entropy (a URL carrying a password).
public final class SecretLikeRule: Sendable {
    public let id: String
    public let regex: Regex
    let spec: SecretLikeRuleSpec

    init(id: String, regex: Regex, spec: SecretLikeRuleSpec) { self.id = id; self.regex = regex; self.spec = spec }
}

/// Every rule the scan uses: the built-in defaults (compiled into the binary from `rules/`)
/// plus any `--rules DIR` the user adds. A user rule with the id of a built-in one replaces it.
public struct RuleSet: Sendable {
    public private(set) var readers: [ReaderRule] = []
    public private(set) var issuers: [IssuerRule] = []
    public private(set) var names: [NameRule] = []
    /// Rotation facts per issuer, for runbooks.
    public private(set) var facts: [String: IssuerFacts] = [:]
    public private(set) var secretLike: [SecretLikeRule] = []
    public private(set) var notSecret: [NotSecretRule] = []
    /// Obvious placeholder values (rules/literals.yaml `placeholders:`), see `isPlaceholder`.
    public private(set) var placeholders: [PlaceholderRule] = []
    /// Variables a platform sets for the code it runs (rules/platforms.yaml), in file order.
    public private(set) var platformVariables: [PlatformVariableRule] = []
    public private(set) var testPaths: [TestPathRule] = []
    public private(set) var minLength = 20
    public private(set) var minEntropy = 3.0

    public init() {}

    /// The rules shipped with secretmap: rules/*.yaml as Swift values (scripts/embed-rules), so
    /// no command decodes YAML for them at start-up; only their patterns are compiled.
    public static func builtIn() throws -> RuleSet {
        var set = RuleSet()
        for file in DefaultRules.files {
            try set.add(file.content, fileName: "rules/" + file.name)
        }
        return set
    }

    /// Adds every `*.yaml` / `*.yml` file of a directory (read through the gate). Each rule a
    /// file adds must carry `match` and `no-match` examples that pass (`exampleFailures`):
    /// otherwise the file is refused, naming the rule and the example.
    public mutating func addDirectory(_ path: String) throws {
        try addFiles(in: path) { set, file, ids in
            let failures = set.exampleFailures(of: ids)
            if let first = failures.first {
                let more = failures.count > 1 ? " (and \(failures.count - 1) more; `secretmap rules test \(path)` lists them)" : ""
                throw RuleError.invalidPattern(file: file, rule: first.rule, first.problem + more)
            }
        }
    }

    /// Adds every rule file of a directory, in name order, without checking examples (for
    /// `rules test`, which lists every failure instead of stopping at the first); `added` is
    /// called after each file with the ids it added. Returns the ids of every rule added.
    @discardableResult
    public mutating func addFiles(in path: String, _ added: (RuleSet, String, Set<String>) throws -> Void = { _, _, _ in }) throws -> Set<String> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw RuleError.unreadableDirectory(path)
        }
        var all = Set<String>()
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let file = (path as NSString).appendingPathComponent(name)
            let text: String
            switch FileGate.readText(file, maxSize: 4 * 1024 * 1024) {
            case .success(let t): text = t
            case .failure(let refusal): throw RuleError.invalidFile(file, "cannot read the file: \(refusal.phrase)")
            }
            let ids = try add(yaml: text, fileName: file)
            try added(self, file, ids)
            all.formUnion(ids)
        }
        return all
    }

    /// Adds the rules of one file; returns the ids of the rules it added or replaced.
    @discardableResult
    public mutating func add(yaml text: String, fileName: String) throws -> Set<String> {
        try add(RuleFileContent.decode(text, fileName: fileName), fileName: fileName)
    }

    /// Adds the rules of one decoded file (a user's, or a built-in one); `fileName` names it in errors.
    @discardableResult
    mutating func add(_ content: RuleFileContent, fileName: String) throws -> Set<String> {
        var added = Set<String>()
        func compile(_ rule: String, _ pattern: String, _ options: Regex.Options = []) throws -> Regex {
            do { return try Regex(pattern, options: options) } catch {
                throw RuleError.invalidPattern(file: fileName, rule: rule, error.description)
            }
        }
        switch content {
        case .readers(let file):
            for spec in file.readers {
                let regex = try compile(spec.id, spec.expandedPattern)
                let requires = try spec.requires.map { try compile(spec.id, $0, [.multiline]) }
                let shapes: [(String, ReaderRule.Shape)] = [("name", .name), ("list", .list), ("map", .map)]
                let found = shapes.lazy.compactMap({ n, s in regex.groupNumber(named: n).map { ($0, s) } }).first
                if spec.reads != nil, found != nil {
                    throw RuleError.invalidPattern(file: fileName, rule: spec.id, "a rule with `reads` names its variables there, not in a group")
                }
                if let reads = spec.reads, reads.isEmpty || spec.via == nil {
                    throw RuleError.invalidPattern(file: fileName, rule: spec.id, "`reads` needs at least one name and a `via` (what reads them)")
                }
                guard let (group, shape) = found ?? spec.reads.map({ (0, ReaderRule.Shape.fixed($0)) }) else {
                    throw RuleError.invalidPattern(file: fileName, rule: spec.id, "the pattern needs a group (?<name>…), (?<list>…) or (?<map>…), or the rule a `reads` list")
                }
                guard !spec.keywords.isEmpty else {
                    throw RuleError.invalidPattern(file: fileName, rule: spec.id, "give at least one keyword (a fixed string every match contains)")
                }
                let pattern = spec.expandedPattern
                let bracedList = try pattern.hasPrefix(ReaderRule.bracedListPrefix) && shape == .list
                    ? (tail: compile(spec.id, "\\}" + pattern.dropFirst(ReaderRule.bracedListPrefix.count)),
                       anchored: compile(spec.id, pattern, [.anchored]))
                    : nil
                let rule = ReaderRule(id: spec.id, description: spec.description, families: Set(spec.languages),
                                      keywords: spec.keywords.map { Array($0.utf8) }, regex: regex, requires: requires,
                                      nameGroup: group, shape: shape, bracedList: bracedList, spec: spec)
                readers.removeAll { $0.id == spec.id }
                readers.append(rule)
                added.insert(rule.id)
            }
        case .issuers(let file):
            for spec in file.issuers {
                let rule = IssuerRule(id: spec.id, issuer: spec.issuer, isPublic: spec.public ?? false,
                                      regex: try compile(spec.id, spec.pattern),
                                      testRegex: try spec.testPattern.map { try compile(spec.id, $0) }, spec: spec)
                issuers.removeAll { $0.id == spec.id }
                issuers.append(rule)
                added.insert(rule.id)
            }
            for f in file.facts ?? [] { facts[f.issuer] = f }
            for spec in file.names ?? [] {
                // per-tenant comes from the tenants' table, never from a name.
                let named = spec.class.map { SecretClass(rawValue: $0) }
                guard named != .some(nil), named != .some(.perTenant) else {
                    let classes = SecretClass.allCases.filter { $0 != .perTenant }.map(\.rawValue).sorted()
                    throw RuleError.invalidPattern(file: fileName, rule: spec.id, "class must be one of \(classes.joined(separator: ", "))")
                }
                let rule = NameRule(id: spec.id, regex: try compile(spec.id, spec.pattern), secretClass: named ?? nil,
                                    issuer: spec.issuer, spec: spec)
                names.removeAll { $0.id == spec.id }
                names.append(rule)
                added.insert(rule.id)
            }
        case .literals(let file):
            minLength = file.minLength
            minEntropy = file.minEntropy
            for spec in file.secretLike ?? [] {
                let rule = SecretLikeRule(id: spec.id, regex: try compile(spec.id, spec.pattern), spec: spec)
                secretLike.removeAll { $0.id == spec.id }
                secretLike.append(rule)
                added.insert(rule.id)
            }
            for spec in file.notSecret {
                let rule = NotSecretRule(id: spec.id, regex: try compile(spec.id, spec.pattern),
                                         targetRegex: try spec.target.map { try compile(spec.id, $0) }, spec: spec)
                notSecret.removeAll { $0.id == spec.id }
                notSecret.append(rule)
                added.insert(rule.id)
            }
            for spec in file.placeholders ?? [] {
                let rule = PlaceholderRule(id: spec.id, regex: try compile(spec.id, spec.pattern), spec: spec)
                placeholders.removeAll { $0.id == spec.id }
                placeholders.append(rule)
                added.insert(rule.id)
            }
        case .platforms(let file):
            for spec in file.platformVariables {
                platformVariables.removeAll { $0.id == spec.id }
                platformVariables.append(PlatformVariableRule(spec))
                added.insert(spec.id)
            }
        case .testPaths(let file):
            for spec in file.testPaths {
                let rule = TestPathRule(id: spec.id, families: Set(spec.languages), regex: try compile(spec.id, spec.pattern), spec: spec)
                testPaths.removeAll { $0.id == spec.id }
                testPaths.append(rule)
                added.insert(rule.id)
            }
        }
        return added
    }

    /// Whether a file of this family at this root-relative path is a test, by `testPaths`.
    /// Asked once per file that has readers, never per token.
    func isTest(_ path: String, _ family: Language.Family, _ scratch: MatchScratch) -> Bool {
        testPaths.contains { $0.familyList.contains(family) && $0.matches(path, scratch) }
    }

    /// Overrides the minimum literal length (`--min-length`).
    public mutating func setMinLength(_ n: Int) { minLength = n }
}
