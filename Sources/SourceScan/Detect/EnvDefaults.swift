/// The string a read of an environment variable falls back to when the variable is unset: a
/// literal tied to the variable's name (`LiteralContext.envDefault`, issue 17 item 2).
///
///     process.env.X || "v"      process.env["X"] ?? "v"      const { X = "v" } = process.env
///     os.getenv("X", "v")       os.environ.get("X", default="v")      os.getenv("X") or "v"
///     env("X", default="v")     ProcessInfo.processInfo.environment["X"] ?? "v"
///
/// Found from the reader's match, which the worker already has: a few bytes after the match say
/// whether a fallback can follow at all (`||`, `??`, `or`, or a `,` of a rule that takes a default
/// argument), and only then is the token stream searched (a binary search) and checked. A file
/// without such a fallback pays a byte comparison or two per reader.
enum EnvDefaults {
    /// The index of the string token that is the default of the read found by `rule` whose name
    /// starts at `nameOffset` and whose match ends at `matchEnd`; nil when there is none.
    static func defaultToken(of rule: ReaderRule, nameOffset: Int, matchEnd: Int, family: Language.Family,
                             bytes: UnsafeBufferPointer<UInt8>, lexed: LexedFile) -> Int? {
        if rule.shape == .list { return destructuringDefault(nameOffset: nameOffset, bytes, lexed) }
        guard rule.shape == .name else { return nil }
        var p = skipSpace(bytes, matchEnd)
        guard p < bytes.count else { return nil }
        // Where the match ended inside a call's arguments (after the name's closing quote), the
        // call's other arguments come first: a default argument, or the `)` before an operator.
        let insideCall = matchEnd > 0 && isQuote(bytes[matchEnd - 1])
        if insideCall && bytes[p] == UInt8(ascii: ",") {
            guard rule.takesDefaultArgument else { return nil }
            return argumentDefault(of: rule, nameOffset: nameOffset, bytes, lexed)
        }
        if insideCall && bytes[p] == UInt8(ascii: ")") { p = skipSpace(bytes, p + 1) }
        guard startsOperator(bytes, p, family) else { return nil }
        let view = TokenView(tokens: lexed.tokens, bytes: bytes)
        var op = firstToken(startingAtOrAfter: p, lexed.tokens)
        guard op < lexed.tokens.count, lexed.tokens[op].start == p, isFallbackOperator(view, op, family) else { return nil }
        var value = view.next(op)
        // `A || B || "v"`: with both unset the code runs with "v", the default of A too. The
        // operands in between must be environment reads (`process.env.B`, `os.getenv("B")`).
        var links = 0
        while !isConstantString(lexed.tokens, value), links < 8, let after = environmentRead(view, from: value),
              after < lexed.tokens.count, isFallbackOperator(view, after, family) {
            op = after
            value = view.next(op)
            links += 1
        }
        guard isConstantString(lexed.tokens, value), endsOperand(view, value, family) else { return nil }
        return value
    }

    /// For an operand starting at token `i` that reads the environment, the token after it; nil
    /// otherwise. A read: names joined by `.`/`?.`, each maybe followed by `[…]`/`(…)` groups that
    /// hold one string or nothing, one of the names `env`, `environ`, `getenv` or `environment`.
    static func environmentRead(_ view: TokenView, from i: Int) -> Int? {
        var j = i, readsEnvironment = false, steps = 0
        while j < view.tokens.count, view.tokens[j].kind == .identifier, steps < 12 {
            if view.is(j, "env") || view.is(j, "environ") || view.is(j, "getenv") || view.is(j, "environment") { readsEnvironment = true }
            j = view.next(j)
            steps += 1
            // Its groups: `("X")`, `["X"]`, `()`.
            while view.is(j, "[") || view.is(j, "(") {
                var k = view.next(j)
                if k < view.tokens.count, view.tokens[k].kind == .string { k = view.next(k) }
                guard view.is(k, "]") || view.is(k, ")") else { return nil }
                j = view.next(k)
            }
            guard view.is(j, ".") || view.is(j, "?.") else { break }
            j = view.next(j)
        }
        return readsEnvironment && j > i ? j : nil
    }

    /// The byte test, made while the detector has the match (no token, no rule lookup later):
    /// whether the bytes after a read can start a fallback, `||`, `??` or `or` (of any language:
    /// the token test knows which), or, for a rule that takes a default argument, a `,` after the
    /// name's closing quote.
    @inline(__always)
    static func mayFollow(_ bytes: UnsafeBufferPointer<UInt8>, matchEnd: Int, arguments: Bool) -> Bool {
        var p = skipSpace(bytes, matchEnd)
        guard p + 1 < bytes.count else { return false }
        let insideCall = matchEnd > 0 && isQuote(bytes[matchEnd - 1])
        if insideCall {
            if bytes[p] == UInt8(ascii: ",") { return arguments }
            if bytes[p] == UInt8(ascii: ")") { p = skipSpace(bytes, p + 1) }
        }
        guard p + 1 < bytes.count else { return false }
        let a = bytes[p], b = bytes[p + 1]
        return (a == b && (a == UInt8(ascii: "|") || a == UInt8(ascii: "?"))) || (a == UInt8(ascii: "o") && b == UInt8(ascii: "r"))
    }

