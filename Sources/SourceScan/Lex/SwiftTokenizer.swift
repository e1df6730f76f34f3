import PCRE

/// Swift: `//` and nesting `/* */` comments; "…" and multi-line """…""" strings with `\(…)`
/// interpolation lexed as code; raw strings `#"…"#` (any number of `#`, interpolation `\#(…)`);
/// extended regex literals `#/…/#`.
public struct SwiftTokenizer: Tokenizer {
    public static let shared = SwiftTokenizer()

    /// The bytes at which string bodies stop (see StringBodies.swift).
    let singleStops = BodyStops("\"\\\n")
    let multiStops = BodyStops("\"\\")

    /// What a byte begins, in the high four bits of the tokenizer's class table (see
    /// JavaScriptTokenizer.Lead): one switch a token.
    enum Lead: UInt8 {
        case punct = 0, identifier, digit, slash, quote, hash, open, close, backtick
        case end = 15  // LexCursor.endOfInput

        static func of(_ byte: UInt8) -> Lead {
            switch byte {
            case UInt8(ascii: "/"): return .slash
            case UInt8(ascii: "\""): return .quote
            case UInt8(ascii: "#"): return .hash
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): return .open
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): return .close
            case UInt8(ascii: "`"): return .backtick
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
                             punct: Lead.punct.rawValue,
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
        code(&c, untilParen: false)
        return c.finish()
    }

    func code(_ c: inout LexCursor, untilParen: Bool) {
        var depth = 0
        while true {
            let lead = Lead(rawValue: c.nextLead(Self.plainLeads, depth: &depth, stopAtDepthZeroClose: untilParen)).unsafelyUnwrapped
            switch lead {
            case .end: return
            case .identifier: c.identifier()
            case .punct: c.punct()
            case .digit: c.number()
            case .slash:
                if c.peek(1) == UInt8(ascii: "/") { c.lineComment(from: c.pos) }
                else if c.peek(1) == UInt8(ascii: "*") { blockComment(&c) }
                else { c.punct() }
            case .quote: string(&c, hashes: 0)
            case .hash:
                var n = 0
                while c.peek(n) == UInt8(ascii: "#") { n += 1 }
                if c.peek(n) == UInt8(ascii: "\"") { string(&c, hashes: n) }
                else if c.peek(1) == UInt8(ascii: "/") {
                    let start = c.pos
                    c.pos += 2
                    c.skipPast(UInt8(ascii: "/"), UInt8(ascii: "#"))
                    c.emit(Token(.regex, start, c.pos))
                    c.out.nonCode.append(start..<c.pos)
                } else if c.isIdentStart(c.peek(1)) { c.identifier() }  // #if, #available
                else { c.punct() }
            case .open: depth += 1; c.punct()
            case .close:
                if untilParen && depth == 0 && c.peek() == UInt8(ascii: ")") { return }
                depth -= 1; c.punct()
            case .backtick:
                // `default` as an identifier
                let start = c.pos
                c.pos += 1
                while !c.atEnd && c.peek() != UInt8(ascii: "`") && c.peek() != 0x0A { c.pos += 1 }
                if c.peek() == UInt8(ascii: "`") { c.pos += 1 }
                c.emit(Token(.identifier, start, c.pos))
            }
        }
    }

    /// Swift block comments nest.
    func blockComment(_ c: inout LexCursor) {
        let start = c.pos
        c.pos += 2
        var depth = 1
        while !c.atEnd && depth > 0 {
            if c.at("/*") { depth += 1; c.pos += 2 }
            else if c.at("*/") { depth -= 1; c.pos += 2 }
            else { c.pos += 1 }
        }
        c.emit(Token(.comment, start, c.pos))
        c.out.nonCode.append(start..<c.pos)
    }

    /// `c.pos` is at the first `#` (raw) or the quote.
    func string(_ c: inout LexCursor, hashes: Int) {
        let start = c.pos
        c.pos += hashes
        let multi = c.peek(1) == UInt8(ascii: "\"") && c.peek(2) == UInt8(ascii: "\"")
        let quoteLength = multi ? 3 : 1
        c.pos += quoteLength
        let index = c.tokenCount
        var t = Token(.string, start, start)
        t.valueStart = c.pos
        c.emit(t)
        var textStart = start
        var valueEnd = c.pos
        while true {
            if hashes == 0 {
                if multi { c.tripleStringBody(multiStops, quote: UInt8(ascii: "\""), interpolationParen: true) }
                else { c.lineStringBody(singleStops, interpolationParen: true) }
            } else { rawBody(&c, hashes: hashes, multi: multi) }
            valueEnd = c.pos
            if c.atEnd { break }
            let ch = c.peek()
            if ch == UInt8(ascii: "\"") { c.pos = min(c.pos + quoteLength + hashes, c.b.count); break }
            if ch == 0x0A { break }  // unterminated single-line string
            guard ch == UInt8(ascii: "\\") && c.peek(1 + hashes) == UInt8(ascii: "(") else {
                c.pos += 1  // a byte the body pattern left (a backslash at the end of the file): text
                continue
            }
            // At `\(` (or `\#(` in a raw string): interpolation.
            c.pos += 2 + hashes
            c.text(textStart, c.pos)
            c.tokens[index].interpolated = true
            code(&c, untilParen: true)
            textStart = c.pos
            if !c.atEnd { c.pos += 1 }
        }
        c.pos = min(c.pos, c.b.count)
        c.text(textStart, c.pos)
        c.tokens[index].end = c.pos
        c.tokens[index].valueEnd = valueEnd
    }

    /// Stops at the closing quote followed by `hashes` #, at `\#…(` interpolation, or at a newline
    /// in a single-line raw string.
    func rawBody(_ c: inout LexCursor, hashes: Int, multi: Bool) {
        while !c.atEnd {
            let ch = c.peek()
            if ch == 0x0A && !multi { return }
            if ch == UInt8(ascii: "\"") {
                let closeLength = multi ? 3 : 1
                var ok = true
                for k in 0..<closeLength where c.peek(k) != UInt8(ascii: "\"") { ok = false }
                for k in 0..<hashes where c.peek(closeLength + k) != UInt8(ascii: "#") { ok = false }
                if ok { return }
            }
            if ch == UInt8(ascii: "\\") {
                var k = 1
                while k <= hashes && c.peek(k) == UInt8(ascii: "#") { k += 1 }
                if k == hashes + 1 && c.peek(k) == UInt8(ascii: "(") { return }
            }
            c.pos += 1
        }
    }
}
