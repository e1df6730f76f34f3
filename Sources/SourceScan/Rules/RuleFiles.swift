import Foundation
import Yams

/// The YAML shapes of `rules/*.yaml`. Every rule carries examples (`match` / `no-match`) that the
/// test suite runs through the real detectors, so a rule cannot silently stop working.
/// A user's files (`--rules DIR`) are decoded into these types from YAML; the built-in ones are
/// built as values by DefaultRules.swift, which scripts/embed-rules writes with these types'
/// memberwise initializers: a field added, renamed or reordered here is changed there too.

/// rules/readers.yaml
struct ReaderRulesFile: Codable, Equatable {
    var readers: [ReaderRuleSpec]
}

struct ReaderRuleSpec: Codable, Equatable {
    var id: String
    var description: String
    /// Language families the rule applies to: javascript, python, swift.
    var languages: [Language.Family]
    /// At least one must occur in a file before the pattern runs (the gitleaks prefilter).
    var keywords: [String]
    /// PCRE2 pattern with a group `name` (one variable), `list` (a destructuring list) or `map`
    /// (a constant map whose string values are the variables: `env(FLAG_MAP[provider])`).
    /// `{functions}` stands for the alternation of `functions`.
    var pattern: String
    /// A project's own wrapper functions (`env`, `requireEnv`, `env.str`…): edit the list, not the pattern.
    var functions: [String]?
    /// Another pattern that must occur in the file's code (e.g. `from os import getenv`).
    var requires: String?
    /// A library that reads its own variables (an SDK's default client, `dj_database_url.config()`):
    /// the fixed names a match reads, reported at the match's start; the pattern then needs no group.
    var reads: [String]?
    /// With `reads`: what reads them, shown on each reader (`sdk @upstash/qstash`).
    var via: String?
    /// For a call that takes the variable's default as an argument (`os.getenv("X", "v")`): its
    /// position, counting the name as 1 (`default-argument: 2`), and/or its keyword
    /// (`default-keyword: default`). A fallback operator (`||`, `??`, `or`) needs neither.
    var defaultArgument: Int?
    var defaultKeyword: String?
    /// Per function of `functions`, when they differ: the default's position (environs'
    /// `env.str("X", "v")` takes it second, django-environ's `env("X", cast, default)` third).
    var defaultArguments: [String: Int]?
    var match: [ReaderExample]
    var noMatch: [String]

    enum CodingKeys: String, CodingKey {
        case id, description, languages, keywords, pattern, functions, requires, reads, via, match
        case defaultArgument = "default-argument"
        case defaultKeyword = "default-keyword"
        case defaultArguments = "default-arguments"
        case noMatch = "no-match"
    }

    /// The pattern with `{functions}` replaced by the escaped alternation of the function names,
    /// and `{calls}` by the same names as top-level branches, each standing alone (no word
    /// character, `$` or `.` before it: not part of a longer name, not a method):
    /// `(?<={calls})\(` matches the `(` of a call. Starting a match at that `(` lets PCRE2 find
    /// candidates with a one-byte SIMD search; starting at the names (`e`, `g`, `r`, …) made it
    /// stop at a letter every few bytes.
    var expandedPattern: String {
        guard let functions, !functions.isEmpty else { return pattern }
        let escaped = functions.map { name in
            name.map { "\\^$.|?*+()[]{}".contains($0) ? "\\\($0)" : String($0) }.joined()
        }
        return pattern
            .replacingOccurrences(of: "{functions}", with: "(?:" + escaped.joined(separator: "|") + ")")
            .replacingOccurrences(of: "{calls}", with: escaped.map { "(?<![\\w$.])" + $0 }.joined(separator: "|"))
    }
}

extension ReaderRuleSpec {
    /// In an extension, so the struct keeps its memberwise initializer (DefaultRules builds the
    /// built-in rules with it).
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        description = try c.decode(String.self, forKey: .description)
        languages = try c.decode([Language.Family].self, forKey: .languages)
        functions = try c.decodeIfPresent([String].self, forKey: .functions)
        // A wrapper rule's keywords default to its functions' names followed by `(`.
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? (functions ?? []).map { $0 + "(" }
        pattern = try c.decode(String.self, forKey: .pattern)
        requires = try c.decodeIfPresent(String.self, forKey: .requires)
        reads = try c.decodeIfPresent([String].self, forKey: .reads)
        via = try c.decodeIfPresent(String.self, forKey: .via)
        defaultArgument = try c.decodeIfPresent(Int.self, forKey: .defaultArgument)
        defaultKeyword = try c.decodeIfPresent(String.self, forKey: .defaultKeyword)
        defaultArguments = try c.decodeIfPresent([String: Int].self, forKey: .defaultArguments)
        match = try c.decode([ReaderExample].self, forKey: .match)
        noMatch = try c.decode([String].self, forKey: .noMatch)
    }
}

