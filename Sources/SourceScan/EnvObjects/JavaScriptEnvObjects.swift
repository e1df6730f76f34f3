/// Env objects a JavaScript / TypeScript module exports (`export const NAME = …`,
/// `export default …`, or a `const` exported by `export default NAME`), by what builds them:
/// - t3-env `createEnv({ server: {…}, client: {…}, shared: {…}, runtimeEnv: { X: process.env.Y } })`:
///   each schema key, read from its runtimeEnv source when that names another variable;
/// - envalid `cleanEnv(process.env, { X: str(), … })`: each key;
/// - zod `Schema.parse(process.env)` (also `safeParse`, `parseAsync`): the upper-case keys of the
///   file's `object({…})` / `extend({…})` schemas;
/// - a plain object `{ X: process.env.X, apiKey: process.env.STRIPE_KEY }`: each key that reads;
/// - `process.env` itself or a call wrapping it (`withFileSecrets(process.env)`): a proxy;
/// - `new Config()` of a class of the file whose fields read the environment
///   (`public SECRET_KEY = environment.SECRET_KEY ?? ""`).
enum JavaScriptEnvObjects {
    /// The objects `code` exports; `readers` are the file's readers (a property's reads are those
    /// inside its value).
    static func definitions(_ code: CodeTokens, path: String, root: Int, readers: [Reader]) -> [EnvObject] {
        let items = code.items
        var out: [EnvObject] = []
        var locals: [String: Int] = [:]   // `const NAME =` at the top level → its initializer
        let environment = StdEnvImports.environmentNames(code)
        let functions = LocalFunctions(code, environment: environment)
        var depth = 0
        var i = 0
        while i < items.count {
            let t = items[i]
            if t.kind == .punct {
                if ["{", "(", "["].contains(t.text) { depth += 1 } else if ["}", ")", "]"].contains(t.text) { depth -= 1 }
                i += 1; continue
            }
            guard depth == 0, t.kind == .identifier else { i += 1; continue }
            var binding: String?, start: Int?, line = t.line
            if t.text == "export", i + 1 < items.count, items[i + 1].text == "{" {
                // `export { env }` / `export { env as config }` of a `const` above.
                let close = code.closing(i + 1)
                var k = i + 2
                while k < close {
                    if items[k].kind == .identifier, let initializer = locals[items[k].text] {
                        let exported = k + 2 < close && items[k + 1].text == "as" ? items[k + 2].text : items[k].text
                        if let analyzed = analyze(code, initializer, readers: readers, functions: functions, environment: environment) {
                            out.append(EnvObject(root: root, path: path, line: items[initializer].line, bindings: [exported],
                                                 form: analyzed.form, properties: analyzed.properties))
                        }
                        k += exported == items[k].text ? 1 : 3
                        continue
                    }
                    k += 1
                }
                i = close + 1
                continue
            }
            if t.text == "export", i + 1 < items.count, items[i + 1].text == "default" {
                binding = "default"; start = i + 2
                // `export default env;` of a `const env = …` above.
                if i + 2 < items.count, let initializer = locals[items[i + 2].text], i + 3 >= items.count || items[i + 3].text == ";" {
                    start = initializer; line = items[initializer].line
                }
            } else if ["const", "let", "var"].contains(t.text), i + 2 < items.count, items[i + 1].kind == .identifier,
                      let equals = assignment(items, after: i + 1) {
                let exported = i > 0 && items[i - 1].text == "export"
                locals[items[i + 1].text] = equals + 1
                if exported { binding = items[i + 1].text; start = equals + 1; line = items[i - 1].line }
            }
            if let binding, let start, start < items.count, let analyzed = analyze(code, start, readers: readers, functions: functions, environment: environment) {
                out.append(EnvObject(root: root, path: path, line: line, bindings: [binding], form: analyzed.form,
                                     properties: analyzed.properties))
            }
            i += 1
        }
        return out
    }

    /// The index of the `=` of `const NAME = …` / `const NAME: Type = …`.
    static func assignment(_ items: [CodeTokens.Item], after name: Int) -> Int? {
        var j = name + 1
        while j < items.count, j < name + 24 {
            if items[j].text == "=" { return j }
            if [";", "{", "(", "=>"].contains(items[j].text) && !(items[j].text == "{" && j > name + 1 && items[j - 1].text == ":") { return nil }
            j += 1
        }
        return nil
    }

