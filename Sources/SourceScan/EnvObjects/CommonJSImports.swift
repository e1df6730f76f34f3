/// Bindings made without an `import` statement: CommonJS `require` and dynamic `import()`, each
/// as `JavaScriptEnvImports.Binding`s (`*` for the whole module):
/// - `const { env } = require("./env")`, `const { env: config } = await import("../env.server")`;
/// - `const E = require("./env")`, `const E = await import("./env")`: E is the module.
/// A `require` whose argument is not a string (a computed path) names no module.
enum CommonJSImports {
    static func bindings(_ code: CodeTokens) -> [JavaScriptEnvImports.Binding] {
        let items = code.items
        var out: [JavaScriptEnvImports.Binding] = []
        for i in items.indices where items[i].kind == .identifier && ["const", "let", "var"].contains(items[i].text) {
            guard i + 1 < items.count else { continue }
            var names: [(imported: String, local: String)] = []
            var j = i + 1
            if items[j].text == "{" {
                let close = code.closing(j)
                var k = j + 1
                while k < close {
                    // `name`, `name: local`, `name = default`; nested patterns are passed over.
                    if items[k].kind == .identifier, ["{", ","].contains(items[k - 1].text) {
                        if k + 2 < close, items[k + 1].text == ":", items[k + 2].kind == .identifier {
                            names.append((items[k].text, items[k + 2].text)); k += 3; continue
                        }
                        names.append((items[k].text, items[k].text))
                    }
                    k += 1
                }
                j = close + 1
            } else if items[j].kind == .identifier {
                names.append(("*", items[j].text)); j += 1
            } else { continue }
            guard j < items.count, items[j].text == "=" else { continue }
            j += 1
            if j < items.count, items[j].text == "await" { j += 1 }
            guard j + 3 < items.count, ["require", "import"].contains(items[j].text), items[j + 1].text == "(",
                  items[j + 2].kind == .string, items[j + 3].text == ")" else { continue }
            out += names.map { .init(local: $0.local, imported: $0.imported, specifier: items[j + 2].text) }
        }
        return out
    }
}
