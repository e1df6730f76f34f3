import PCRE

/// Python: `#` comments; strings with any prefix (r, b, u, f, t and pairs), single-line and
/// triple-quoted; f-string `{…}` replacement fields lexed as code (`{{` is text), nesting allowed.
/// Docstrings are strings like any other: a name in one is not a reader.
public struct PythonTokenizer: Tokenizer {
    public static let shared = PythonTokenizer()

    /// The bytes at which a string body stops, indexed by [triple][formatted][quote is "]
    /// (see StringBodies.swift): the quote, `\`, a newline unless triple, `{` if formatted.
    let bodyStops: [[[BodyStops]]] = [false, true].map { triple in
        [false, true].map { formatted in
            ["'", "\""].map { q in BodyStops(q + "\\" + (triple ? "" : "\n") + (formatted ? "{" : "")) }
        }
    }

    /// What a byte begins, in the high four bits of the tokenizer's class table (see
    /// JavaScriptTokenizer.Lead): one switch a token.
    enum Lead: UInt8 {
        case punct = 0, identifier, digit, dot, hash, quote, open, close
        case end = 15  // LexCursor.endOfInput

        static func of(_ byte: UInt8) -> Lead {
            switch byte {
            case UInt8(ascii: "#"): return .hash
            case UInt8(ascii: "\""), UInt8(ascii: "'"): return .quote
            case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["): return .open
            case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"): return .close
            case UInt8(ascii: "."): return .dot
            case 0x30...0x39: return .digit
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"), 0x80...:
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
                             open: Lead.open.rawValue, close: Lead.close.rawValue) }

    // nonisolated(unsafe): filled once, before any reader, and never written again.
    nonisolated(unsafe) static let classes = LexCursor.table(LexCursor.makeClasses(dollar: false) { Lead.of($0).rawValue })

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

    func code(_ c: inout LexCursor, untilBrace: Bool) {
        var depth = 0
        while true {
            let lead = Lead(rawValue: c.nextLead(Self.plainLeads, depth: &depth, stopAtDepthZeroClose: untilBrace)).unsafelyUnwrapped
            switch lead {
            case .end: return
            case .hash: c.lineComment(from: c.pos)
            case .quote:
                // A string prefix (`f"…"`, `rb'…'`) was lexed as an identifier right before the
                // quote: the run lexes `r b u f t` like any letter, which saves a stop per
                // identifier starting with one, and only a quote looks back at the token before it.
                if let (start, formatted) = prefix(&c) { string(&c, start: start, formatted: formatted) }
                else { string(&c, start: c.pos, formatted: false) }
            case .open: depth += 1; c.punct()
            case .close:
                if untilBrace && depth == 0 && c.peek() == UInt8(ascii: "}") { return }
                depth -= 1; c.punct()
            case .identifier: c.identifier()
            case .digit: c.number()
            case .dot:
                if c.peek(1) >= 0x30 && c.peek(1) <= 0x39 { c.number() } else { c.punct() }
            case .punct: c.punct()
            }
        }
    }

    /// When the last token is one or two prefix letters ending at the quote at `c.pos`: takes
    /// it back and gives where the string starts and whether it is formatted.
    @inline(__always)
    func prefix(_ c: inout LexCursor) -> (start: Int, formatted: Bool)? {
        guard c.tokenCount > 0 else { return nil }
        let last = c.tokens[c.tokenCount - 1]
        guard last.kind == .identifier, last.end == c.pos, last.end - last.start <= 2,
              let formatted = stringPrefix(c.b, last.start, last.end) else { return nil }
        c.tokenCount -= 1
        return (last.start, formatted)
    }

    /// nil when the letters are not a string prefix; otherwise whether the string is formatted.
    func stringPrefix(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
        var formatted = false
        for i in start..<end {
            switch b[i] | 0x20 {
            case UInt8(ascii: "f"), UInt8(ascii: "t"): formatted = true
            case UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "u"): break
            default: return nil
            }
        }
        return formatted
    }

    /// `start` is the prefix's first byte; `c.pos` is at the opening quote.
    func string(_ c: inout LexCursor, start: Int, formatted: Bool) {
        let q = c.peek()
        let triple = c.peek(1) == q && c.peek(2) == q
        let quoteLength = triple ? 3 : 1
        c.pos += quoteLength
        let stops = bodyStops[triple ? 1 : 0][formatted ? 1 : 0][q == UInt8(ascii: "\"") ? 1 : 0]
        let index = c.tokenCount
        var t = Token(.string, start, start)
        t.valueStart = c.pos
        c.emit(t)
        var textStart = start
        var valueEnd = c.pos
        while true {
            c.pythonStringBody(stops, quote: q, triple: triple, formatted: formatted)
            valueEnd = c.pos
            if c.atEnd { break }
            let ch = c.peek()
            if ch == q { c.pos += quoteLength; break }
            if ch == 0x0A { break }  // unterminated single-line string ends at the newline
            guard formatted && ch == UInt8(ascii: "{") else {
                c.pos += 1  // a byte the body pattern left (a backslash at the end of the file): text
                continue
            }
            // `{` of a replacement field.
            c.text(textStart, c.pos + 1)
            c.tokens[index].interpolated = true
            c.pos += 1
            code(&c, untilBrace: true)
            textStart = c.pos
            if !c.atEnd { c.pos += 1 }
        }
        c.text(textStart, c.pos)
        c.tokens[index].end = c.pos
        c.tokens[index].valueEnd = valueEnd
    }
}