    /// `environment`: the module's names of std-env's `env` (StdEnvImports), which stand for
    /// `process.env`.
    static func analyze(_ code: CodeTokens, _ start: Int, readers: [Reader], functions: LocalFunctions, environment: Set<String> = [])
        -> (form: EnvObject.Form, properties: [String: EnvObject.Property]?)? {
        let items = code.items
        let first = items[start]
        let end = expressionEnd(items, from: start)
        if first.text == "createEnv", start + 2 < items.count, items[start + 1].text == "(", items[start + 2].text == "{" {
            return (.t3Env, t3Properties(code, objectAt: start + 2))
        }
        if first.text == "cleanEnv", start + 1 < items.count, items[start + 1].text == "(" {
            let close = code.closing(start + 1)
            var j = start + 2, level = 0, afterComma = false
            while j < close {
                let text = items[j].text
                if level == 0, text == "," { afterComma = true }
                else if level == 0, afterComma, text == "{" { return (.envalid, keyProperties(code, objectAt: j)) }
                if ["{", "(", "["].contains(text) { level += 1 } else if ["}", ")", "]"].contains(text) { level -= 1 }
                j += 1
            }
            return nil
        }
        if (start..<end).contains(where: { isParseOfEnvironment(code, $0, environment: environment) })
            || functions.callsParseOfEnvironment(start, end) {
            var properties: [String: EnvObject.Property] = [:]
            for j in items.indices where j > 1 && items[j - 1].text == "." && ["object", "extend"].contains(items[j].text)
                && j + 2 < items.count && items[j + 1].text == "(" && items[j + 2].text == "{" {
                for (key, k) in code.keys(ofObjectAt: j + 2) where EnvNames.isVariableName(key) && properties[key] == nil {
                    properties[key] = .init(variables: [key], line: items[k].line, column: items[k].column)
                }
            }
            return properties.isEmpty ? nil : (.zod, properties)
        }
        if first.text == "{" {
            var properties: [String: EnvObject.Property] = [:]
            let close = code.closing(start)
            // Nested literals by path too (`db.url`), for `config.db.url` (EnvObjectPaths).
            for (key, k) in EnvObjectPaths.nestedKeys(code, objectAt: start, prefix: "") where k + 2 < close {
                let valueEnd = valueEnd(items, from: k + 2, limit: close)
                let names = readers.within(items[k + 2], items[max(k + 2, valueEnd - 1)]).map(\.name)
                if !names.isEmpty { properties[key] = .init(variables: unique(names), line: items[k].line, column: items[k].column) }
            }
            return properties.isEmpty ? nil : (.object, properties)
        }
        if end - start <= 12, let p = (start..<end).first(where: { isProcessEnv(items, $0) }),
           p + 3 >= end || [")", ";", ","].contains(items[p + 3].text) {
            return (.proxy, nil)
        }
        if end - start <= 12, let p = (start..<end).first(where: { StdEnvImports.isEnvironment(items, $0, names: environment) }),
           p + 1 >= end || [")", ";", ","].contains(items[p + 1].text) {
            return (.proxy, nil)
        }
        if first.text == "new", start + 1 < items.count, items[start + 1].kind == .identifier {
            let properties = classFields(code, named: items[start + 1].text, readers: readers)
            return properties.isEmpty ? nil : (.classFields, properties)
        }
        return nil
    }

    /// t3-env: schema keys of `server` / `client` / `shared`, each read from its `runtimeEnv`
    /// source (`X: process.env.Y` reads Y).
    static func t3Properties(_ code: CodeTokens, objectAt open: Int) -> [String: EnvObject.Property] {
        let items = code.items
        var aliases: [String: String] = [:]
        var properties: [String: EnvObject.Property] = [:]
        for (section, index) in code.keys(ofObjectAt: open) {
            guard index + 2 < items.count, items[index + 2].text == "{" else { continue }
            let keys = code.keys(ofObjectAt: index + 2)
            if section == "runtimeEnv" || section == "experimental__runtimeEnv" {
                for (key, k) in keys { if let source = envSource(items, colon: k + 1), source != key { aliases[key] = source } }
            } else if ["server", "client", "shared"].contains(section) {
                for (key, k) in keys { properties[key] = .init(variables: [key], line: items[k].line, column: items[k].column) }
            }
        }
        for (key, source) in aliases where properties[key] != nil { properties[key]!.variables = [source] }
        return properties
    }

    static func keyProperties(_ code: CodeTokens, objectAt open: Int) -> [String: EnvObject.Property] {
        var properties: [String: EnvObject.Property] = [:]
        for (key, k) in code.keys(ofObjectAt: open) {
            properties[key] = .init(variables: [key], line: code.items[k].line, column: code.items[k].column)
        }
        return properties
    }

