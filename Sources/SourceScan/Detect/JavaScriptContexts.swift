/// Constructor contexts in JavaScript / TypeScript:
/// - parameter defaults of `constructor(…)`, TS parameter properties included
///   (`constructor(private readonly token = "…")`);
/// - `this.x = "…"`, `this.x = a || "…"`, `this.x = a ?? "…"` anywhere in a constructor body;
/// - class field initialisers (`token = "…"`, `static #token = "…"`, `token: string = "…"`).
struct JavaScriptContexts: LiteralContextFinder {
    let keywords: [[UInt8]] = [Array("constructor".utf8), Array("class".utf8)]

    private enum Scope { case ctorParams(name: String?), ctorBody, classBody, other }

    static let modifiers: Set<String> = ["public", "private", "protected", "readonly", "static", "declare",
                                        "override", "accessor", "abstract", "async", "get", "set"]

    func sites(in tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>) -> [LiteralSite] {
        let v = TokenView(tokens: tokens, bytes: bytes)
        var sites: [LiteralSite] = []
        var stack: [Scope] = []
        var pendingClassDepth: Int? = nil
        var ctorParamsJustClosed = false
        var statementStart = [0]   // per class-body level: index of the first token of the statement

        for i in tokens.indices {
            let t = tokens[i]
            if t.kind == .comment { continue }
            let closedBefore = ctorParamsJustClosed
            ctorParamsJustClosed = false
            switch t.kind {
            case .identifier:
                if v.is(i, "class") && !v.is(v.previous(i), ".") { pendingClassDepth = stack.count }
                if case .ctorParams(nil) = stack.last, !Self.modifiers.contains(v.text(i)),
                   !v.is(v.previous(i), ":") {
                    stack[stack.count - 1] = .ctorParams(name: v.text(i))
                }
            case .punct:
                let c = bytes[t.start]
                let single = t.end - t.start == 1
                if single && c == UInt8(ascii: "(") {
                    let isCtor = v.is(v.previous(i), "constructor") && isClassBody(stack)
                    stack.append(isCtor ? .ctorParams(name: nil) : .other)
                } else if single && c == UInt8(ascii: "{") {
                    if pendingClassDepth == stack.count { stack.append(.classBody); pendingClassDepth = nil }
                    else if closedBefore { stack.append(.ctorBody) }
                    else { stack.append(.other) }
                    statementStart.append(v.next(i))
                } else if single && c == UInt8(ascii: "[") {
                    stack.append(.other)
                } else if single && (c == UInt8(ascii: ")") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]")) {
                    if let top = stack.popLast() {
                        if case .ctorParams = top { ctorParamsJustClosed = true }
                    }
                    if c == UInt8(ascii: "}") {
                        if statementStart.count > 1 { statementStart.removeLast() }
                        statementStart[statementStart.count - 1] = v.next(i)
                    }
                } else if c == UInt8(ascii: ",") {
                    if case .ctorParams = stack.last { stack[stack.count - 1] = .ctorParams(name: nil) }
                } else if c == UInt8(ascii: ";") {
                    statementStart[statementStart.count - 1] = v.next(i)
                }
            case .string:
                guard !t.interpolated else { continue }
                switch stack.last {
                case .ctorParams(let name)?:
                    if v.is(v.previous(i), "=") { sites.append(LiteralSite(tokenIndex: i, context: .constructorDefault, target: name)) }
                case .classBody?:
                    if let eq = v.assignment(before: i) {
                        let name = v.declaredName(before: eq, statementStart: lastStatementStart(v, eq, statementStart.last ?? 0))
                        sites.append(LiteralSite(tokenIndex: i, context: .fieldInitializer, target: name))
                    }
                default:
                    if stack.contains(where: { if case .ctorBody = $0 { return true }; return false }),
                       let eq = v.assignment(before: i), let name = v.memberAssigned(at: eq, receiver: "this") {
                        sites.append(LiteralSite(tokenIndex: i, context: .constructorAssignment, target: name))
                    }
                }
            default: break
            }
        }
        return sites
    }

    private func isClassBody(_ stack: [Scope]) -> Bool {
        if case .classBody = stack.last { return true }
        return false
    }

    /// Without semicolons a class body's statements run together; the field's own statement
    /// starts after the last string or `)`/`}` before its `=` (the end of the previous member).
    private func lastStatementStart(_ v: TokenView, _ eq: Int, _ start: Int) -> Int {
        var j = v.previous(eq)
        while j > start {
            let t = v.tokens[j]
            if t.kind == .string || t.kind == .number || v.is(j, ")") || v.is(j, "}") { return v.next(j) }
            j = v.previous(j)
        }
        return start
    }
}
