import Foundation

/// What the two readers of pydantic settings share: the scan's env objects (PythonEnvObjects, the
/// readers of `settings.x`) and the declarations (PydanticSettings, the names a class declares).
public enum PythonBlocks {
    /// A line of a class body: its text without indentation, its 1-based line, its indentation.
    public typealias BodyLine = (text: String, line: Int, indent: Int)

    /// The body of the block opened on `lines[opening]` (0-based) at indentation `indent`: every
    /// following line indented deeper; blank lines and comments are passed over, not ends.
    public static func body(of lines: [String], opening: Int, indent: Int) -> [BodyLine] {
        var body: [BodyLine] = []
        var j = opening + 1
        while j < lines.count {
            let l = lines[j]
            let trimmed = l.trimmingCharacters(in: blanks)
            let depth = l.prefix { $0 == " " || $0 == "\t" }.count
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), depth <= indent { break }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") { body.append((trimmed, j + 1, depth)) }
            j += 1
        }
        return body
    }

    /// The lines of a class body that may be fields: those at the body's own indentation, outside
    /// docstrings (`"""…"""`, over one line or several).
    public static func fieldLines(_ body: [BodyLine]) -> [BodyLine] {
        let fieldIndent = body.first?.indent ?? 0
        var inDocstring = false
        var out: [BodyLine] = []
        for entry in body where entry.indent == fieldIndent {
            let quotes = entry.text.components(separatedBy: "\"\"\"").count - 1
            if inDocstring || entry.text.hasPrefix("\"\"\"") { if quotes % 2 == 1 { inDocstring.toggle() }; continue }
            out.append(entry)
        }
        return out
    }

    static let blanks = CharacterSet(charactersIn: " \t\r")

    /// `env_prefix="APP_"` (pydantic 2's `SettingsConfigDict`, pydantic 1's `class Config`).
    public static let envPrefix = try! NSRegularExpression(pattern: #"\benv_prefix\s*=\s*["']([^"']*)["']"#)
    /// `case_sensitive=True`: names are not upper-cased.
    public static let caseSensitive = try! NSRegularExpression(pattern: #"\bcase_sensitive\s*=\s*True\b"#)
    /// `Field(alias=…)`, `validation_alias=…`, pydantic 1's `env=…`: the variable's own name.
    public static let alias = try! NSRegularExpression(pattern: #"\b(?:validation_alias|alias|env)\s*=\s*["']([^"']+)["']"#)
}
