/// The bodies of strings and block comments, as byte loops.
///
/// They were anchored PCRE2 patterns (kept in the comments below, and checked against these
/// loops by StringBodyTests); a pcre2_match call costs a few hundred instructions before it reads
/// a byte, and a file has a string every few lines, so the calls cost more than the bytes. Each
/// loop skips ordinary text with one table lookup per byte and decides only at the few bytes
/// that can end or escape the body.
struct BodyStops: @unchecked Sendable {  // an immutable table that lives as long as the process
    /// 256 entries: true for the bytes at which the loop must look closer.
    let table: UnsafePointer<Bool>

    init(_ stops: String) {
        var t = [Bool](repeating: false, count: 256)
        for c in stops.utf8 { t[Int(c)] = true }
        table = LexCursor.table(t)
    }
}

extension LexCursor {
    /// Moves to the next byte in `stops` (or the end).
    @inline(__always) mutating func skip(to stops: BodyStops) {
        var p = pos
        let n = b.count
        while p < n && !stops.table[Int(b[p])] { p += 1 }
        pos = p
    }

    /// `(?:[^Q\\\n]++|\\[\s\S])*+` — a single-line string quoted by Q; `stops` holds Q, `\`, newline.
    /// With `interpolationParen`, `\(` ends the body too (Swift: `(?:[^"\\\n]++|\\[^(])*+`).
    @inline(__always) mutating func lineStringBody(_ stops: BodyStops, interpolationParen: Bool = false) {
        while true {
            skip(to: stops)
            guard pos + 1 < b.count, b[pos] == 0x5C else { return }
            if interpolationParen && b[pos + 1] == UInt8(ascii: "(") { return }
            pos += 2
        }
    }

    /// `(?:[^Q\\]++|\\[^(]|Q(?!QQ))*+` — Swift's multi-line body, up to `"""` or `\(`;
    /// `stops` holds the quote and `\`.
    mutating func tripleStringBody(_ stops: BodyStops, quote q: UInt8, interpolationParen: Bool, braces: Bool = false) {
        while true {
            skip(to: stops)
            guard pos < b.count else { return }
            let ch = b[pos]
            if ch == 0x5C {
                guard pos + 1 < b.count, !(interpolationParen && b[pos + 1] == UInt8(ascii: "(")) else { return }
                pos += 2
            } else if ch == q {
                if peek(1) == q && peek(2) == q { return }
                pos += 1
            } else if braces && ch == UInt8(ascii: "{") {
                guard peek(1) == UInt8(ascii: "{") else { return }
                pos += 2
            } else {
                return  // a newline in a single-line body
            }
        }
    }

    /// Python's bodies, for each quote, single-line or triple, plain or formatted:
    /// `(?:[^Q\\\n{]++|\\[\s\S]|\{\{)*+` and `(?:[^Q\\{]++|\\[\s\S]|\{\{|Q(?!QQ))*+` (no `{` terms
    /// when not formatted). A single-line body treats a quote as its end: `Q(?!QQ)` never applies.
    mutating func pythonStringBody(_ stops: BodyStops, quote q: UInt8, triple: Bool, formatted: Bool) {
        if triple { return tripleStringBody(stops, quote: q, interpolationParen: false, braces: formatted) }
        // `{{` is text; a lone `{` opens a replacement field (`{` is a stop only when formatted).
        escapedBody(stops, special: UInt8(ascii: "{")) { next in next == UInt8(ascii: "{") ? 2 : 0 }
    }

    /// `(?:[^`\\$]++|\\[\s\S]|\$(?!\{))*+` — a JavaScript template's text, up to the closing
    /// backtick or `${`; `stops` holds the backtick, `\` and `$`.
    mutating func templateBody(_ stops: BodyStops) {
        escapedBody(stops, special: UInt8(ascii: "$")) { next in next == UInt8(ascii: "{") ? 0 : 1 }
    }

    /// The loop those bodies share: skip to a stop byte; a backslash takes the byte after it too
    /// (at the end of the file it ends the body); at `special`, `text(next byte)` says how many
    /// bytes are text (0: the body ends there); any other stop ends the body.
    @inline(__always)
    private mutating func escapedBody(_ stops: BodyStops, special: UInt8, text: (UInt8) -> Int) {
        while true {
            skip(to: stops)
            guard pos < b.count else { return }
            let ch = b[pos]
            if ch == 0x5C {
                guard pos + 1 < b.count else { return }
                pos += 2
            } else if ch == special, case let n = text(peek(1)), n > 0 {
                pos += n
            } else {
                return
            }
        }
    }

    /// `[\s\S]*?C1C2` — up to and past the first two-byte closer (`*/`, `/#`); if there is none,
    /// the position stays where it was (as when the pattern did not match).
    mutating func skipPast(_ first: UInt8, _ second: UInt8) {
        var p = pos
        let n = b.count
        while p + 1 < n {
            if b[p] == first && b[p + 1] == second { pos = p + 2; return }
            p += 1
        }
    }
}
