/// langfuse's worker/src/env.ts: the exported object is the result of a function of the module
/// that parses the environment (`const parseEnv = () => { … EnvSchema.parse(process.env) … }`,
/// `export const env = … : parseEnv()`), a zod object as if the parse were written in place.
///
/// One index per module, built in one pass the first time a call asks: looking each called name
/// up by a pass over the whole module made a module of many exported expressions full of calls
/// (a tRPC router) quadratic — 5 G of langfuse's 12.8 G scan instructions.
final class LocalFunctions {
    let code: CodeTokens
    /// The module's names of std-env's `env` (StdEnvImports), which stand for `process.env`.
    let environment: Set<String>
    /// Each name's first decisive top-level definition: its token range, or nil when the first
    /// definition site is not a function (a `const NAME = 1`).
    private var definitions: [String: Range<Int>?]?
    private var parsesEnvironment: [String: Bool] = [:]

    init(_ code: CodeTokens, environment: Set<String> = []) { self.code = code; self.environment = environment }

    /// Whether the expression `start..<end` calls a function defined at the top of the module
    /// (`function NAME(`, `const NAME = (…) => …`, `const NAME = function …`) whose body parses
    /// `process.env`.
    func callsParseOfEnvironment(_ start: Int, _ end: Int) -> Bool {
        let items = code.items
        for j in start..<end where items[j].kind == .identifier && j + 1 < end && items[j + 1].text == "("
            && (j == 0 || items[j - 1].text != ".") {
            if parses(items[j].text) { return true }
        }
        return false
    }

    private func parses(_ name: String) -> Bool {
        if let known = parsesEnvironment[name] { return known }
        let answer = body(of: name).map { body in body.contains { JavaScriptEnvObjects.isParseOfEnvironment(code, $0, environment: environment) } } ?? false
        parsesEnvironment[name] = answer
        return answer
    }

    /// The token range of the top-level function `name`'s definition, if the module has one.
    func body(of name: String) -> Range<Int>? {
        if definitions == nil { definitions = Self.index(code) }
        return definitions?[name] ?? nil
    }

    /// Every name's first top-level definition site that decides (what a search for one name
    /// from the module's start stops at), in one pass.
    static func index(_ code: CodeTokens) -> [String: Range<Int>?] {
        let items = code.items
        var out: [String: Range<Int>?] = [:]
        var depth = 0
        for i in items.indices {
            let t = items[i]
            if t.kind == .punct {
                if ["{", "(", "["].contains(t.text) { depth += 1 } else if ["}", ")", "]"].contains(t.text) { depth -= 1 }
                continue
            }
            guard depth == 0, i > 0, i + 1 < items.count, out.index(forKey: t.text) == nil else { continue }
            if items[i - 1].text == "function", items[i + 1].text == "(" {
                let params = code.closing(i + 1)
                guard let open = (params..<items.count).first(where: { items[$0].text == "{" }) else {
                    out[t.text] = .some(nil); continue
                }
                out[t.text] = i..<code.closing(open)
                continue
            }
            if ["const", "let", "var"].contains(items[i - 1].text), let equals = JavaScriptEnvObjects.assignment(items, after: i) {
                let value = equals + 1
                guard value < items.count, ["(", "function", "async"].contains(items[value].text) || items[value].kind == .identifier else {
                    out[t.text] = .some(nil); continue
                }
                out[t.text] = value..<JavaScriptEnvObjects.expressionEnd(items, from: value)
            }
        }
        return out
    }
}
