import Foundation

/// Settings objects in Python:
/// - pydantic `BaseSettings` classes, and classes inheriting one through another settings class
///   (`class AppSettings(AppLoggingSettings)`): each field is read from the variable of its name
///   upper-cased (unless `case_sensitive=True`) after the class's `env_prefix`, or from its
///   `alias` / `validation_alias` / (pydantic 1) `env`; a subclass has its bases' fields too;
/// - a Django settings module (`settings.py`, `settings/*.py`): each upper-case module-level
///   name whose value reads the environment (`SECRET_KEY = os.environ["SECRET_KEY"]`).
///
/// Reads: `settings.SMTP_PASSWORD`, `self.settings.X`, `get_app_settings().X` — a receiver
/// whose name ends in `settings` (any case), or a module-level instance of a settings class —
/// when the property is a field of a settings object of the same root.
enum PythonEnvObjects {
    static let classLine = try! NSRegularExpression(pattern: #"^(\s*)class\s+(\w+)\s*\(([^)]*)\)\s*:"#)
    static let field = try! NSRegularExpression(pattern: #"^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([^=]+?)\s*(?:=\s*(.*))?$"#)
    static let prefix = PythonBlocks.envPrefix, caseSensitive = PythonBlocks.caseSensitive, alias = PythonBlocks.alias
    static let moduleAssignment = try! NSRegularExpression(pattern: #"^([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]*)?=\s*([A-Za-z_][A-Za-z0-9_]*)\s*\("#)

    /// A class with bases, as written; whether it is a settings class is decided across files.
    struct ClassDefinition {
        var name: String
        var bases: [String]
        var path: String
        var root: Int
        var line: Int
        /// The last line of the class's body.
        var endLine: Int
        var envPrefix: String?
        var caseSensitive: Bool
        /// Field name → (explicit alias, line, column).
        var fields: [(name: String, alias: String?, line: Int, column: Int)]
    }

    static func classes(_ text: String, path: String, root: Int) -> [ClassDefinition] {
        let lines = sourceLines(text)
        var out: [ClassDefinition] = []
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            guard let m = first(classLine, lines[i]) else { continue }
            let indent = group(m, 1, lines[i]).count
            let bases = group(m, 3, lines[i]).split(separator: ",").map {
                String($0.split(separator: "=").first ?? "").trimmingCharacters(in: .whitespaces)
            }.map { $0.split(separator: ".").last.map(String.init) ?? $0 }
            let body = PythonBlocks.body(of: lines, opening: i, indent: indent)
            let config = body.map(\.text).joined(separator: "\n")
            var definition = ClassDefinition(name: group(m, 2, lines[i]), bases: bases, path: path, root: root, line: i + 1,
                                             endLine: body.last?.line ?? i + 1,
                                             envPrefix: first(prefix, config).map { group($0, 1, config) },
                                             caseSensitive: first(caseSensitive, config) != nil, fields: [])
            for entry in PythonBlocks.fieldLines(body) {
                guard let f = first(field, entry.text) else { continue }
                let name = group(f, 1, entry.text), annotation = group(f, 2, entry.text)
                guard name != "model_config", !name.hasPrefix("_"), !annotation.hasPrefix("ClassVar") else { continue }
                let value = group(f, 3, entry.text)
                let explicit = value.contains("Field(") ? first(alias, value).map { group($0, 1, value) } : nil
                definition.fields.append((name, explicit, entry.line, entry.indent + 1))
            }
            out.append(definition)
        }
        return out
    }

    /// The settings classes among `classes` (all files of a root): those with `BaseSettings` as a
    /// base, then those with a settings class as a base, to a fixed point. Each has its bases'
    /// fields (and prefix) too.
    static func settingsObjects(_ classes: [ClassDefinition]) -> [EnvObject] {
        var settings: [String: ClassDefinition] = [:]
        var changed = true
        while changed {
            changed = false
            for c in classes where settings[c.name] == nil
                && c.bases.contains(where: { $0 == "BaseSettings" || settings[$0] != nil }) {
                settings[c.name] = c
                changed = true
            }
        }
        func chain(_ c: ClassDefinition, _ seen: Set<String> = []) -> [ClassDefinition] {
            [c] + c.bases.compactMap { settings[$0] }.filter { !seen.contains($0.name) }.flatMap { chain($0, seen.union([c.name])) }
        }
        return settings.values.sorted { ($0.path, $0.line) < ($1.path, $1.line) }.map { c in
            let lineage = chain(c)
            let envPrefix = lineage.compactMap(\.envPrefix).first ?? ""
            let caseSensitive = lineage.contains(where: \.caseSensitive)
            var properties: [String: EnvObject.Property] = [:]
            for ancestor in lineage.reversed() {
                for f in ancestor.fields {
                    let variable = f.alias ?? envPrefix + (caseSensitive ? f.name : f.name.uppercased())
                    properties[f.name] = .init(variables: [variable], line: f.line, column: f.column)
                }
            }
            return EnvObject(root: c.root, path: c.path, line: c.line, bindings: [c.name], form: .pydantic, properties: properties)
        }
    }

    /// The own fields of a settings class, where the class reads them when it is built.
    static func fieldReads(_ object: EnvObject, _ classes: [ClassDefinition]) -> [(variable: String, line: Int, column: Int)] {
        guard let c = classes.first(where: { $0.path == object.path && $0.line == object.line }) else { return [] }
        return c.fields.compactMap { f in object.properties?[f.name].map { ($0.variables[0], f.line, f.column) } }
    }

    /// `self.FIELD` in the class's own methods (`def db_url(self): … self.POSTGRES_PASSWORD`).
    static func selfReads(_ object: EnvObject, _ classes: [ClassDefinition], code: CodeTokens)
        -> [(variable: String, at: CodeTokens.Item)] {
        guard let c = classes.first(where: { $0.path == object.path && $0.line == object.line }) else { return [] }
        let items = code.items
        var out: [(String, CodeTokens.Item)] = []
        for j in items.indices.dropFirst(2) where items[j].kind == .identifier && items[j].line > c.line && items[j].line <= c.endLine
            && items[j - 1].text == "." && items[j - 2].text == "self" && (j + 1 == items.count || items[j + 1].text != "(") {
            out += object.variables(of: items[j].text).map { ($0, items[j]) }
        }
        return out
    }

    static func isDjangoSettings(_ path: String) -> Bool {
        path == "settings.py" || path.hasSuffix("/settings.py") || path.contains("/settings/") || path.hasPrefix("settings/")
    }

    /// A Django settings module: upper-case module-level names whose value reads the environment,
    /// directly or through module-level names above it (saleor: `email_config =
    /// dj_email_url.parse(EMAIL_URL)`, then `EMAIL_HOST_PASSWORD: str = email_config.get(…)`
    /// reads EMAIL_URL). Annotated assignments (`NAME: str = …`) count.
    static func djangoSettings(_ text: String, path: String, root: Int, readers: [Reader]) -> EnvObject? {
        let lines = sourceLines(text)
        var starts: [(name: String, line: Int)] = []
        for (n, l) in lines.enumerated() {
            guard let c = l.utf8.first, c != 0x20, c != 0x09, c != 0x23, c != 0x29, c != 0x5D, c != 0x7D else { continue }
            starts.append((assignedName(l) ?? "", n + 1))
        }
        guard starts.contains(where: { !$0.name.isEmpty }) else { return nil }
        // The names each line mentions (not after a `.`), outside comments and strings.
        var mentioned: [Int: [String]] = [:]
        let items = CodeTokens(text, family: .python).items
        for (i, t) in items.enumerated() where t.kind == .identifier && (i == 0 || items[i - 1].text != ".") {
            mentioned[t.line, default: []].append(t.text)
        }
        var reads: [String: [String]] = [:]   // module-level name → the variables its value reads
        var properties: [String: EnvObject.Property] = [:]
        for (k, start) in starts.enumerated() where !start.name.isEmpty {
            let last = k + 1 < starts.count ? starts[k + 1].line - 1 : lines.count
            var names = readers.filter { $0.line >= start.line && $0.line <= last }.map(\.name)
            for line in start.line...max(start.line, last) {
                for (m, word) in (mentioned[line] ?? []).enumerated() where !(line == start.line && m == 0) {
                    names += reads[word] ?? []
                }
            }
            names = JavaScriptEnvObjects.unique(names)
            reads[start.name] = names
            if EnvNames.isVariableName(start.name), !names.isEmpty {
                properties[start.name] = .init(variables: names, line: start.line, column: 1)
            }
        }
        guard !properties.isEmpty else { return nil }
        return EnvObject(root: root, path: path, line: 1, bindings: ["settings"], form: .django, properties: properties)
    }

    /// `NAME = …` or `NAME: type = …` at the start of `line`: NAME.
    static func assignedName(_ line: String) -> String? {
        let name = String(line.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        guard !name.isEmpty, !(name.first?.isNumber ?? true) else { return nil }
        var rest = line.dropFirst(name.count).drop { $0 == " " }
        if rest.hasPrefix(":") {
            // An annotation, to its `=` (a type has no `=`).
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            rest = rest[equals...]
        }
        return rest.hasPrefix("=") && !rest.hasPrefix("==") ? name : nil
    }

    /// Module-level instances of settings classes: `settings = Settings()`, `conf: AppConfig = AppConfig()`.
    static func instances(_ text: String, of classNames: Set<String>) -> [String] {
        sourceLines(text).compactMap { l in
            guard let m = first(moduleAssignment, l), classNames.contains(group(m, 2, l)) else { return nil }
            return group(m, 1, l)
        }
    }

    /// Property reads of settings objects in a file: `(variable, property token, object)`.
    static func reads(_ code: CodeTokens, properties: [String: (EnvObject, EnvObject.Property)],
                      instances: Set<String>) -> [(variable: String, at: CodeTokens.Item, object: EnvObject, receiver: String)] {
        let items = code.items
        var out: [(String, CodeTokens.Item, EnvObject, String)] = []
        func isReceiver(_ name: String) -> Bool { name.lowercased().hasSuffix("settings") || instances.contains(name) }
        for j in items.indices where items[j].kind == .identifier && isReceiver(items[j].text) {
            if j > 0, items[j - 1].text == "." { guard j > 1, ["self", "cls"].contains(items[j - 2].text) else { continue } }
            var k = j + 1
            if k < items.count, items[k].text == "(" { k = code.closing(k) + 1 }   // get_app_settings().X
            guard k + 1 < items.count, items[k].text == ".", items[k + 1].kind == .identifier,
                  let defined = properties[items[k + 1].text] else { continue }
            out += defined.1.variables.map { ($0, items[k + 1], defined.0, items[j].text) }
        }
        return out
    }

    /// The file's lines without their line breaks (`\n`, `\r\n`).
    static func sourceLines(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift: a split at "\n" alone would not split it.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
    }

    static func first(_ r: NSRegularExpression, _ s: String) -> NSTextCheckingResult? {
        r.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length))
    }

    static func group(_ m: NSTextCheckingResult, _ i: Int, _ s: String) -> String {
        i < m.numberOfRanges && m.range(at: i).location != NSNotFound ? (s as NSString).substring(with: m.range(at: i)) : ""
    }
}
