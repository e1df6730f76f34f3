/// `platform-variables:` in rules/platforms.yaml: names a platform sets for the code it runs
/// (GitHub Actions' `GITHUB_SHA`, Vercel's `VERCEL_URL`, `NODE_ENV`). Code that reads one has
/// nothing to declare: drift does not report it read-undeclared.
struct PlatformVariablesFile: Codable, Equatable {
    var platformVariables: [PlatformVariableSpec]

    enum CodingKeys: String, CodingKey { case platformVariables = "platform-variables" }
}

struct PlatformVariableSpec: Codable, Equatable {
    var id: String
    var platform: String
    /// The platform's page that lists the variables it sets.
    var docs: String
    var names: [String]?
    var prefixes: [String]?
    /// Names under a prefix the platform does not set (a CLI token a pipeline passes).
    var except: [String]?
    var match: [String]
    var noMatch: [String]

    enum CodingKeys: String, CodingKey {
        case id, platform, docs, names, prefixes, except, match
        case noMatch = "no-match"
    }
}

/// One platform's variables, ready to ask: exact names and prefixes, plain strings (no pattern
/// to compile: a name either is one, starts with one, or is excepted).
public struct PlatformVariableRule: Sendable {
    public let id: String
    public let platform: String
    public let docs: String
    public let names: Set<String>
    public let prefixes: [String]
    public let except: Set<String>
    let spec: PlatformVariableSpec

    init(_ spec: PlatformVariableSpec) {
        id = spec.id; platform = spec.platform; docs = spec.docs
        names = Set(spec.names ?? []); prefixes = spec.prefixes ?? []; except = Set(spec.except ?? [])
        self.spec = spec
    }

    /// Does the platform set this variable?
    public func provides(_ name: String) -> Bool {
        !except.contains(name) && (names.contains(name) || prefixes.contains { name.hasPrefix($0) && name.count > $0.count })
    }
}

extension RuleSet {
    /// The platform that sets `name` for the code it runs, if any (the first entry that does).
    public func platformProviding(_ name: String) -> PlatformVariableRule? {
        platformVariables.first { $0.provides(name) }
    }
}