struct ReaderExample: Codable, Equatable {
    var code: String
    var names: [String]
}

/// rules/issuers.yaml: value prefixes that identify who issued a secret.
struct IssuerRulesFile: Codable, Equatable {
    var issuers: [IssuerRuleSpec]
    /// Who issued a secret and what class it is, told from its name.
    var names: [NameRuleSpec]?
    /// How each issuer's keys rotate (from shared/reference/issuer-facts.md).
    var facts: [IssuerFacts]?
}

/// `facts:` in rules/issuers.yaml. "unknown" where the issuer's documentation did not confirm it.
public struct IssuerFacts: Codable, Sendable, Equatable {
    public var issuer: String
    public var overlap: String
    public var how: String
    public var dates: String
    public var source: String
}

/// `names:` in rules/issuers.yaml: a variable-name pattern giving the class (platform,
/// internal-minted, build-time-public, config) and/or the issuer. For each, the first rule that
/// matches and gives it wins.
struct NameRuleSpec: Codable, Equatable {
    var id: String
    var pattern: String
    var `class`: String?
    var issuer: String?
    /// A catch-all: its class is the last word, taken only when no other evidence (how the name
    /// is declared, its value's shape) says more.
    var fallback: Bool?
    var match: [String]
    var noMatch: [String]

    enum CodingKeys: String, CodingKey {
        case id, pattern, `class`, issuer, fallback, match
        case noMatch = "no-match"
    }
}

struct IssuerRuleSpec: Codable, Equatable {
    var id: String
    var issuer: String
    var description: String
    /// PCRE2 pattern over the whole value.
    var pattern: String
    /// Publishable keys (Stripe `pk_`) identify the issuer but are not secret.
    var `public`: Bool?
    /// Values that are test-mode keys (Stripe `sk_test_`): fine in CI, wrong in production.
    var testPattern: String?
    var source: String?
    var match: [String]
    var noMatch: [String]

    enum CodingKeys: String, CodingKey {
        case id, issuer, description, pattern, `public`, source, match
        case testPattern = "test-pattern"
        case noMatch = "no-match"
    }
}

/// rules/literals.yaml: when a long constructor literal counts as secret-like.
struct LiteralRulesFile: Codable, Equatable {
    var minLength: Int
    var minEntropy: Double
    /// Shapes that are secret-like whatever their entropy, checked before `notSecret` (a URL
    /// with a password in it is a URL, and a secret).
    var secretLike: [SecretLikeRuleSpec]?
    var notSecret: [NotSecretRuleSpec]
    /// Whole values that are obvious placeholders (`changeme`, `xxx`, a localhost URL): a
    /// hard-coded default matching one is marked a placeholder, never a secret.
    var placeholders: [PlaceholderRuleSpec]?

    enum CodingKeys: String, CodingKey {
        case minLength = "min-length"
        case minEntropy = "min-entropy"
        case secretLike = "secret-like"
        case notSecret = "not-secret"
        case placeholders
    }
}

/// `secret-like:` rules have the shape of `not-secret:` ones, with the opposite verdict.
typealias SecretLikeRuleSpec = NotSecretRuleSpec
/// `placeholders:` rules too (a `target` is not used: a placeholder is one whatever its name).
typealias PlaceholderRuleSpec = NotSecretRuleSpec

struct NotSecretRuleSpec: Codable, Equatable {
    var id: String
    var description: String
    var pattern: String
    var match: [String]
    var noMatch: [String]
    /// A pattern over the name the literal is assigned to (parameter, property, field): the rule
    /// applies only when it matches. A value's shape alone cannot tell a git SHA or a content
    /// hash from a hex key; `commitSha = "…"` can. With `target-match` / `target-no-match` names.
    var target: String?
    var targetMatch: [String]?
    var targetNoMatch: [String]?
    /// Placeholders only: a value with an issuer's shape is not judged by this rule (`sk_test_…`
    /// holds the issuer's own word "test"; its `xxxxx` filler still makes it one).
    var issuerFirst: Bool?

