/// Constructor contexts in Python, where blocks are indentation:
/// - parameter defaults of `def __init__(self, token="…")` (annotated `token: str = "…"` too);
/// - `self.x = "…"` / `self.x = y or "…"` in the body of `__init__`;
/// - class attributes (`token = "…"`, `token: str = "…"`): dataclasses, pydantic settings and
///   attrs turn them into constructor defaults.
struct PythonContexts: LiteralContextFinder {
    let keywords: [[UInt8]] = [Array("__init__".utf8), Array("class".utf8)]

    private enum Block { case classBody, initBody, function }
    private struct OpenBlock { var kind: Block; var indent: Int }

    func sites(in tokens: TokenList, _ bytes: UnsafeBufferPointer<UInt8>) -> [LiteralSite] {
        sites(in: tokens, bytes, skipping: true)
    }

    /// `skipping: false` steps through every token (ContextSkipTests compares the two).
    func sites(in tokens: TokenList, _ bytes: UnsafeBufferPointer<UInt8>, skipping: Bool) -> [LiteralSite] {
        let v = TokenView(tokens: tokens, bytes: bytes)
        var sites: [LiteralSite] = []
        var blocks: [OpenBlock] = []
        var bracketDepth = 0
        var initParamsDepth: Int? = nil   // bracket depth inside `__init__(`…`)`
        var initParamName: String? = nil
        var pendingHeader: Block? = nil
        var lineIndent = 0
        var lineStartToken = 0
        var previousEnd = 0

        var i = 0
        var stepUntil = 0  // a jump found unsure: step through to its target as usual
        while i < tokens.count {
            defer { i += 1 }
            // No class body, `__init__` or its header open: nothing can be a site before the next
            // `class` or `def`, so jump there, counting brackets on the way (see `skipAhead`).
            if skipping && i >= stepUntil && initParamsDepth == nil && pendingHeader != .classBody && pendingHeader != .initBody
                && blocks.allSatisfy({ $0.kind == .function }),
               let jump = skipAhead(from: i, v, bracketDepth: bracketDepth) {
                if !jump.sure {
                    stepUntil = jump.target
                } else {
                    if jump.target == tokens.count { break }
                    i = jump.target
                    bracketDepth = jump.bracketDepth
                    previousEnd = jump.previousEnd
                    lineIndent = jump.lineIndent
                    lineStartToken = jump.lineStart
                    blocks.removeAll(keepingCapacity: true)  // only `.function` blocks: they decide nothing
                    pendingHeader = nil
                }
            }
            let t = tokens[i]
            if t.kind == .comment { continue }
            // A logical line starts at the first token after a newline, outside brackets.
            if bracketDepth == 0 && (i == 0 || hasNewline(bytes, previousEnd, t.start)) && !continuesLine(bytes, previousEnd) {
                lineIndent = indentation(bytes, t.start)
                lineStartToken = i
                while let last = blocks.last, last.indent >= lineIndent { blocks.removeLast() }
                pendingHeader = nil
            }
            previousEnd = t.end
            switch t.kind {
            case .identifier:
                if i == lineStartToken && v.is(i, "class") { pendingHeader = .classBody }
                else if v.is(i, "def") { pendingHeader = v.is(v.next(i), "__init__") ? .initBody : .function }
                else if bracketDepth == initParamsDepth, initParamName == nil, !v.is(v.previous(i), ":"),
                        !v.is(i, "self") {
                    initParamName = v.text(i)
                }
            case .punct:
                let c = bytes[t.start]
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                    bracketDepth += 1
                    if c == UInt8(ascii: "(") && pendingHeader == .initBody && initParamsDepth == nil && v.is(v.previous(i), "__init__") {
                        initParamsDepth = bracketDepth
                        initParamName = nil
                    }
                } else if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    if bracketDepth == initParamsDepth { initParamsDepth = nil }
                    bracketDepth = max(0, bracketDepth - 1)
                } else if c == UInt8(ascii: ",") && bracketDepth == initParamsDepth {
                    initParamName = nil
                } else if c == UInt8(ascii: ":") && t.end - t.start == 1 && bracketDepth == 0, let header = pendingHeader {
                    blocks.append(OpenBlock(kind: header, indent: lineIndent))
                    pendingHeader = nil
                }
            case .string:
                // An interpolated string is a site only when it spans lines: the engine then looks
                // at its lines of text (a key alone on a line of an f-string). Checked once the
                // place is known to be a context, before the target's name is made.
                let wanted = { !t.interpolated || LiteralLines.isMultiLine(UnsafeBufferPointer(rebasing: bytes[t.start..<t.end])) }
                if bracketDepth == initParamsDepth && v.is(v.previous(i), "=") {
                    if wanted() { sites.append(LiteralSite(tokenIndex: i, context: .constructorDefault, target: initParamName)) }
                } else if let block = blocks.last, let eq = v.assignment(before: i, orWords: true), wanted() {
                    switch block.kind {
                    case .initBody:
                        if let name = v.memberAssigned(at: eq, receiver: "self") {
                            sites.append(LiteralSite(tokenIndex: i, context: .constructorAssignment, target: name))
                        }
                    case .classBody where lineStartToken < eq && tokens[lineStartToken].kind == .identifier && bracketDepth == 0:
                        sites.append(LiteralSite(tokenIndex: i, context: .fieldInitializer, target: v.text(lineStartToken)))
                    default: break
                    }
                }
            default: break
            }
        }
        return sites
    }

    struct Jump {
        /// False when the walk back was unsure: step through to `target` instead.
        var sure = true
        var target: Int
        var bracketDepth: Int
        var previousEnd: Int
        var lineIndent: Int
        var lineStart: Int
    }

    /// From token `start` (outside every class and `__init__`): the next `class` or `def` token (or
    /// the end), with the bracket depth and previous token end there, and the start and indent of
    /// its logical line, found by walking back from it. When that walk is unsure (a bracket on the
    /// way, or the target inside brackets) the caller steps through to the target as usual; nil
    /// when `start` is the target already.
    private func skipAhead(from start: Int, _ v: TokenView, bracketDepth startDepth: Int) -> Jump? {
        let tokens = v.tokens, bytes = v.bytes
        var depth = startDepth
        var previousEnd = -1
        var j = start
        while j < tokens.count {
            let t = tokens[j]
            if v.is(j, "class") || v.is(j, "def") { break }
            if t.kind == .punct {
                let c = bytes[t.start]
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { depth += 1 }
                else if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") { depth = max(0, depth - 1) }
            }
            if t.kind != .comment { previousEnd = t.end }
            j += 1
        }
        if j == start { return nil }  // already at one: nothing to skip
        if j == tokens.count { return Jump(target: j, bracketDepth: depth, previousEnd: 0, lineIndent: 0, lineStart: 0) }
        let unsure = Jump(sure: false, target: j, bracketDepth: 0, previousEnd: 0, lineIndent: 0, lineStart: 0)
        guard depth == 0 else { return unsure }
        // The logical line of token j: walk back to the first token after a newline (not joined
        // by a backslash), as the step-by-step loop would have found it.
        var k = j
        while true {
            let p = v.previous(k)
            if p < 0 { break }
            if hasNewline(bytes, tokens[p].end, tokens[k].start) && !continuesLine(bytes, tokens[p].end) { break }
            let c = tokens[p].kind == .punct ? bytes[tokens[p].start] : 0
            if "()[]{}".utf8.contains(c) { return unsure }
            k = p
        }
        // The step-by-step loop knew the previous end only from tokens it saw; before the first
        // one it is 0, as there.
        if previousEnd < 0 {
            let p = v.previous(start)
            previousEnd = p >= 0 ? tokens[p].end : 0
        }
        return Jump(target: j, bracketDepth: 0, previousEnd: previousEnd,
                    lineIndent: indentation(bytes, tokens[k].start), lineStart: k)
    }

    private func hasNewline(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var p = from
        while p < to { if b[p] == 0x0A { return true }; p += 1 }
        return false
    }

    /// A backslash at the end of the previous line joins the lines.
    private func continuesLine(_ b: UnsafeBufferPointer<UInt8>, _ previousEnd: Int) -> Bool {
        var p = previousEnd
        while p < b.count && (b[p] == 0x20 || b[p] == 0x09) { p += 1 }
        return p < b.count && b[p] == 0x5C
    }

    private func indentation(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var p = offset
        while p > 0 && b[p - 1] != 0x0A { p -= 1 }
        return offset - p
    }
}
