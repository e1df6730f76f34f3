/// The defaults a script gives its variables: `${NAME:-value}`, `${NAME-value}`, `${NAME:=value}`,
/// `${NAME=value}` (also inside `update_env "NAME" "${NAME:-value}"`). Each is the value the
/// script runs with when NAME is unset: hard-coded, so a deployment that kept it holds it.
///
/// Only constant defaults count: one holding `$` or a backtick is computed when the script runs
/// (`${URL:-http://$HOST}`), not hard-coded. `${NAME:+…}` (alternative), `${NAME:?…}` (error),
/// `${NAME#…}`, `${NAME:1:2}` are no defaults. Comment lines are skipped; a default is looked for
/// on its own line (a default split over lines is rare and not read).
enum ShellDefaults {
    struct Found: Equatable {
        var name: String
        var value: String
        var line: Int
        /// 1-based column (in characters) where the value starts.
        var column: Int
    }

    static func find(in text: String) -> [Found] {
        var out: [Found] = []
        for (index, raw) in text.textLines().enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : Substring(raw)
            guard line.contains("${"), !line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") else { continue }
            for found in defaults(in: String(line)) {
                out.append(Found(name: found.name, value: found.value, line: index + 1, column: found.column))
            }
        }
        return out
    }

    /// `${NAME<op>value}` on one line, with the value unquoted (`${X:-"a b"}` → `a b`).
    static func defaults(in line: String) -> [(name: String, value: String, column: Int)] {
        let b = Array(line.utf8)
        var out: [(String, String, Int)] = []
        var i = 0
        while i + 2 < b.count {
            guard b[i] == 0x24, b[i + 1] == 0x7B, VariableNameBytes.isStart(b[i + 2]), i == 0 || b[i - 1] != 0x5C else { i += 1; continue }
            let end = VariableNameBytes.end(of: b, from: i + 2)
            var start = end
            if end + 1 < b.count, b[end] == 0x3A, b[end + 1] == 0x2D || b[end + 1] == 0x3D { start = end + 2 }   // :- :=
            else if end < b.count, b[end] == 0x2D || b[end] == 0x3D { start = end + 1 }                        // - =
            guard start > end, let close = closingBrace(b, from: start) else { i = end; continue }
            let name = String(decoding: b[(i + 2)..<end], as: UTF8.self)
            var value = String(decoding: b[start..<close], as: UTF8.self)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
            if !value.contains("$"), !value.contains("`") {
                out.append((name, value, String(decoding: b[0..<start], as: UTF8.self).count + 1))
            }
            i = close + 1
        }
        return out
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