    enum CodingKeys: String, CodingKey {
        case id, description, pattern, match, target
        case issuerFirst = "issuer-first"
        case noMatch = "no-match"
        case targetMatch = "target-match"
        case targetNoMatch = "target-no-match"
    }
}

/// rules/tests.yaml: which files are tests, by the path conventions of each language. A reader in
/// a test file is marked `test` (listed after the others, not enough for a secret to be needed).
struct TestPathRulesFile: Codable, Equatable {
    var testPaths: [TestPathRuleSpec]

    enum CodingKeys: String, CodingKey { case testPaths = "test-paths" }
}

struct TestPathRuleSpec: Codable, Equatable {
    var id: String
    var description: String
    var languages: [Language.Family]
    /// PCRE2 pattern over the path relative to the scanned root, `/`-separated.
    var pattern: String
    /// Optional: every path the pattern matches contains one of these (case-sensitive), so a
    /// path with none is not a test without running the pattern.
    var words: [String]?
    var match: [String]
    var noMatch: [String]

    enum CodingKeys: String, CodingKey {
        case id, description, languages, pattern, words, match
        case noMatch = "no-match"
    }
}

/// Which part of the rule set a YAML file contributes, decided by its top-level key.
enum RuleFileContent: Equatable {
    case readers(ReaderRulesFile)
    case issuers(IssuerRulesFile)
    case literals(LiteralRulesFile)
    case platforms(PlatformVariablesFile)
    case testPaths(TestPathRulesFile)

    static let resolver = Resolver.default.removing(.int).removing(.float).removing(.timestamp).removing(.value).removing(.null)
    /// These are never changed after they are made (`nonisolated(unsafe)`: Yams does not mark
    /// them Sendable).
    nonisolated(unsafe) static let constructor = Constructor.default

    /// Made once: each YAMLDecoder() asks for the default encoding (the environment) twice.
    nonisolated(unsafe) static let yamlDecoder = YAMLDecoder()

    static func decode(_ text: String, fileName: String) throws -> RuleFileContent {
        let decoder = yamlDecoder
        // Parsed once into nodes, then decoded from them: `Yams.load` to peek at the top key
        // built the whole file as Swift values first (with a regex per scalar), which was most
        // of secretmap's start-up.
        // Tags resolved only as decoding needs them: Yams tries each resolver rule, an
        // NSRegularExpression, on every scalar whose tag it looks at. Booleans (`public: true`)
        // need theirs; numbers and nulls (`~`) are read from the text whatever the tag.
        // The resolver, constructor and decoder are made once, not per file, and the encoding
        // is given: Yams's default encoding reads the whole process environment each time it is
        // asked (three times per file).
        guard let top = try Yams.compose(yaml: text, Self.resolver, Self.constructor, .utf8), let mapping = top.mapping else {
            throw RuleError.invalidFile(fileName, "expected a mapping with `readers:`, `issuers:`, `not-secret:`, `platform-variables:` or `test-paths:`")
        }
        do {
            if mapping["readers"] != nil { return .readers(try decoder.decode(ReaderRulesFile.self, from: top)) }
            if mapping["issuers"] != nil { return .issuers(try decoder.decode(IssuerRulesFile.self, from: top)) }
            if mapping["not-secret"] != nil { return .literals(try decoder.decode(LiteralRulesFile.self, from: top)) }
            if mapping["platform-variables"] != nil { return .platforms(try decoder.decode(PlatformVariablesFile.self, from: top)) }
            if mapping["test-paths"] != nil { return .testPaths(try decoder.decode(TestPathRulesFile.self, from: top)) }
        } catch {
            throw RuleError.invalidFile(fileName, RuleError.describe(decodingError: error))
        }
        throw RuleError.invalidFile(fileName, "no `readers:`, `issuers:`, `not-secret:`, `platform-variables:` or `test-paths:` key")
    }
}

public enum RuleError: Error, CustomStringConvertible {
    case invalidFile(String, String)
    case invalidPattern(file: String, rule: String, String)
    case unreadableDirectory(String)

    public var description: String {
        switch self {
        case let .invalidFile(f, why): return "\(f): \(why)"
        case let .invalidPattern(f, rule, why): return "\(f): rule '\(rule)': \(why)"
        case let .unreadableDirectory(d): return "\(d): cannot read rules directory"
        }
    }

    static func describe(decodingError error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            return "missing key '\(key.stringValue)' at \(path(ctx.codingPath))"
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case DecodingError.dataCorrupted(let ctx):
            return "invalid value at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        default: return "\(error)"
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
