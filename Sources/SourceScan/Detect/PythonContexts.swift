/// Constructor contexts in Python, where blocks are indentation:
/// - parameter defaults of `def __init__(self, token="…")` (annotated `token: str = "…"` too);
/// - `self.x = "…"` / `self.x = y or "…"` in the body of `__init__`;
/// - class attributes (`token = "…"`, `token: str = "…"`): dataclasses, pydantic settings and
///   attrs turn them into constructor defaults.
struct PythonContexts: LiteralContextFinder {
    let keywords: [[UInt8]] = [Array("__init__".utf8), Array("class".utf8)]

    private enum Block { case classBody, initBody, function }
    private struct OpenBlock { var kind: Block; var indent: Int }

    func sites(in tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>) -> [LiteralSite] {
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

        for i in tokens.indices {
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
                guard !t.interpolated else { continue }
                if bracketDepth == initParamsDepth && v.is(v.previous(i), "=") {
                    sites.append(LiteralSite(tokenIndex: i, context: .constructorDefault, target: initParamName))
                } else if let block = blocks.last, let eq = v.assignment(before: i, orWords: true) {
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
