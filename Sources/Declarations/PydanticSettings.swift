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

    static func parse(_ text: String, _ file: SourceFile) -> Parsed {
        let lines = text.textLines().map(String.init)
        var out: [Declaration] = []
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
                out.append(file.declare(variable, .settingsField, line: entry.line) {
                    $0.job = "pydantic"; $0.alias = name; $0.valueType = valueType(annotation)
                })
            }
            i = (body.last?.line ?? (i + 1)) - 1   // on past the body (its last line is 1-based)
        }
        return Parsed(declarations: out)
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
        mayHoldSettings(text) ? parse(text, file.source) : Parsed()
    }
}
