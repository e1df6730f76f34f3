/// The scan's findings. These types are the JSON contract of DESIGN.md (`readers[]`, `literals[]`,
/// `duplicates[]`): fields may be added, never renamed. Nothing here ever holds a secret value —
/// a literal is carried as its keyed fingerprint and a hint.

/// Code that reads an environment variable, e.g. `process.env.STRIPE_SECRET_KEY` at web/lib/stripe.ts:4.
public struct Reader: Codable, Hashable, Sendable {
    public var name: String
    public var repo: String
    public var path: String
    public var line: Int
    public var column: Int
    public var language: String
    /// The reader rule that found it (rules/readers.yaml), or `env-object` for a property read of
    /// an object built from the environment (EnvObjects/).
    public var rule: String
    /// True when the file is a test (rules/tests.yaml); absent otherwise. A test reading a name
    /// does not make the name needed in production: listed after the others, and not enough for
    /// read-undeclared.
    public var test: Bool?

    public var isTest: Bool { test == true }

    /// For a read through an env object: the object and where it is built, `env (src/env.mjs:4)`;
    /// for a library that reads the name itself: `sdk @upstash/qstash` (a `reads` rule).
    public var via: String?

    /// True when the file belongs to a published npm package (a CLI, a build extension): the code
    /// runs on its users' machines, and they set the variable (`PublishedPackages`). Absent otherwise.
    public var published: Bool?

    public var isPublished: Bool { published == true }

    public init(name: String, repo: String, path: String, line: Int, column: Int = 1, language: String, rule: String,
                test: Bool = false, via: String? = nil, published: Bool = false) {
        self.name = name; self.repo = repo; self.path = path; self.line = line; self.column = column
        self.language = language; self.rule = rule; self.test = test ? true : nil; self.via = via
        self.published = published ? true : nil
    }
}

/// A long string literal in constructor context: a hard-coded default that may be a secret.
public struct Literal: Codable, Hashable, Sendable {
    public var repo: String
    public var path: String
    public var line: Int
    public var column: Int
    /// Length of the value in characters (Unicode scalars), without quotes.
    public var length: Int
    /// Where it sits: a `LiteralContext` raw value (`constructor-default`, `env-default`,
    /// `compose-default`…). For an environment default, `target` is the variable's name.
    public var context: String
    /// The parameter, property or field it initialises, when known.
    public var target: String?
    public var fingerprint: String
    public var hint: String
    /// Issuer whose value prefix matched (rules/issuers.yaml), if any.
    public var issuer: String?
    /// Shannon entropy in bits per character, rounded to 2 decimals.
    public var entropy: Double
    /// False for literals that look like prose, URLs or paths; only reported with `--all-literals`.
    public var secretLike: Bool
    public var language: String
    /// Set when a `secretmap:allow <reason>` comment accepts this literal; gates ignore it.
    public var allowReason: String?
    /// True for an obvious placeholder default (`changeme`, `xxx`, a localhost URL, `app:app@db`
    /// local credentials): reported as a placeholder, never as a secret. nil when not checked.
    public var placeholder: Bool?

    /// `context` as the typed vocabulary, nil for a context this build does not know.
    public var contextKind: LiteralContext? { LiteralContext(rawValue: context) }

    /// A literal as another stage (a drift rule's example, a merge of per-repo results) makes it.
    public init(repo: String, path: String, line: Int, column: Int = 1, length: Int, context: String, target: String? = nil,
                fingerprint: String, hint: String, issuer: String? = nil, entropy: Double, secretLike: Bool = true,
                language: String, allowReason: String? = nil, placeholder: Bool? = nil) {
        self.repo = repo; self.path = path; self.line = line; self.column = column; self.length = length
        self.context = context; self.target = target; self.fingerprint = fingerprint; self.hint = hint
        self.issuer = issuer; self.entropy = entropy; self.secretLike = secretLike; self.language = language
        self.allowReason = allowReason; self.placeholder = placeholder
    }
}

/// The same literal value (same fingerprint) in two or more places.
public struct Duplicate: Codable, Hashable, Sendable {
    public struct Occurrence: Codable, Hashable, Sendable {
        public var repo: String
        public var path: String
        public var line: Int
    }
    public var fingerprint: String
    public var hint: String
    public var occurrences: [Occurrence]
}

/// A variable name read in more than one scanned repository.
public struct SharedReader: Codable, Hashable, Sendable {
    public var name: String
    public var repos: [String]
}

