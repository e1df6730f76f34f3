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

    /// What a byte begins, in the high four bits of the tokenizer's class table: the loop reads
    /// it with the byte's class and switches once (a chain of compares cost about ten
    /// instructions a token, at a token every four bytes).
    enum Lead: UInt8 {
        case punct = 0, identifier, digit, dot, slash, doubleQuote, singleQuote, backtick, openBrace, closeBrace, hash
        /// `c`, `p`, `e`: an identifier that may begin an env-object form (`LexedFile.formWordTokens`).
        case formLetter
        case end = 15  // LexCursor.endOfInput

        static func of(_ byte: UInt8) -> Lead {
            switch byte {
            case UInt8(ascii: "/"): return .slash
            case UInt8(ascii: "\""): return .doubleQuote
            case UInt8(ascii: "'"): return .singleQuote
            case UInt8(ascii: "`"): return .backtick
            case UInt8(ascii: "{"): return .openBrace
            case UInt8(ascii: "}"): return .closeBrace
            case UInt8(ascii: "#"): return .hash
            case UInt8(ascii: "."): return .dot
            case 0x30...0x39: return .digit
            case UInt8(ascii: "c"), UInt8(ascii: "p"), UInt8(ascii: "e"): return .formLetter
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"), UInt8(ascii: "$"), 0x80...:
                return .identifier
            default: return .punct
            }
        }
    }

    /// The leads `LexCursor.plainTokens` lexes in its run; the rest come to `code`'s switch.
    /// Computed, so the values are constants where the run is inlined.
    static var plainLeads: LexCursor.PlainLeads {
        LexCursor.PlainLeads(identifier: Lead.identifier.rawValue, digit: Lead.digit.rawValue,
                             punct: Lead.punct.rawValue, dot: Lead.dot.rawValue,
                             open: Lead.openBrace.rawValue, close: Lead.closeBrace.rawValue,
                             formLetter: Lead.formLetter.rawValue) }

    // nonisolated(unsafe): filled once, before any reader, and never written again.
    nonisolated(unsafe) static let classes = LexCursor.table(LexCursor.makeClasses(dollar: true) { Lead.of($0).rawValue })

    public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, scratch: LexScratch) -> LexedFile {
        tokenize(bytes, scratch: scratch, plainRuns: true)
    }

    /// `plainRuns: false`: every token through `code`'s switch (see `LexCursor.plainRuns`).
    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, scratch: LexScratch, plainRuns: Bool) -> LexedFile {
        var c = LexCursor(bytes, scratch: scratch, classes: Self.classes)
        c.plainRuns = plainRuns
        code(&c, untilBrace: false)
        return c.finish()
    }

    /// Lexes code until the end, or (inside `${…}`) until the `}` that closes the interpolation.
    func code(_ c: inout LexCursor, untilBrace: Bool) {
        var depth = 0
        while true {
            let lead = Lead(rawValue: c.nextLead(Self.plainLeads, depth: &depth, stopAtDepthZeroClose: untilBrace)).unsafelyUnwrapped
            switch lead {
            case .end: return
            case .identifier: c.identifier()
            case .formLetter: c.identifierListingFormWords()
            case .punct: c.punct()
            case .digit: c.number()
            case .dot:
                if c.peek(1) >= 0x30 && c.peek(1) <= 0x39 { c.number() } else { c.punct() }
            case .slash:
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
            case .doubleQuote: quoted(&c, doubleStops)
            case .singleQuote: quoted(&c, singleStops)
            case .backtick: template(&c)
            case .openBrace: depth += 1; c.punct()
            case .closeBrace:
                if untilBrace && depth == 0 { return }
                depth -= 1; c.punct()
            case .hash:
                if c.isIdentStart(c.peek(1)) { c.identifier() }  // private class member `#token`
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
