/// The defaults a script gives its variables: `${NAME:-value}`, `${NAME-value}`, `${NAME:=value}`,
/// `${NAME=value}` (also inside `update_env "NAME" "${NAME:-value}"`). Each is the value the
/// script runs with when NAME is unset: hard-coded, so a deployment that kept it holds it.
///
/// Only constant defaults count: one holding `$` or a backtick is computed when the script runs
/// (`${URL:-http://$HOST}`), not hard-coded. `${NAME:+…}` (alternative), `${NAME:?…}` (error),
/// `${NAME#…}`, `${NAME:1:2}` are no defaults. Comment lines are skipped. A default whose value
/// runs over lines (a PEM key in quotes) is read up to its `}`, at most `maxLines` lines on, and
/// placed where its value starts.
enum ShellDefaults {
    struct Found: Equatable {
        var name: String
        var value: String
        var line: Int
        /// 1-based column (in characters) where the value starts.
        var column: Int
    }

    /// How far a default's value may run on past its line: further, the `}` is taken as missing.
    static let maxLines = 64

    static func find(in text: String) -> [Found] {
        var out: [Found] = []
        let lines = text.textLines()
        var index = 0
        while index < lines.count {
            let line = lines[index].hasSuffix("\r") ? lines[index].dropLast() : Substring(lines[index])
            guard line.contains("${"), !line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") else { index += 1; continue }
            // The lines a default left open on this one runs over, joined: one text to read.
            var chunk = Array(line.utf8), last = index
            while unclosedDefault(in: chunk), last + 1 < lines.count, last - index < maxLines {
                last += 1
                let next = lines[last].hasSuffix("\r") ? lines[last].dropLast() : Substring(lines[last])
                chunk.append(0x0A)
                chunk += Array(next.utf8)
            }
            for found in defaults(in: chunk) {
                // Line and column of the value's start within the joined lines.
                let before = chunk[0..<found.start]
                let lineStart = (before.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
                let extraLines = before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                let column = String(decoding: chunk[lineStart..<found.start], as: UTF8.self).count + 1
                out.append(Found(name: found.name, value: found.value, line: index + 1 + extraLines, column: column))
            }
            index = last + 1
        }
        return out
    }

    /// Whether the text opens a default (`${NAME<op>`) whose `}` it does not hold.
    static func unclosedDefault(in b: [UInt8]) -> Bool {
        var i = 0
        while i + 2 < b.count {
            guard b[i] == 0x24, b[i + 1] == 0x7B, VariableNameBytes.isStart(b[i + 2]), i == 0 || b[i - 1] != 0x5C else { i += 1; continue }
            let end = VariableNameBytes.end(of: b, from: i + 2)
            guard let start = valueStart(b, nameEnd: end) else { i = end; continue }
            guard let close = closingBrace(b, from: start) else { return true }
            i = close + 1
        }
        return false
    }

    /// Where the value starts after a name ending at `end`: past `:-` `:=` `-` `=`; nil for no default.
    static func valueStart(_ b: [UInt8], nameEnd end: Int) -> Int? {
        if end + 1 < b.count, b[end] == 0x3A, b[end + 1] == 0x2D || b[end + 1] == 0x3D { return end + 2 }   // :- :=
        if end < b.count, b[end] == 0x2D || b[end] == 0x3D { return end + 1 }                              // - =
        return nil
    }

    /// `${NAME<op>value}` in the text, with the value unquoted (`${X:-"a b"}` → `a b`) and the
    /// byte offset where it starts.
    static func defaults(in b: [UInt8]) -> [(name: String, value: String, start: Int)] {
        var out: [(String, String, Int)] = []
        var i = 0
        while i + 2 < b.count {
            guard b[i] == 0x24, b[i + 1] == 0x7B, VariableNameBytes.isStart(b[i + 2]), i == 0 || b[i - 1] != 0x5C else { i += 1; continue }
            let end = VariableNameBytes.end(of: b, from: i + 2)
            guard let start = valueStart(b, nameEnd: end), let close = closingBrace(b, from: start) else { i = end; continue }
            let name = String(decoding: b[(i + 2)..<end], as: UTF8.self)
            var value = String(decoding: b[start..<close], as: UTF8.self)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
            if !value.contains("$"), !value.contains("`") {
                out.append((name, value, start))
            }
            i = close + 1
        }
        return out
    }

    /// `${NAME<op>value}` on one line, with the 1-based column (in characters) of the value.
    static func defaults(in line: String) -> [(name: String, value: String, column: Int)] {
        let b = Array(line.utf8)
        return defaults(in: b).map { ($0.name, $0.value, String(decoding: b[0..<$0.start], as: UTF8.self).count + 1) }
    }

    /// The `}` that closes a `${` whose operator ends before `from`: nested `${…}` counted.
    static func closingBrace(_ b: [UInt8], from: Int) -> Int? {
        var depth = 0, j = from
        while j < b.count {
            if b[j] == 0x24, j + 1 < b.count, b[j + 1] == 0x7B { depth += 1; j += 2; continue }
            if b[j] == 0x7D {
                if depth == 0 { return j }
                depth -= 1
            }
            j += 1
        }
        return nil
    }
}
