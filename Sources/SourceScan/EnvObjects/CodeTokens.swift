/// A source file as the scanner's tokenizer sees it (comments dropped), with each token's text and
/// line: enough to read object literals and class bodies without a parser.
public struct CodeTokens: Sendable {
    public struct Item: Sendable {
        public var kind: Token.Kind; public var text: String; public var line: Int
        /// Column of the token's first byte (1-based), to compare with a reader's line:column.
        public var column: Int = 1
    }
    public var items: [Item] = []

    public init(_ text: String, family: Language.Family) {
        var bytes = Array(text.utf8)
        items = bytes.withUnsafeMutableBufferPointer { mutable in
            let buf = UnsafeBufferPointer(mutable)
            let lexed = Tokenizers.forFamily(family).tokenize(buf, scratch: LexScratch())
            var lines = LineTable(buf)
            return lexed.tokens.filter { $0.kind != .comment }.map { t in
                let range = t.kind == .string ? t.valueStart..<t.valueEnd : t.start..<t.end
                let (line, column) = lines.position(of: t.start)
                return Item(kind: t.kind, text: String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self),
                            line: line, column: column)
            }
        }
    }

    /// The index of the token that closes the bracket opened at `open` (`{`, `(`, `[`).
    public func closing(_ open: Int) -> Int {
        var depth = 0
        for i in open..<items.count where items[i].kind == .punct {
            switch items[i].text {
            case "{", "(", "[": depth += 1
            case "}", ")", "]": depth -= 1; if depth == 0 { return i }
            default: continue
            }
        }
        return items.count
    }

    /// The keys written directly in the object literal opened at `open` (`KEY:` or `"KEY":`), each
    /// with the index of its token; nested objects and arrays are skipped.
    public func keys(ofObjectAt open: Int) -> [(name: String, index: Int)] {
        var out: [(String, Int)] = []
        let end = closing(open)
        var i = open + 1
        var expectKey = true
        while i < end {
            let t = items[i]
            if t.kind == .punct, ["{", "(", "["].contains(t.text) { i = closing(i) + 1; expectKey = false; continue }
            if t.kind == .punct, t.text == "," { expectKey = true; i += 1; continue }
            if expectKey, t.kind == .identifier || t.kind == .string, i + 1 < end, items[i + 1].text == ":" {
                out.append((t.text, i))
                expectKey = false
            }
            i += 1
        }
        return out
    }
}
