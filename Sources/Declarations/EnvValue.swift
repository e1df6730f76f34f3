/// A value in an env file that goes on over the next lines, as dotenv reads them:
/// - a quoted value whose closing quote is on a later line (`KEY="line one` … `line two"`,
///   also with `'`): a PEM key pasted between quotes is the usual one;
/// - an unquoted PEM block: `KEY=-----BEGIN …-----`, base64 lines, `-----END …-----`.
/// Each line of such a value is part of it: a base64 line ending in `=` is not `NAME=`.
///
/// A value that is never closed (a file cut short, a quote or END line missing) errs towards
/// the value, never towards names: a quote never closed runs to the end of the file, as dotenv
/// reads it, and a PEM block with no END line takes every base64 line after BEGIN. A piece of a
/// key read as a name would be printed; a name read as part of a value is only missed.
enum EnvValue {
    /// The whole value and how many lines after the first it takes; nil for a value on one line.
    static func continued(_ first: Substring, following: ArraySlice<Substring>) -> (value: String, lines: Int)? {
        let start = first.drop { $0 == " " || $0 == "\t" }
        let head = withoutCarriageReturn(start)
        if let quote = head.first, quote == "\"" || quote == "'" {
            let body = head.dropFirst()
            guard closingQuote(quote, in: body) == nil else { return nil }
            var value = String(body)
            for (offset, raw) in following.enumerated() {
                let line = withoutCarriageReturn(raw)
                if let close = closingQuote(quote, in: line) {
                    return (value + "\n" + line[..<close], offset + 1)
                }
                value += "\n" + line
            }
            return following.isEmpty ? nil : (value, following.count)
        }
        if head.hasPrefix("-----BEGIN "), !head.contains("-----END") {
            var value = String(head)
            var taken = 0
            for raw in following {
                let line = withoutCarriageReturn(raw).trimmingCharacters(in: " \t")
                guard line.hasPrefix("-----END") || isPEMBody(line) else { break }
                value += "\n" + line
                taken += 1
                if line.hasPrefix("-----END") { break }
            }
            return taken == 0 ? nil : (value, taken)
        }
        return nil
    }

    /// The index of the quote that closes a value opened with `quote`: in `"…"` a backslash
    /// escapes the next character; in `'…'` nothing is escaped.
    static func closingQuote(_ quote: Character, in text: Substring) -> Substring.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == quote { return i }
            if quote == "\"", c == "\\" {
                i = text.index(after: i)
                if i == text.endIndex { break }
            }
            i = text.index(after: i)
        }
        return nil
    }

    /// A line inside a PEM block: base64, an RFC 1421 header (`Proc-Type: 4,ENCRYPTED`), or blank.
    static func isPEMBody(_ line: String) -> Bool {
        if line.contains(": ") { return true }
        return line.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D }
    }

    static func withoutCarriageReturn(_ line: Substring) -> Substring {
        line.hasSuffix("\r") ? line.dropLast() : line
    }
}
