/// langfuse's worker/src/env.ts: the exported object is the result of a function of the module
/// that parses the environment (`const parseEnv = () => { … EnvSchema.parse(process.env) … }`,
/// `export const env = … : parseEnv()`), a zod object as if the parse were written in place.
enum LocalFunctions {
    /// Whether the expression `start..<end` calls a function defined at the top of the module
    /// (`function NAME(`, `const NAME = (…) => …`, `const NAME = function …`) whose body parses
    /// `process.env`.
    static func callsParseOfEnvironment(_ code: CodeTokens, _ start: Int, _ end: Int, environment: Set<String> = []) -> Bool {
        let items = code.items
        for j in start..<end where items[j].kind == .identifier && j + 1 < end && items[j + 1].text == "("
            && (j == 0 || items[j - 1].text != ".") {
            if let body = body(of: items[j].text, code), body.contains(where: { JavaScriptEnvObjects.isParseOfEnvironment(code, $0, environment: environment) }) {
                return true
            }
        }
        return false
    }

    /// The token range of the top-level function `name`'s definition, if the module has one.
    static func body(of name: String, _ code: CodeTokens) -> Range<Int>? {
        let items = code.items
        var depth = 0
        for i in items.indices {
            let t = items[i]
            if t.kind == .punct {
                if ["{", "(", "["].contains(t.text) { depth += 1 } else if ["}", ")", "]"].contains(t.text) { depth -= 1 }
                continue
            }
            guard depth == 0, t.text == name, i > 0, i + 1 < items.count else { continue }
            if items[i - 1].text == "function", items[i + 1].text == "(" {
                let params = code.closing(i + 1)
                guard let open = (params..<items.count).first(where: { items[$0].text == "{" }) else { return nil }
                return i..<code.closing(open)
            }
            if ["const", "let", "var"].contains(items[i - 1].text), let equals = JavaScriptEnvObjects.assignment(items, after: i) {
                let value = equals + 1
                guard value < items.count, ["(", "function", "async"].contains(items[value].text) || items[value].kind == .identifier else { return nil }
                return value..<JavaScriptEnvObjects.expressionEnd(items, from: value)
            }
        }
        return nil
    }
}