    /// For an entry of a destructuring list: an `=` or `:` after its name (`X = "v"`, `X: x = "v"`).
    @inline(__always)
    static func mayFollowEntry(_ bytes: UnsafeBufferPointer<UInt8>, nameOffset: Int) -> Bool {
        var p = nameOffset
        while p < bytes.count && ReaderDetector.isNamePart(bytes[p]) { p += 1 }
        if p < bytes.count && isQuote(bytes[p]) { p += 1 }
        p = skipSpace(bytes, p)
        return p < bytes.count && (bytes[p] == UInt8(ascii: "=") || bytes[p] == UInt8(ascii: ":"))
    }

    /// `||` / `??` (JavaScript, Swift) or `or` (Python) at `p`, by its bytes.
    @inline(__always)
    static func startsOperator(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int, _ family: Language.Family) -> Bool {
        guard p + 1 < bytes.count else { return false }
        let a = bytes[p], b = bytes[p + 1]
        switch family {
        case .python: return a == UInt8(ascii: "o") && b == UInt8(ascii: "r")
        case .javascript, .swift: return (a == UInt8(ascii: "|") && b == a) || (a == UInt8(ascii: "?") && b == a)
        }
    }

    static func isFallbackOperator(_ view: TokenView, _ i: Int, _ family: Language.Family) -> Bool {
        switch family {
        case .python: return view.tokens[i].kind == .identifier && view.is(i, "or")
        case .javascript, .swift: return view.is(i, "||") || view.is(i, "??")
        }
    }

    /// A string whose value is a constant and not empty (`|| ""` says there is no default).
    static func isConstantString(_ tokens: TokenList, _ i: Int) -> Bool {
        guard i < tokens.count else { return false }
        let t = tokens[i]
        return t.kind == .string && !t.interpolated && t.valueEnd > t.valueStart
    }

