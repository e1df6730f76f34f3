import Foundation
import SourceScan

/// pydantic `BaseSettings` classes: each field is read from the environment variable of its name,
/// upper-cased (pydantic matches case-insensitively unless `case_sensitive=True`), after the
/// class's `env_prefix` (`model_config = SettingsConfigDict(env_prefix="APP_")` or, in pydantic 1,
/// `class Config: env_prefix = "APP_"`). A field with `Field(alias=…)`, `validation_alias=…` or
/// (pydantic 1) `env=…` is read from that name instead, without the prefix.
enum PydanticSettings {
    static func mayHoldSettings(_ text: String) -> Bool { text.contains("BaseSettings") }

    static let classLine = try! NSRegularExpression(pattern: #"^(\s*)class\s+(\w+)\s*\(([^)]*)\)\s*:"#)
    static let field = try! NSRegularExpression(pattern: #"^([A-Za-z][A-Za-z0-9_]*)\s*:\s*([^=]+?)\s*(?:=\s*(.*))?$"#)
    static let prefix = PythonBlocks.envPrefix, caseSensitive = PythonBlocks.caseSensitive, alias = PythonBlocks.alias

    static func parse(_ text: String, _ file: SourceFile, defaults measure: EnvironmentDefaults? = nil) -> Parsed {
        let lines = text.textLines().map(String.init)
        var out: [Declaration] = []
        var defaults: [Literal] = []
        // Settings classes of this file and their env_prefix: a class deriving from one
        // (`class AppSettings(AppLoggingSettings)`, itself a `BaseSettings`) is one too, with the
        // parent's prefix unless it sets its own. Python defines a base before its subclass.
        var settingsClasses: [String: String] = [:]
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            guard let m = first(classLine, lines[i]) else { continue }
            let bases = group(m, 3, lines[i]).split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
            let parent = bases.first { settingsClasses[$0] != nil }
            guard parent != nil || bases.contains("BaseSettings") else { continue }
            let indent = group(m, 1, lines[i]).count
            // The class body: every following line indented deeper (blank lines and comments passed over).
            let body = PythonBlocks.body(of: lines, opening: i, indent: indent)
            let config = body.map(\.text).joined(separator: "\n")
            let envPrefix = first(prefix, config).map { group($0, 1, config) } ?? parent.flatMap { settingsClasses[$0] } ?? ""
            settingsClasses[group(m, 2, lines[i])] = envPrefix
            let upperCase = first(caseSensitive, config) == nil
            for entry in PythonBlocks.fieldLines(body) {
                guard let f = first(field, entry.text) else { continue }
                let name = group(f, 1, entry.text), annotation = group(f, 2, entry.text)
                guard name != "model_config", !annotation.hasPrefix("ClassVar") else { continue }
                let value = f.range(at: 3).location != NSNotFound ? group(f, 3, entry.text) : ""
                let variable: String
                if value.contains("Field("), let a = first(alias, value) { variable = group(a, 1, value) }
                else { variable = envPrefix + (upperCase ? name.uppercased() : name) }
                if f.range(at: 3).location != NSNotFound, let d = defaultString(value) {
                    // The column of the opening quote: the body line's indentation, the value's
                    // place in the line, and the quote's place in the value (UTF-8 bytes, as the scan counts).
                    let before = (entry.text as NSString).substring(to: f.range(at: 3).location)
                    let column = entry.indent + before.utf8.count + d.offset + 1
                    if let literal = file.defaultLiteral(d.text, of: variable, .schemaDefault, line: entry.line, column: column,
                                                         language: "python", measure) { defaults.append(literal) }
                }
                out.append(file.declare(variable, .settingsField, line: entry.line) {
                    $0.job = "pydantic"; $0.alias = name; $0.valueType = valueType(annotation)
                })
            }
            i = (body.last?.line ?? (i + 1)) - 1   // on past the body (its last line is 1-based)
        }
        return Parsed(declarations: out, defaults: defaults)
    }

    /// A field's constant string default and the byte offset of its opening quote in `value`:
    /// `"…"` or `'…'` as the whole value (a trailing comment aside), or `Field("…", …)` /
    /// `Field(default="…")`. Not an f-string, a concatenation, a string with escapes or a number.
    static func defaultString(_ value: String) -> (text: String, offset: Int)? {
        let bytes = Array(value.utf8)
        func quoted(at start: Int) -> (text: String, end: Int)? {
            guard start < bytes.count, bytes[start] == 0x22 || bytes[start] == 0x27 else { return nil }
            guard let close = bytes[(start + 1)...].firstIndex(of: bytes[start]) else { return nil }
            let inner = bytes[(start + 1)..<close]
            guard !inner.contains(0x5C) else { return nil }   // an escape: not worth unescaping
            if inner.isEmpty, close + 1 < bytes.count, bytes[close + 1] == bytes[start] { return nil }   // a docstring quote
            return (String(decoding: inner, as: UTF8.self), close + 1)
        }
        func skipSpaces(_ i: Int) -> Int {
            var i = i
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            return i
        }
        if let s = quoted(at: 0) {
            let rest = skipSpaces(s.end)
            return rest == bytes.count || bytes[rest] == 0x23 ? (s.text, 0) : nil
        }
        guard value.hasPrefix("Field(") else { return nil }
        let first = skipSpaces(6)
        if let s = quoted(at: first) { return (s.text, first) }
        guard let keyword = value.range(of: "default=") ?? value.range(of: "default =") else { return nil }
        let at = skipSpaces(value.utf8.distance(from: value.startIndex, to: keyword.upperBound))
        return quoted(at: at).map { ($0.text, at) }
    }

    /// The type an annotation gives: `SecretStr` (or a `…Dsn`, a URL with credentials) a
    /// secret, `bool` a flag, `int`/`float` a number, `Literal[…]` one of fixed words, `HttpUrl` a
    /// URL. `Optional[SecretStr]` and `SecretStr | None` are the same.
    static func valueType(_ annotation: String) -> Declaration.ValueType? {
        let words = Set(annotation.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        if words.contains("SecretStr") || words.contains("SecretBytes") || words.contains(where: { $0.hasSuffix("Dsn") }) { return .secret }
        if words.contains("bool") || words.contains("StrictBool") { return .boolean }
        if !words.isDisjoint(with: ["int", "float", "PositiveInt", "NonNegativeInt", "PositiveFloat", "StrictInt", "conint"]) { return .number }
        if words.contains("Literal") { return .enumeration }
        if !words.isDisjoint(with: ["HttpUrl", "AnyUrl", "AnyHttpUrl"]) { return .url }
        return nil
    }

    static func first(_ r: NSRegularExpression, _ s: String) -> NSTextCheckingResult? {
        r.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length))
    }

    static func group(_ m: NSTextCheckingResult, _ i: Int, _ s: String) -> String {
        m.range(at: i).location == NSNotFound ? "" : (s as NSString).substring(with: m.range(at: i))
    }
}

extension PydanticSettings: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { Language(fileName: name)?.family == .python }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed {
        mayHoldSettings(text) ? parse(text, file.source, defaults: file.defaults) : Parsed()
    }
}
