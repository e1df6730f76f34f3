import SourceScan

/// Typed environment schemas in JavaScript/TypeScript:
/// - t3-env `createEnv({ server: {…}, client: {…}, shared: {…}, runtimeEnv: {…} })`: each schema
///   key is a declared variable; `runtimeEnv: { X: process.env.Y }` says X is read from Y (alias);
/// - zod `z.object({ KEY: z.string(), … })` in a file that parses the environment with it (the
///   file mentions `process.env` / `import.meta.env`, or is named `env.*`): each upper-case key.
enum EnvSchemas {
    /// `.object(`, not `z.object`: a chain may break before the dot (trigger.dev's supervisor
    /// writes `export const Env = z⏎  .object({`); the parse itself asks for `z . object ( {`.
    static func mayHoldSchema(_ text: String) -> Bool {
        text.contains("createEnv") || text.contains(".object(")
    }

    static func parse(_ text: String, _ file: SourceFile, defaults measure: EnvironmentDefaults? = nil) -> Parsed {
        let code = CodeTokens(text, family: .javascript)
        let items = code.items
        var out: [Declaration] = []
        var defaults: [Literal] = []
        let language = Language(fileName: String(file.path.split(separator: "/").last ?? ""))?.rawValue ?? "javascript"
        // A key's `.default("…")` is the value the app runs with when the variable is unset.
        func recordDefault(_ key: String, _ k: Int) {
            guard let d = defaultString(code, key: k),
                  let literal = file.defaultLiteral(d.text, of: key, .schemaDefault, line: d.line, column: d.column,
                                                    language: language, measure) else { return }
            defaults.append(literal)
        }
        var covered = Set<Int>()   // token indexes already read as part of a createEnv call
        let readsEnvironment = text.contains("process.env") || text.contains("import.meta.env")
            || file.path.split(separator: "/").last.map { $0.hasPrefix("env.") } == true

        for i in items.indices where items[i].kind == .identifier {
            if items[i].text == "createEnv", i + 2 < items.count, items[i + 1].text == "(", items[i + 2].text == "{" {
                let end = code.closing(i + 2)
                covered.formUnion(i..<end)
                var aliases: [String: String] = [:]
                var declared: [Declaration] = []
                for (section, index) in code.keys(ofObjectAt: i + 2) {
                    guard index + 2 < items.count, items[index + 2].text == "{" else { continue }
                    let keys = code.keys(ofObjectAt: index + 2)
                    if section == "runtimeEnv" || section == "experimental__runtimeEnv" {
                        for (key, k) in keys { if let source = envSource(items, after: k + 1), source != key { aliases[key] = source } }
                    } else if ["server", "client", "shared"].contains(section) {
                        declared += keys.map { key, k in
                            recordDefault(key, k)
                            return file.declare(key, .envSchema, line: items[k].line) { $0.job = "t3-env " + section; $0.valueType = valueType(code, key: k) }
                        }
                    }
                }
                out += declared.map { d in var d = d; d.alias = aliases[d.name]; return d }
            } else if items[i].text == "z", readsEnvironment, !covered.contains(i), i + 4 < items.count,
                      items[i + 1].text == ".", items[i + 2].text == "object", items[i + 3].text == "(", items[i + 4].text == "{" {
                covered.formUnion(i..<code.closing(i + 4))   // an object nested in this one is a value, not a schema
                for (key, k) in code.keys(ofObjectAt: i + 4) where isEnvironmentName(key) {
                    recordDefault(key, k)
                    out.append(file.declare(key, .envSchema, line: items[k].line) { $0.job = "zod"; $0.valueType = valueType(code, key: k) })
                }
            }
        }
        return Parsed(declarations: out, defaults: defaults)
    }

    /// The string a key's schema falls back to, `.default("…")` called on the schema itself (not
    /// inside an argument, as `valueType` reads it): a constant string, not a template with an
    /// interpolation (its text holds `${`: told from the text, so the scan's tokens carry no flag
    /// for it), a number or an expression (`.default(process.env.NODE_ENV)`).
    static func defaultString(_ code: CodeTokens, key: Int) -> CodeTokens.Item? {
        let items = code.items
        for dot in chainDots(code, key: key) where dot + 4 < items.count && items[dot + 1].text == "default"
            && items[dot + 2].text == "(" && items[dot + 3].kind == .string && !items[dot + 3].text.contains("${")
            && items[dot + 4].text == ")" {
            return items[dot + 3]
        }
        return nil
    }

    /// The `.` tokens of the methods called on a key's schema itself: its value up to the key's
    /// comma (or the object's end), each argument skipped whole.
    static func chainDots(_ code: CodeTokens, key: Int) -> [Int] {
        let items = code.items
        var dots: [Int] = []
        var i = key + 2
        while i < items.count {
            let t = items[i]
            if t.kind == .punct, ["(", "[", "{"].contains(t.text) { i = code.closing(i) + 1; continue }
            if t.kind == .punct, [",", "}", ")", "]"].contains(t.text) { break }
            if t.text == "." { dots.append(i) }
            i += 1
        }
        return dots
    }

    /// The type a key's schema gives (`z.boolean()`, `z.coerce.number()`, `z.enum([…])`,
    /// `z.string().url()`): the methods called on the schema itself, outside any argument (a
    /// `.transform((v) => v.length)` says nothing of the variable), up to the key's comma.
    static func valueType(_ code: CodeTokens, key: Int) -> Declaration.ValueType? {
        let items = code.items
        let methods = Set(chainDots(code, key: key).compactMap { dot in
            dot + 1 < items.count && items[dot + 1].kind == .identifier ? items[dot + 1].text : nil
        })
        if methods.contains("boolean") || methods.contains("stringbool") { return .boolean }
        if methods.contains("number") || methods.contains("int") || methods.contains("bigint") { return .number }
        if methods.contains("enum") || methods.contains("nativeEnum") || methods.contains("literal") { return .enumeration }
        if methods.contains("url") { return .url }
        return nil
    }

    /// `process.env.Y`, `process.env["Y"]`, `import.meta.env.Y` right after a key's colon.
    static func envSource(_ items: [CodeTokens.Item], after colon: Int) -> String? {
        var i = colon + 1
        let texts = items[i..<min(items.count, i + 6)].map(\.text)
        if texts.starts(with: ["process", ".", "env"]) { i += 3 }
        else if texts.starts(with: ["import", ".", "meta", ".", "env"]) { i += 5 }
        else { return nil }
        guard i + 1 < items.count else { return nil }
        if items[i].text == ".", items[i + 1].kind == .identifier { return items[i + 1].text }
        if items[i].text == "[", items[i + 1].kind == .string { return items[i + 1].text }
        return nil
    }

    /// `STRIPE_SECRET_KEY`, `NEXT_PUBLIC_URL`: upper case, digits and underscores.
    static func isEnvironmentName(_ s: String) -> Bool {
        guard let f = s.utf8.first, f >= 0x41 && f <= 0x5A else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}

extension EnvSchemas: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { Language(fileName: name)?.family == .javascript }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed {
        mayHoldSchema(text) ? parse(text, file.source, defaults: file.defaults) : Parsed()
    }
}
