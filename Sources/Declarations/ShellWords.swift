/// A shell command line split as the shell splits it, enough to read the arguments of a command:
/// segments at unquoted `;`, `|` and `&`, words at unquoted blanks. Quotes, `$(…)` and backticks
/// stay inside their word, so `--body "a; b | c"` or `--body "$(cat key.pem)"` is one word
/// (a value split at its blanks gave words that were taken for the name after it).
enum ShellWords {
    static func segments(_ command: String) -> [String] {
        split(command) { $0 == ";" || $0 == "|" || $0 == "&" }
    }

    /// The words of one segment, quotes kept (callers unquote what they use).
    static func words(_ segment: String) -> [String] {
        split(segment) { $0 == " " || $0 == "\t" }.filter { !$0.isEmpty }
    }

    private static func split(_ text: String, at isSeparator: (Character) -> Bool) -> [String] {
        var out: [String] = []
        var current = ""
        var quote: Character?        // the quote we are inside, if any
        var substitution = 0         // depth of `$(` … `)` outside quotes
        var backtick = false
        var previous: Character?
        var escaped = false
        for c in text {
            defer { previous = c }
            if escaped { escaped = false; current.append(c); continue }
            if c == "\\", quote != "'" { escaped = true; current.append(c); continue }
            if let q = quote {
                if c == q { quote = nil }
                current.append(c)
                continue
            }
            if c == "\"" || c == "'" { quote = c; current.append(c); continue }
            if c == "`" { backtick.toggle(); current.append(c); continue }
            if c == "(", previous == "$" { substitution += 1; current.append(c); continue }
            if c == ")", substitution > 0 { substitution -= 1; current.append(c); continue }
            if substitution == 0, !backtick, isSeparator(c) {
                out.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        out.append(current)
        return out
    }
}