    /// Whether the string at `i` is the whole right operand: what follows ends the expression
    /// (`;` `,` `)` `]` `}` `:`, the end of the file or of the line, a further fallback, `as`),
    /// not an operator that would make the string part of a larger one (`"a" + b`, `"a".trim()`).
    static func endsOperand(_ view: TokenView, _ i: Int, _ family: Language.Family) -> Bool {
        let next = view.next(i)
        let tokens = view.tokens
        guard next < tokens.count else { return true }
        let t = tokens[next]
        if t.kind == .punct {
            let c = view.bytes[t.start]
            if t.end - t.start == 1 && (c == UInt8(ascii: ";") || c == UInt8(ascii: ",") || c == UInt8(ascii: ")")
                || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: ":")) { return true }
            if isFallbackOperator(view, next, family) { return true }
        } else if t.kind == .identifier && (view.is(next, "as") || isFallbackOperator(view, next, family)) {
            return true
        }
        // A new line ends a statement unless it starts with an operator or a member access.
        guard t.kind != .punct else { return false }
        let stringEnd = tokens[i].end
        return view.bytes[stringEnd..<t.start].contains(0x0A)
    }

    /// `os.getenv("X", "v")` / `os.environ.get("X", default="v")` / `env("X", cast=str, default="v")`:
    /// the argument at the rule's `default-argument` position, or the one named `default-keyword`,
    /// when it is a constant string standing alone.
    static func argumentDefault(of rule: ReaderRule, nameOffset: Int, _ bytes: UnsafeBufferPointer<UInt8>,
                                _ lexed: LexedFile) -> Int? {
        let tokens = lexed.tokens
        let view = TokenView(tokens: tokens, bytes: bytes)
        // The name's string token: the last token starting at or before the name.
        let nameToken = firstToken(startingAtOrAfter: nameOffset + 1, tokens) - 1
        guard nameToken >= 0, tokens[nameToken].kind == .string else { return nil }
        let position = rule.defaultArguments.isEmpty ? rule.defaultArgument : rule.defaultArguments[callee(view, nameToken)] ?? rule.defaultArgument
        var argument = 1, depth = 0, argumentStart = view.next(nameToken)
        var i = argumentStart, steps = 0
        while i < tokens.count && steps < 200 {
            let t = tokens[i]
            if t.kind == .punct && t.end - t.start == 1 {
                let c = bytes[t.start]
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { depth += 1 }
                else if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    if depth == 0 { return nil }
                    depth -= 1
                } else if c == UInt8(ascii: ",") && depth == 0 {
                    // A new argument starts after this comma: which one, and is it the default?
                    argument += 1
                    argumentStart = view.next(i)
                    if let found = standaloneDefault(view, argumentStart, position: argument, defaultPosition: position, rule) { return found }
                }
            }
            i = view.next(i)
            steps += 1
        }
        return nil
    }

    /// The called function of the call whose first argument is the string at `nameToken`,
    /// as written (`env.str`): the names and dots before its `(`.
    static func callee(_ view: TokenView, _ nameToken: Int) -> String {
        var j = view.previous(nameToken)
        guard view.is(j, "(") else { return "" }
        var parts: [String] = []
        j = view.previous(j)
        while j >= 0, parts.count < 8, view.tokens[j].kind == .identifier || view.is(j, ".") {
            parts.append(view.text(j))
            j = view.previous(j)
        }
        return parts.reversed().joined()
    }

    /// The argument starting at `start`: `"v"` at the default's position, or `default="v"`.
    private static func standaloneDefault(_ view: TokenView, _ start: Int, position: Int, defaultPosition: Int?, _ rule: ReaderRule) -> Int? {
        var value = start
        if let keyword = rule.defaultKeyword, start < view.tokens.count, view.tokens[start].kind == .identifier {
            guard view.text(start) == keyword, view.is(view.next(start), "=") else { return nil }
            value = view.next(view.next(start))
        } else if position != defaultPosition {
            return nil
        }
        guard isConstantString(view.tokens, value) else { return nil }
        let after = view.next(value)
        guard after < view.tokens.count, view.is(after, ",") || view.is(after, ")") else { return nil }
        return value
    }

    /// `{ X = "v" }` / `{ X: alias = "v" }` in a destructuring of the environment.
    static func destructuringDefault(nameOffset: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ lexed: LexedFile) -> Int? {
        // Bytes first: a default needs an `=` or `:` after the name.
        var p = nameOffset
        while p < bytes.count && ReaderDetector.isNamePart(bytes[p]) { p += 1 }
        if p < bytes.count && isQuote(bytes[p]) { p += 1 }  // a quoted key
        p = skipSpace(bytes, p)
        guard p < bytes.count, bytes[p] == UInt8(ascii: "=") || bytes[p] == UInt8(ascii: ":") else { return nil }
        let tokens = lexed.tokens
        let view = TokenView(tokens: tokens, bytes: bytes)
        var i = firstToken(startingAtOrAfter: p, tokens)
        guard i < tokens.count, tokens[i].start == p else { return nil }
        if view.is(i, ":") {
            let alias = view.next(i)
            guard alias < tokens.count, tokens[alias].kind == .identifier else { return nil }
            i = view.next(alias)
        }
        guard view.is(i, "=") else { return nil }
        let value = view.next(i)
        guard isConstantString(tokens, value) else { return nil }
        let after = view.next(value)
        guard after < tokens.count, view.is(after, ",") || view.is(after, "}") else { return nil }
        return value
    }

    /// The file's constructor-context sites and its environment defaults, in token order (the
    /// order literals are emitted in). A string that is both (`this.key = process.env.KEY || "v"`
    /// in a constructor) is the default: tied to the variable's name, not to the property.
    static func merged(_ sites: [LiteralSite], _ defaults: [LiteralSite]) -> [LiteralSite] {
        // Readers come in source order, so their defaults nearly always do: sort to be sure.
        // One string may be the default of several reads (`A || B || "v"`): one site per name.
        let defaults = defaults.count > 1 ? defaults.sorted { ($0.tokenIndex, $0.target ?? "") < ($1.tokenIndex, $1.target ?? "") } : defaults
        var out: [LiteralSite] = []
        out.reserveCapacity(sites.count + defaults.count)
        func isRepeat(_ d: LiteralSite) -> Bool {
            guard let last = out.last else { return false }
            return last.tokenIndex == d.tokenIndex && last.target == d.target && last.context == .envDefault
        }
        var d = 0
        for site in sites {
            while d < defaults.count && defaults[d].tokenIndex <= site.tokenIndex {
                if !isRepeat(defaults[d]) { out.append(defaults[d]) }
                d += 1
            }
            if out.last?.tokenIndex != site.tokenIndex || out.last?.context != .envDefault { out.append(site) }
        }
        for rest in defaults[d...] where !isRepeat(rest) { out.append(rest) }
        return out
    }

    /// Binary search: the index of the first token whose start is at or after `offset`.
    static func firstToken(startingAtOrAfter offset: Int, _ tokens: TokenList) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    @inline(__always) static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var p = from
        while p < bytes.count && ReaderDetector.isSpace(bytes[p]) { p += 1 }
        return p
    }

    @inline(__always) static func isQuote(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "`")
    }
}
