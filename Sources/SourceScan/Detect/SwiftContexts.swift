/// Constructor contexts in Swift:
/// - parameter defaults of `init(…)` (`init(token: String = "…")`, failable `init?` too);
/// - `self.x = "…"` (or `?? "…"`) in an `init` body;
/// - stored-property initialisers in a type body (`let token = "…"`, `static var key: String = "…"`).
struct SwiftContexts: LiteralContextFinder {
    let keywords: [[UInt8]] = [Array("init".utf8), Array("let".utf8), Array("var".utf8)]

    private enum Scope { case initParams(name: String?), initBody, typeBody, other }

    /// `class func`, `class var`: here `class` is a modifier, not a type.
    static let notTypeNames: Set<String> = ["func", "var", "let", "subscript", "init", "override", "final",
                                           "static", "private", "public", "internal", "fileprivate", "open"]

    func sites(in tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>) -> [LiteralSite] {
        let v = TokenView(tokens: tokens, bytes: bytes)
        var sites: [LiteralSite] = []
        var stack: [Scope] = []
        var pendingTypeDepth: Int? = nil
        var initHeaderPending = false   // between `init(…)` and its `{` (throws, async, where …)

        for i in tokens.indices {
            let t = tokens[i]
            if t.kind == .comment { continue }
            switch t.kind {
            case .identifier:
                if isTypeKeyword(v, i) && !v.is(v.previous(i), ".") {
                    let nextIndex = v.next(i)
                    if nextIndex < tokens.count, tokens[nextIndex].kind == .identifier,
                       !Self.notTypeNames.contains(v.text(nextIndex)) {
                        pendingTypeDepth = stack.count
                    }
                } else if case .initParams(nil) = stack.last, !v.is(v.previous(i), ":") {
                    stack[stack.count - 1] = .initParams(name: v.text(i))
                }
            case .punct:
                let c = bytes[t.start]
                let single = t.end - t.start == 1
                if c == UInt8(ascii: "(") && single {
                    var p = v.previous(i)
                    if v.is(p, "?") || v.is(p, "!") { p = v.previous(p) }
                    stack.append(v.is(p, "init") && isTypeBody(stack) ? .initParams(name: nil) : .other)
                } else if c == UInt8(ascii: "{") && single {
                    if pendingTypeDepth == stack.count { stack.append(.typeBody); pendingTypeDepth = nil }
                    else if initHeaderPending { stack.append(.initBody) }
                    else { stack.append(.other) }
                    initHeaderPending = false
                } else if c == UInt8(ascii: "[") && single {
                    stack.append(.other)
                } else if single && (c == UInt8(ascii: ")") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]")) {
                    if case .initParams = stack.popLast() { initHeaderPending = true }
                } else if c == UInt8(ascii: ",") {
                    if case .initParams = stack.last { stack[stack.count - 1] = .initParams(name: nil) }
                } else if c == UInt8(ascii: ";") || c == UInt8(ascii: "=") {
                    initHeaderPending = false
                }
            case .string:
                guard !t.interpolated else { continue }
                switch stack.last {
                case .initParams(let name)?:
                    if v.is(v.previous(i), "=") { sites.append(LiteralSite(tokenIndex: i, context: .constructorDefault, target: name)) }
                case .typeBody?:
                    if let eq = v.assignment(before: i), let name = storedPropertyName(v, eq) {
                        sites.append(LiteralSite(tokenIndex: i, context: .fieldInitializer, target: name))
                    }
                default:
                    if stack.contains(where: { if case .initBody = $0 { return true }; return false }),
                       let eq = v.assignment(before: i), let name = v.memberAssigned(at: eq, receiver: "self") {
                        sites.append(LiteralSite(tokenIndex: i, context: .constructorAssignment, target: name))
                    }
                }
            default: break
            }
        }
        return sites
    }

    /// Byte comparisons: this runs for every identifier of every Swift file.
    private func isTypeKeyword(_ v: TokenView, _ i: Int) -> Bool {
        v.is(i, "struct") || v.is(i, "class") || v.is(i, "actor") || v.is(i, "enum") || v.is(i, "extension")
    }

    private func isTypeBody(_ stack: [Scope]) -> Bool {
        if case .typeBody = stack.last { return true }
        return false
    }

    /// `let|var NAME [: Type] =`: the name, found by walking back from the `=` to `let`/`var`.
    private func storedPropertyName(_ v: TokenView, _ eq: Int) -> String? {
        var j = v.previous(eq)
        var steps = 0
        while j >= 0 && steps < 16 {
            if v.is(j, "let") || v.is(j, "var") {
                let n = v.next(j)
                return n < eq && v.tokens[n].kind == .identifier ? v.text(n) : nil
            }
            if v.is(j, ";") || v.is(j, "{") || v.is(j, "}") { return nil }
            j = v.previous(j)
            steps += 1
        }
        return nil
    }
}
