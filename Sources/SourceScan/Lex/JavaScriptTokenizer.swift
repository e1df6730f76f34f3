import PCRE

/// JavaScript / TypeScript (and JSX): `//` and `/* */` comments, '…' and "…" strings, template
/// literals whose `${…}` interpolations are lexed as code and may nest, and regex literals
/// (told from division by the token before them).
public struct JavaScriptTokenizer: Tokenizer {
    public static let shared = JavaScriptTokenizer()

    // The bytes at which string bodies stop (see StringBodies.swift).
    let doubleStops = BodyStops("\"\\\n")
    let singleStops = BodyStops("'\\\n")
    let templateStops = BodyStops("`\\$")
    // Regex literals are rare enough for an anchored pattern, run right after the opening `/`.
    let regexBody = builtinPattern(#"(?:[^/\\\[\n]++|\\.|\[(?:[^\]\\\n]++|\\.)*+\])++/[A-Za-z]*"#)

    /// After these words a `/` starts a regex, not a division.
    static let regexAfterWords: [[UInt8]] = ["return", "typeof", "instanceof", "in", "of", "new", "delete",
                                             "void", "throw", "case", "do", "else", "yield", "await"].map { Array($0.utf8) }

    public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, scratch: LexScratch) -> LexedFile {
        var c = LexCursor(bytes, scratch: scratch, dollarInIdentifiers: true)
        code(&c, untilBrace: false)
        return c.finish()
    }

    /// Lexes code until the end, or (inside `${…}`) until the `}` that closes the interpolation.
    func code(_ c: inout LexCursor, untilBrace: Bool) {
        var depth = 0
        while true {
            c.skipWhitespace()
            if c.atEnd { return }
            let ch = c.peek()
            switch ch {
            case UInt8(ascii: "/"):
                let start = c.pos
                if c.peek(1) == UInt8(ascii: "/") { c.pos += 2; c.lineComment(from: start) }
                else if c.peek(1) == UInt8(ascii: "*") {
                    c.pos += 2
                    c.skipPast(UInt8(ascii: "*"), UInt8(ascii: "/"))
                    if c.pos == start + 2 { c.pos = c.b.count }  // unterminated: to the end of the file
                    c.emit(Token(.comment, start, c.pos))
                    c.out.nonCode.append(start..<c.pos)
                } else if regexAllowed(c) { regexOrDivision(&c) }
                else { c.punct() }
            case UInt8(ascii: "\""): quoted(&c, doubleStops)
            case UInt8(ascii: "'"): quoted(&c, singleStops)
            case UInt8(ascii: "`"): template(&c)
            case UInt8(ascii: "{"): depth += 1; c.punct()
            case UInt8(ascii: "}"):
                if untilBrace && depth == 0 { return }
                depth -= 1; c.punct()
            case UInt8(ascii: "#") where c.isIdentStart(c.peek(1)):
                c.identifier()  // private class member `#token`
            default:
                if c.isIdentStart(ch) { c.identifierListingFormWords() }
                else if ch >= 0x30 && ch <= 0x39 || (ch == 0x2E && c.peek(1) >= 0x30 && c.peek(1) <= 0x39) { c.number() }
                else { c.punct() }
            }
        }
    }

    func quoted(_ c: inout LexCursor, _ stops: BodyStops) {
        let start = c.pos
        let quote = c.peek()
        c.pos += 1
        c.lineStringBody(stops)
        var t = Token(.string, start, c.pos)
        t.valueStart = start + 1
        t.valueEnd = c.pos
        if c.peek() == quote { c.pos += 1 }  // else unterminated: the string ends at the newline
        t.end = c.pos
        c.emit(t)
        c.out.nonCode.append(start..<c.pos)
    }

    func template(_ c: inout LexCursor) {
        let start = c.pos
        c.pos += 1
        let index = c.tokenCount
        var t = Token(.string, start, start)
        t.valueStart = start + 1
        c.emit(t)
        var textStart = start
        while true {
            c.templateBody(templateStops)
            if c.atEnd { break }
            if c.peek() == UInt8(ascii: "`") { c.pos += 1; break }
            guard c.peek() == UInt8(ascii: "$") && c.peek(1) == UInt8(ascii: "{") else {
                c.pos += 1  // a byte the body pattern left (a backslash at the end of the file): text
                continue
            }
            // `${`: the text so far is not code; the interpolation is.
            c.text(textStart, c.pos + 2)
            c.tokens[index].interpolated = true
            c.pos += 2
            code(&c, untilBrace: true)
            textStart = c.pos   // at the closing `}` (or the end)
            if !c.atEnd { c.pos += 1 }
        }
        c.text(textStart, c.pos)
        c.tokens[index].end = c.pos
        c.tokens[index].valueEnd = max(c.pos - 1, start + 1)
    }

    func regexAllowed(_ c: LexCursor) -> Bool {
        if c.pos > 0 && c.b[c.pos - 1] == UInt8(ascii: "<") { return false }  // JSX closing tag `</div>`
        guard let last = c.lastSignificant() else { return true }
        switch last.kind {
        case .number, .string, .regex: return false
        case .identifier:
            let word = UnsafeBufferPointer(rebasing: c.b[last.start..<last.end])
            return Self.regexAfterWords.contains { $0.elementsEqual(word) }
        case .punct:
            let p = c.b[last.end - 1]
            return p != UInt8(ascii: ")") && p != UInt8(ascii: "]") && p != UInt8(ascii: "}")
        case .comment: return true
        }
    }

    /// A regex literal must close on its line; if it does not, the `/` was an operator after all.
    func regexOrDivision(_ c: inout LexCursor) {
        let start = c.pos
        c.pos += 1
        if let end = (try? regexBody.matchEnd(in: c.b, from: c.pos, scratch: c.scratch.match)) ?? nil {
            c.pos = end
            c.emit(Token(.regex, start, end))
            c.out.nonCode.append(start..<end)
        } else {
            c.pos = start
            c.punct()
        }
    }
}
