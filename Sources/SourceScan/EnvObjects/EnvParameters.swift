/// Parameters that are the environment by their declared type, read in the module that declares
/// them rather than through an import:
/// - `env: NodeJS.ProcessEnv` or a default of `process.env` (`(env = process.env)`): inside its
///   function, `env.X` reads X (trigger.dev's `watchConnectionString(env: NodeJS.ProcessEnv =
///   process.env)`);
/// - a name that says env (`env`, `serverEnv`) whose type lists the variables it carries as
///   string literal keys, `Partial<Record<"SMTP_CONNECTION_URL" | "EMAIL_FROM_ADDRESS", string>>`
///   (langfuse's email senders, whose callers hand them the env object): in the module,
///   `env.X` reads X for a listed key X, and nothing else. A Record of other keys
///   (`ERROR_TYPE_CONFIG: Record<"TIMEOUT" | …>`) or of `string` is not the environment.
/// Looked for in the files of a repository that holds an env object (EnvObjectFollower reads
/// them for importers anyway) whose bytes may hold one (`mayHold`).
enum EnvParameters {
    static let needles = ["ProcessEnv", "Record<"].map { Array($0.utf8) }
    static let processEnvDefault = Array("= process.env".utf8)

    /// Whether the bytes may hold such a parameter: `ProcessEnv`, `Record<`, or `= process.env`
    /// followed (past blanks) by `)` or `,`, a default. `= process.env` alone is in nearly every
    /// file that reads the environment (`const key = process.env.KEY`): taken as the test, it had
    /// every such file of a repository with an env object tokenized again (+650 M instructions
    /// on the second benchmark corpus's repo0).
    static func mayHold(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if needles.contains(where: { EnvObjectFollower.contains(b, $0) }) { return true }
        return EnvObjectFollower.firstHit(of: processEnvDefault, in: b) { at in
            var p = at + processEnvDefault.count
            while p < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[p]) { p += 1 }
            return p < b.count && (b[p] == 0x29 || b[p] == 0x2C)   // `)` or `,`
        }
    }
    static let typeWrappers: Set<String> = ["Partial", "Readonly", "Required"]

    static func reads(_ code: CodeTokens, path: String, root: Int) -> [(variable: String, at: CodeTokens.Item, object: EnvObject)] {
        let items = code.items
        var out: [(variable: String, at: CodeTokens.Item, object: EnvObject)] = []
        for i in items.indices where items[i].kind == .identifier && i + 2 < items.count && (i == 0 || items[i - 1].text != ".") {
            let name = items[i].text
            if let body = processEnvParameter(code, i) {
                let object = EnvObject(root: root, path: path, line: items[i].line, bindings: [name], form: .parameter, properties: nil)
                out += JavaScriptEnvImports.reads(code, local: name, object: object)
                    .filter { within($0.at, items[body.lowerBound], items[body.upperBound - 1]) }
                    .map { ($0.variable, $0.at, object) }
            } else if saysEnv(name), let keys = recordKeys(items, typeAt: i + 2) {
                var properties: [String: EnvObject.Property] = [:]
                for k in keys { properties[items[k].text] = .init(variables: [items[k].text], line: items[k].line, column: items[k].column) }
                let object = EnvObject(root: root, path: path, line: items[i].line, bindings: [name], form: .parameter, properties: properties)
                out += JavaScriptEnvImports.reads(code, local: name, object: object).map { ($0.variable, $0.at, object) }
            }
        }
        return out
    }

    /// `env`, `serverEnv`, `processEnv`: a name whose last word is env.
    static func saysEnv(_ name: String) -> Bool { name == "env" || name.hasSuffix("Env") }

    /// The body (token range) of the function whose parameter `items[i]` is typed
    /// `NodeJS.ProcessEnv` or defaults to `process.env`.
    static func processEnvParameter(_ code: CodeTokens, _ i: Int) -> Range<Int>? {
        let items = code.items
        let typed = items[i + 1].text == ":" && i + 4 < items.count && items[i + 2].text == "NodeJS"
            && items[i + 3].text == "." && items[i + 4].text == "ProcessEnv"
        let defaulted = items[i + 1].text == "=" && JavaScriptEnvObjects.isProcessEnv(items, i + 2)
            && i + 5 < items.count && [")", ","].contains(items[i + 5].text)
        guard typed || defaulted, let open = enclosingParenthesis(items, i) else { return nil }
        let close = code.closing(open)
        // The body: the first block after the list (past a return type), or an arrow's expression.
        var j = close + 1
        while j < items.count, j < close + 40 {
            if items[j].text == "{" { return j..<min(code.closing(j) + 1, items.count) }
            if items[j].text == "=>" {
                guard j + 1 < items.count else { return nil }
                if items[j + 1].text == "{" { return j + 1..<min(code.closing(j + 1) + 1, items.count) }
                return j + 1..<max(j + 2, JavaScriptEnvObjects.expressionEnd(items, from: j + 1))
            }
            if [";", "}"].contains(items[j].text) { return nil }
            j += 1
        }
        return nil
    }

    /// The `(` of the parameter list `items[i]` is directly in.
    static func enclosingParenthesis(_ items: [CodeTokens.Item], _ i: Int) -> Int? {
        var level = 0, k = i - 1
        while k >= 0 {
            let text = items[k].text
            if [")", "]", "}"].contains(text) { level += 1 }
            else if ["(", "[", "{"].contains(text) {
                if level == 0 { return text == "(" ? k : nil }
                level -= 1
            }
            k -= 1
        }
        return nil
    }

    /// The key tokens of `: [Partial<]Record<"A" | "B", …>` starting at the type `items[at]`
    /// (after the name's `:`): nil unless every key is a string that reads as a variable's name.
    static func recordKeys(_ items: [CodeTokens.Item], typeAt start: Int) -> [Int]? {
        guard start > 0, items[start - 1].text == ":" else { return nil }
        var j = start
        while j + 1 < items.count, typeWrappers.contains(items[j].text), items[j + 1].text == "<" { j += 2 }
        guard j + 1 < items.count, items[j].text == "Record", ["<", "<|"].contains(items[j + 1].text) else { return nil }
        var k = j + 2
        if items[j + 1].text == "<", k < items.count, items[k].text == "|" { k += 1 }
        var keys: [Int] = []
        while k + 1 < items.count, items[k].kind == .string, EnvNames.isVariableName(items[k].text) {
            keys.append(k)
            if items[k + 1].text == "," { return keys }
            guard items[k + 1].text == "|" else { return nil }
            k += 2
        }
        return nil
    }

    static func within(_ at: CodeTokens.Item, _ from: CodeTokens.Item, _ to: CodeTokens.Item) -> Bool {
        (at.line, at.column) >= (from.line, from.column) && (at.line, at.column) <= (to.line, to.column)
    }
}
