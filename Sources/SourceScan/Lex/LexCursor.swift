import PCRE

/// Per-thread state the tokenizers reuse: PCRE2 match data.
public final class LexScratch {
    let match = MatchScratch()
    public init() {}
}

/// The byte cursor shared by the three tokenizers: position, output, and the token kinds every
/// language has in common (identifiers, numbers, punctuation, line comments).
struct LexCursor {
    let b: UnsafeBufferPointer<UInt8>
    var pos = 0
    var out = LexedFile()
    let scratch: LexScratch
    /// `$` is an identifier character in JavaScript only.
    let dollarInIdentifiers: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>, scratch: LexScratch, dollarInIdentifiers: Bool) {
        b = bytes
        self.scratch = scratch
        self.dollarInIdentifiers = dollarInIdentifiers
        out.tokens.reserveCapacity(bytes.count / 6)
    }

    var atEnd: Bool { pos >= b.count }
    @inline(__always) func peek(_ k: Int = 0) -> UInt8 { pos + k < b.count ? b[pos + k] : 0 }

    @inline(__always) func isIdentStart(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F || c >= 0x80 || (dollarInIdentifiers && c == 0x24)
    }
    @inline(__always) func isIdentPart(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 0x30 && c <= 0x39) }

    mutating func skipWhitespace() {
        while pos < b.count {
            let c = b[pos]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x0B { pos += 1 } else { break }
        }
    }

    mutating func identifier() {
        let start = pos
        pos += 1
        while pos < b.count && isIdentPart(b[pos]) { pos += 1 }
        out.tokens.append(Token(.identifier, start, pos))
    }

    mutating func number() {
        let start = pos
        pos += 1
        while pos < b.count {
            let c = b[pos]
            if isIdentPart(c) || c == 0x2E { pos += 1 }  // digits, hex, suffixes, separators, dot
            else if (c == 0x2B || c == 0x2D) && (b[pos - 1] | 0x20) == 0x65 { pos += 1 }  // 1e+5
            else { break }
        }
        out.tokens.append(Token(.number, start, pos))
    }

    /// Operators are grouped greedily (`===`, `||`, `??`, `=>`): detectors compare whole operators.
    mutating func punct() {
        let start = pos
        let c = b[pos]
        pos += 1
        if Self.operatorChars[Int(c)] {
            while pos < b.count && Self.operatorChars[Int(b[pos])] && pos - start < 4 { pos += 1 }
        }
        out.tokens.append(Token(.punct, start, pos))
    }

    static let operatorChars: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in "=!<>&|?+-*%^~:".utf8 { t[Int(c)] = true }
        return t
    }()

    /// A comment running to the end of the line (the newline is not part of it).
    mutating func lineComment(from start: Int) {
        var p = pos
        while p < b.count && b[p] != 0x0A { p += 1 }
        pos = p
        out.tokens.append(Token(.comment, start, pos))
        out.nonCode.append(start..<pos)
    }

    /// Runs an anchored body pattern at `pos` and moves past what it matched.
    @inline(__always) mutating func consume(_ regex: Regex) {
        if let end = (try? regex.matchEnd(in: b, from: pos, scratch: scratch.match)) ?? nil { pos = end }
    }

    /// Marks `start..<end` as string text (not code).
    @inline(__always) mutating func text(_ start: Int, _ end: Int) {
        if end > start { out.nonCode.append(start..<end) }
    }

    /// Bytes at `pos` equal `s`?
    @inline(__always) func at(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= b.count else { return false }
        let p = s.utf8Start
        for i in 0..<n where b[pos + i] != p[i] { return false }
        return true
    }

    func lastSignificant() -> Token? {
        var i = out.tokens.count - 1
        while i >= 0 {
            if out.tokens[i].kind != .comment { return out.tokens[i] }
            i -= 1
        }
        return nil
    }

    func text(of t: Token) -> Substring {
        Substring(decoding: UnsafeBufferPointer(rebasing: b[t.start..<t.end]), as: UTF8.self)
    }

    /// Finishes: the non-code ranges must be sorted for binary search; interpolations append
    /// their text parts out of order.
    mutating func finish() -> LexedFile {
        out.nonCode.sort { $0.lowerBound < $1.lowerBound }
        return out
    }
}

/// Compiles a built-in body pattern. They are fixed strings, so a failure is a programming error.
func builtinPattern(_ source: String) -> Regex {
    do { return try Regex(source, options: [.anchored]) } catch { fatalError("built-in tokenizer pattern: \(error)") }
}
