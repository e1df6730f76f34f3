/// Constructor contexts in the brace-scoped languages (JavaScript/TypeScript and Swift), which
/// share one algorithm and differ only in words, given by a `Dialect`:
/// - parameter defaults of the constructor (`constructor(token = "…")`, `init(token: String = "…")`);
/// - `this.x = "…"` / `self.x = "…"` (also `a || "…"`, `a ?? "…"`) anywhere in a constructor body;
/// - field initialisers in a class or type body (`token = "…"`, `let token = "…"`).
/// A stack of open brackets says where each string stands; nothing is parsed beyond that.
struct BraceScopedContexts: LiteralContextFinder, Sendable {
    struct Dialect: Sendable {
        /// Cheap prefilter: a file without any of these cannot hold a constructor context.
        var keywords: [StaticString]
        /// `constructor` / `init`.
        var constructorWord: StaticString
        /// Swift's failable `init?(` / `init!(`.
        var failableMarkers: Bool
        /// `this` / `self`.
        var receiver: StaticString
        /// The words that open a class or type body at the next `{`: outside every type, the
        /// finder skips ahead to the next of them.
        var typeWords: [StaticString]
        /// For a type word at `i`, whether it really opens a body here (Swift's `class func` does
        /// not); nil when every type word does.
        var opensTypeBody: (@Sendable (TokenView, Int) -> Bool)?
        /// Words before a parameter's name that are not the name (TypeScript parameter properties).
        var parameterModifiers: Set<String>
        /// The name a field initialiser assigns, from the `=` at `eq`; nil when the statement is
        /// not a field (Swift needs `let`/`var`).
        var fieldName: @Sendable (TokenView, _ eq: Int) -> String??
    }

    let dialect: Dialect
    let keywords: [[UInt8]]
    /// `dialect.typeWords` as bytes: the skip loop tests every token outside a type against them,
    /// and comparing StaticStrings through TokenView there doubled the finder's cost.
    let typeWords: [[UInt8]]

    init(_ dialect: Dialect) {
        self.dialect = dialect
        func bytes(_ s: StaticString) -> [UInt8] { Array(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        keywords = dialect.keywords.map(bytes)
        typeWords = dialect.typeWords.map(bytes)
    }

    @inline(__always) private func isTypeWord(_ t: Token, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard t.kind == .identifier else { return false }
        let n = t.end - t.start
        for w in typeWords where w.count == n && bytes[t.start] == w[0] {
            if UnsafeBufferPointer(rebasing: bytes[t.start..<t.end]).elementsEqual(w) { return true }
        }
        return false
    }

    /// The parameter's name is kept as its token index: a String here would be retained and
    /// released on every look at the top of the stack, which happens at every token.
    private enum Scope { case ctorParams(nameToken: Int?), ctorBody, typeBody, other }

    func sites(in tokens: TokenList, _ bytes: UnsafeBufferPointer<UInt8>) -> [LiteralSite] {
        sites(in: tokens, bytes, skipping: true)
    }

    /// `skipping: false` steps through every token (ContextSkipTests compares the two).
    func sites(in tokens: TokenList, _ bytes: UnsafeBufferPointer<UInt8>, skipping: Bool) -> [LiteralSite] {
        let v = TokenView(tokens: tokens, bytes: bytes)
        var sites: [LiteralSite] = []
        var stack: [Scope] = []
        var pendingTypeDepth: Int? = nil
        var ctorHeaderPending = false   // between the constructor's `)` and its `{` (Swift: throws, async)
        // Entries on the stack other than `.other`. With none, no type is open: until the next
        // type word nothing can become a site, so the loop jumps there (and forgets the `.other`
        // brackets, which matter only relative to the type that opens next).
        var open = 0
        func push(_ scope: Scope) {
            if case .other = scope {} else { open += 1 }
            stack.append(scope)
        }
        func pop() -> Scope? {
            let scope = stack.popLast()
            if let scope { if case .other = scope {} else { open -= 1 } }
            return scope
        }

        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            if skipping && open == 0 && pendingTypeDepth == nil && !ctorHeaderPending {
                while i < tokens.count && !isTypeWord(tokens[i], bytes) { i += 1 }
                if i == tokens.count { break }
                stack.removeAll(keepingCapacity: true)
            }
            let t = tokens[i]
            switch t.kind {
            case .identifier:
                if isTypeWord(t, bytes) && dialect.opensTypeBody?(v, i) != false && !v.is(v.previous(i), ".") {
                    pendingTypeDepth = stack.count
                }
                else if case .ctorParams(nil) = stack.last, !v.is(v.previous(i), ":"),
                        !dialect.parameterModifiers.contains(v.text(i)) {
                    stack[stack.count - 1] = .ctorParams(nameToken: i)
                }
            case .punct:
                guard t.end - t.start == 1 else {
                    // `==`, `=>`, …: an expression, so no constructor body follows.
                    if bytes[t.start] == UInt8(ascii: "=") { ctorHeaderPending = false }
                    continue
                }
                switch bytes[t.start] {
                case UInt8(ascii: "("):
                    var p = v.previous(i)
                    if dialect.failableMarkers && (v.is(p, "?") || v.is(p, "!")) { p = v.previous(p) }
                    let isCtor = v.is(p, dialect.constructorWord) && isTypeBody(stack)
                    push(isCtor ? .ctorParams(nameToken: nil) : .other)
                case UInt8(ascii: "{"):
                    if pendingTypeDepth == stack.count { push(.typeBody); pendingTypeDepth = nil }
                    else if ctorHeaderPending { push(.ctorBody) }
                    else { push(.other) }
                    ctorHeaderPending = false
                case UInt8(ascii: "["):
                    push(.other)
                case UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if case .ctorParams = pop() { ctorHeaderPending = true }
                case UInt8(ascii: ","):
                    if case .ctorParams = stack.last { stack[stack.count - 1] = .ctorParams(nameToken: nil) }
                case UInt8(ascii: ";"), UInt8(ascii: "="):
                    ctorHeaderPending = false
                default: break
                }
            case .string:
                // An interpolated string is a site only when it spans lines: the engine then looks
                // at its lines of text (a key alone on a line of a template). Checked once the
                // place is known to be a context, before the target's name is made.
                let wanted = { !t.interpolated || LiteralLines.isMultiLine(UnsafeBufferPointer(rebasing: bytes[t.start..<t.end])) }
                switch stack.last {
                case .ctorParams(let nameToken)?:
                    if v.is(v.previous(i), "="), wanted() {
                        sites.append(LiteralSite(tokenIndex: i, context: .constructorDefault, target: nameToken.map(v.text)))
                    }
                case .typeBody?:
                    if let eq = v.assignment(before: i), wanted(), let name = dialect.fieldName(v, eq) {
                        sites.append(LiteralSite(tokenIndex: i, context: .fieldInitializer, target: name))
                    }
                default:
                    if stack.contains(where: { if case .ctorBody = $0 { return true }; return false }),
                       let eq = v.assignment(before: i), wanted(), let name = v.memberAssigned(at: eq, receiver: dialect.receiver) {
                        sites.append(LiteralSite(tokenIndex: i, context: .constructorAssignment, target: name))
                    }
                }
            default: break
            }
        }
        return sites
    }

    private func isTypeBody(_ stack: [Scope]) -> Bool {
        if case .typeBody = stack.last { return true }
        return false
    }
}
