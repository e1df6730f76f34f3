/// Here-documents in a shell script (`cat > f <<'EOF'` … `EOF`, also `<<-EOF` and `<<"EOF"`):
/// the way a workflow step writes a task definition inline before registering it.
enum Heredocs {
    struct Body { var text: String; var firstLine: Int }   // firstLine: 0-based line in the script

    static func bodies(in script: String) -> [Body] {
        var out: [Body] = []
        let lines = script.textLines()
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            guard let marker = terminator(in: lines[i]) else { continue }
            let start = i + 1
            var end = start
            while end < lines.count, lines[end].trimmingCharacters(in: " \t\r") != marker { end += 1 }
            out.append(Body(text: lines[start..<min(end, lines.count)].joined(separator: "\n"), firstLine: start))
            i = end
        }
        return out
    }

    /// The word after `<<` (or `<<-`), unquoted; nil for `<<<` here-strings and lines without one.
    static func terminator(in line: Substring) -> String? {
        guard let range = line.range(of: "<<"), !line[range.upperBound...].hasPrefix("<") else { return nil }
        var rest = line[range.upperBound...]
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " }
        let word = rest.prefix { !" \t;|&>)".contains($0) }
        let marker = word.trimmingCharacters(in: "'\"")
        return marker.isEmpty ? nil : marker
    }
}
