/// Where a string literal sits, when that place makes it a hard-coded default.
public enum LiteralContext: String, Codable, Sendable {
    /// `constructor(token = "…")`, `def __init__(self, token="…")`, `init(token: String = "…")`
    case constructorDefault = "constructor-default"
    /// `this.token = "…"` / `this.token = opts.token || "…"` in a constructor, `self.token = "…"` in `__init__`/`init`
    case constructorAssignment = "constructor-assignment"
    /// Class field or stored property initialiser: `token = "…"` in a class body, `let token = "…"` in a type
    case fieldInitializer = "field-initializer"
    /// The value used when an environment variable is unset, in code: `process.env.X || "…"`,
    /// `process.env.X ?? "…"`, `os.getenv("X", "…")`, `os.environ.get("X", "…")`,
    /// `ProcessInfo.processInfo.environment["X"] ?? "…"`. `target` is the variable's name.
    case envDefault = "env-default"
    /// docker-compose interpolation default: `${X:-…}` / `${X-…}`. `target` is the variable.
    case composeDefault = "compose-default"
    /// Shell parameter default in a script: `${X:-…}`, `${X:=…}`, `update_env "X" "${X:-…}"`.
    case shellDefault = "shell-default"
    /// Dockerfile `ENV X=…` / `ARG X=…`: a value baked into the image. `target` is the variable.
    case dockerfileEnv = "dockerfile-env"
    /// The default a typed settings schema gives a variable: zod `X: z.string().default("…")` in
    /// an env schema, a pydantic `BaseSettings` field `x: str = "…"` / `Field("…")`. `target` is
    /// the variable (with the class's `env_prefix` or the field's alias).
    case schemaDefault = "schema-default"

    /// A default value of a named environment variable rather than a constructor literal: the
    /// literal is tied to that name (its class is the name's; drift joins it by fingerprint).
    public var isEnvironmentDefault: Bool {
        switch self {
        case .envDefault, .composeDefault, .shellDefault, .dockerfileEnv, .schemaDefault: return true
        case .constructorDefault, .constructorAssignment, .fieldInitializer: return false
        }
    }
}

/// A string token found in a constructor context, before it is measured and scored.
struct LiteralSite {
    var tokenIndex: Int
    var context: LiteralContext
    var target: String?
}

/// Finds literal sites in one language's token stream.
protocol LiteralContextFinder {
    /// Cheap test on raw bytes: can this file contain a constructor context at all?
    var keywords: [[UInt8]] { get }
    func sites(in tokens: TokenList, _ bytes: UnsafeBufferPointer<UInt8>) -> [LiteralSite]
}

/// Token helpers shared by the context finders: comparisons on bytes, without making Strings.
struct TokenView {
    let tokens: TokenList
    let bytes: UnsafeBufferPointer<UInt8>

    @inline(__always) func `is`(_ i: Int, _ text: StaticString) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        let t = tokens[i]
        let n = text.utf8CodeUnitCount
        guard t.end - t.start == n, t.kind == .identifier || t.kind == .punct else { return false }
        let p = text.utf8Start
        for k in 0..<n where bytes[t.start + k] != p[k] { return false }
        return true
    }

    func text(_ i: Int) -> String { string(bytes, tokens[i].start..<tokens[i].end) }

    /// Index of the previous token that is not a comment.
    func previous(_ i: Int) -> Int {
        var j = i - 1
        while j >= 0 && tokens[j].kind == .comment { j -= 1 }
        return j
    }

    func next(_ i: Int) -> Int {
        var j = i + 1
        while j < tokens.count && tokens[j].kind == .comment { j += 1 }
        return j
    }

    /// For a string at `i`: the index of the `=` that assigns it, directly (`x = "…"`) or as the
    /// fallback of `||` / `??` / `or` (`x = opts.x || "…"`). nil in any other position.
    func assignment(before i: Int, orWords: Bool = false) -> Int? {
        let p = previous(i)
        if `is`(p, "=") { return p }
        guard `is`(p, "||") || `is`(p, "??") || (orWords && `is`(p, "or")) else { return nil }
        // Walk back over the left operand, balanced, to the `=` at the same depth.
        var j = previous(p)
        var depth = 0
        var steps = 0
        while j >= 0 && steps < 24 {
            let t = tokens[j]
            if t.kind == .punct {
                let c = bytes[t.start]
                if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") { depth += 1 }
                else if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") { if depth == 0 { return nil }; depth -= 1 }
                else if depth == 0 {
                    if `is`(j, "=") { return j }
                    if c == UInt8(ascii: ";") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: ",") { return nil }
                }
            }
            j = previous(j)
            steps += 1
        }
        return nil
    }

    /// `this.NAME =` / `self.NAME =` ending at the `=` at `eq` (an annotation `self.x: T =` allowed):
    /// the property name, or nil.
    func memberAssigned(at eq: Int, receiver: StaticString) -> String? {
        var j = previous(eq)
        if tokens.indices.contains(j), tokens[j].kind != .identifier {
            // Skip a type annotation back to its `:`.
            var steps = 0
            while j >= 0 && !`is`(j, ":") && steps < 12 { j = previous(j); steps += 1 }
            guard `is`(j, ":") else { return nil }
            j = previous(j)
        } else if `is`(previous(j), ":") {
            // `self.x: str = …`: j is the type name
            j = previous(previous(j))
        }
        guard j >= 0, tokens[j].kind == .identifier, `is`(previous(j), "."), `is`(previous(previous(j)), receiver) else { return nil }
        return text(j)
    }

    /// The name declared before the `=` at `eq`, skipping a type annotation (`name: Type = …`,
    /// `name?: T = …`, `let name = …`): the last identifier before a `:` or `=` at the statement's start.
    func declaredName(before eq: Int, statementStart: Int) -> String? {
        var firstColon: Int?
        var j = statementStart
        while j < eq {
            if `is`(j, ":") { firstColon = j; break }
            j = next(j)
        }
        var k = previous(firstColon ?? eq)
        while k >= statementStart, !(tokens[k].kind == .identifier) { k = previous(k) }
        guard k >= statementStart else { return nil }
        return text(k)
    }
}
