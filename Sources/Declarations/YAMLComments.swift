/// YAML comments blanked out of a file's text, for the passes that search the text itself (a
/// workflow's `${{ … }}` expressions): GitHub ignores `# ${{ secrets.OLD }} no longer used`, so
/// it is no reference. What is not a comment stays, at the same UTF-16 offsets and lines:
/// - a block scalar's lines (`run: |`): the shell's `#` lines are still evaluated by GitHub;
/// - a `#` inside a quoted scalar, or not after a blank (`https://host/#frag`).
/// A comment's characters become spaces; line ends are kept, so line numbers do not move.
/// Works on Unicode scalars: a CRLF is one `Character`, and splitting on "\n" would miss it.
enum YAMLComments {
    static func masked(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "#")) else { return text }
        var out = String.UnicodeScalarView()
        // The column a block scalar's lines must be indented beyond, while inside one.
        var blockParent: Int?
        var line: [Unicode.Scalar] = []
        func flush() {
            let indent = line.prefix { $0 == " " }.count
            if let parent = blockParent {
                if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) || indent > parent { out.append(contentsOf: line); return }
                blockParent = nil
            }
            let comment = commentStart(line)
            let code = line[..<(comment ?? line.count)]
            out.append(contentsOf: code)
            if let comment {
                for scalar in line[comment...] {
                    if scalar == "\r" { out.append(scalar) } else { out.append(contentsOf: repeatElement(" ", count: scalar.utf16.count)) }
                }
            }
            if opensBlockScalar(code) { blockParent = keyColumn(line) }
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                flush()
                out.append(scalar)
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(scalar)
            }
        }
        flush()
        return String(out)
    }

    /// Where a comment starts on a line outside block scalars: a `#` at the start or after a
    /// blank, not inside a quoted scalar (one opened where a value may start).
    static func commentStart(_ line: [Unicode.Scalar]) -> Int? {
        var quote: Unicode.Scalar?
        var previous: Unicode.Scalar?
        var lastSignificant: Unicode.Scalar?
        var i = 0
        while i < line.count {
            let c = line[i]
            if let q = quote {
                if c == q {
                    if q == "'", i + 1 < line.count, line[i + 1] == "'" { i += 2; previous = "'"; continue }  // '' inside '…'
                    quote = nil
                } else if q == "\"", c == "\\" {
                    i += 2
                    continue
                }
            } else if c == "#", previous == nil || previous == " " || previous == "\t" {
                return i
            } else if c == "\"" || c == "'", lastSignificant.map({ ":-[{,?".unicodeScalars.contains($0) }) ?? true,
                      previous.map({ " [{,".unicodeScalars.contains($0) }) ?? true {
                quote = c
            }
            if c != " " && c != "\t" { lastSignificant = c }
            previous = c
            i += 1
        }
        return nil
    }

    /// `key: |`, `- >-`, `run: |2+`: the line's value is a block scalar, its text on the lines below.
    static func opensBlockScalar(_ code: ArraySlice<Unicode.Scalar>) -> Bool {
        let trimmed = code.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        let indicators = trimmed.prefix { ("0"..."9").contains($0) || $0 == "+" || $0 == "-" }
        let rest = trimmed.dropFirst(indicators.count)
        guard let mark = rest.first, mark == "|" || mark == ">" else { return false }
        let before = rest.dropFirst().first
        return before == nil || before == " " || before == "\t"
    }

    /// The column of the line's key (after any `- ` sequence markers): a block scalar's lines are
    /// indented beyond it.
    static func keyColumn(_ line: [Unicode.Scalar]) -> Int {
        var column = 0
        while true {
            while column < line.count, line[column] == " " { column += 1 }
            guard column < line.count, line[column] == "-", column + 1 == line.count || line[column + 1] == " " else { return column }
            column += 1
        }
    }
}