    /// Fields of `class NAME { … }` written `[modifiers] FIELD = value;` whose value reads the
    /// environment (a reader of the file inside it).
    static func classFields(_ code: CodeTokens, named name: String, readers: [Reader]) -> [String: EnvObject.Property] {
        let items = code.items
        guard let c = items.indices.first(where: { items[$0].text == "class" && $0 + 1 < items.count && items[$0 + 1].text == name }),
              let open = (c..<items.count).first(where: { items[$0].text == "{" }) else { return [:] }
        let close = code.closing(open)
        var properties: [String: EnvObject.Property] = [:]
        var j = open + 1
        let modifiers: Set<String> = ["public", "private", "protected", "readonly", "static", "declare", "override"]
        while j + 1 < close {
            let t = items[j]
            if t.kind == .punct, ["{", "(", "["].contains(t.text) { j = code.closing(j) + 1; continue }
            let previous = items[j - 1].text
            if t.kind == .identifier, !modifiers.contains(t.text), items[j + 1].text == "=",
               [";", "{", "}", ")"].contains(previous) || modifiers.contains(previous) {
                let end = valueEnd(items, from: j + 2, limit: close, stopAtSemicolon: true)
                if j + 2 < end {
                    let names = readers.within(items[j + 2], items[end - 1]).map(\.name)
                    if !names.isEmpty { properties[t.text] = .init(variables: unique(names), line: t.line, column: t.column) }
                }
                j = max(end, j + 1)
                continue
            }
            j += 1
        }
        return properties
    }

    /// `.parse(process.env)`, `.safeParse(process.env)`, `.parseAsync(process.env)` at `i`, also
    /// of a copy (`.parse(removeEmptyEnvVariables(process.env))`), or of std-env's `env` under one
    /// of the `environment` names.
    static func isParseOfEnvironment(_ code: CodeTokens, _ i: Int, environment: Set<String> = []) -> Bool {
        let items = code.items
        guard ["parse", "safeParse", "parseAsync"].contains(items[i].text), i > 0, items[i - 1].text == ".",
              i + 1 < items.count, items[i + 1].text == "(" else { return false }
        return (i + 2..<code.closing(i + 1)).contains {
            isProcessEnv(items, $0) || StdEnvImports.isEnvironment(items, $0, names: environment)
        }
    }

    static func isProcessEnv(_ items: [CodeTokens.Item], _ i: Int) -> Bool {
        i + 2 < items.count && items[i].text == "process" && items[i + 1].text == "." && items[i + 2].text == "env"
            && (i == 0 || items[i - 1].text != ".")
    }

    /// `process.env.Y` / `process.env["Y"]` right after a key's colon.
    static func envSource(_ items: [CodeTokens.Item], colon: Int) -> String? {
        let i = colon + 1
        guard isProcessEnv(items, i), i + 4 < items.count else { return nil }
        if items[i + 3].text == ".", items[i + 4].kind == .identifier { return items[i + 4].text }
        if items[i + 3].text == "[", items[i + 4].kind == .string { return items[i + 4].text }
        return nil
    }

    /// The end (exclusive) of the expression starting at `start`: a `;` at its level, or the
    /// next top-level statement.
    static func expressionEnd(_ items: [CodeTokens.Item], from start: Int) -> Int {
        var level = 0, j = start
        let statements: Set<String> = ["export", "const", "let", "var", "function", "class", "import"]
        while j < items.count {
            let t = items[j]
            if t.kind == .punct {
                if ["{", "(", "["].contains(t.text) { level += 1 }
                else if ["}", ")", "]"].contains(t.text) { level -= 1; if level < 0 { return j } }
                else if t.text == ";", level == 0 { return j }
            } else if level == 0, j > start, t.kind == .identifier, statements.contains(t.text) { return j }
            j += 1
        }
        return items.count
    }

    /// The end (exclusive) of a property's value: the `,` (or `;`) at its level, or `limit`.
    static func valueEnd(_ items: [CodeTokens.Item], from start: Int, limit: Int, stopAtSemicolon: Bool = false) -> Int {
        var level = 0, j = start
        while j < limit {
            let text = items[j].text
            if items[j].kind == .punct {
                if ["{", "(", "["].contains(text) { level += 1 }
                else if ["}", ")", "]"].contains(text) { level -= 1; if level < 0 { return j } }
                else if level == 0, text == (stopAtSemicolon ? ";" : ",") { return j }
            }
            j += 1
        }
        return limit
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
