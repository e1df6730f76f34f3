/// A module that hands on another module's env object: `export { env } from "./env"`,
/// `export { env as serverEnv } from "./env"`, `export * from "./env"` (a package's index).
/// Its importers read the object through it, so it becomes an object of its own (form
/// `re-export`, the same properties) whose importers EnvObjectFollower looks for next.
enum JavaScriptReExports {
    struct ReExport { var imported: String; var exported: String; var specifier: String; var line: Int }

    static func reExports(_ code: CodeTokens) -> [ReExport] {
        let items = code.items
        var out: [ReExport] = []
        for i in items.indices where items[i].text == "export" && items[i].kind == .identifier && i + 1 < items.count {
            if items[i + 1].text == "*", i + 3 < items.count, items[i + 2].text == "from", items[i + 3].kind == .string {
                out.append(.init(imported: "*", exported: "*", specifier: items[i + 3].text, line: items[i].line))
                continue
            }
            guard items[i + 1].text == "{" else { continue }
            let close = code.closing(i + 1)
            guard close + 2 < items.count, items[close + 1].text == "from", items[close + 2].kind == .string else { continue }
            var k = i + 2
            while k < close {
                if items[k].kind == .identifier, items[k].text != "type" {
                    if k + 2 < close, items[k + 1].text == "as" {
                        out.append(.init(imported: items[k].text, exported: items[k + 2].text, specifier: items[close + 2].text, line: items[k].line))
                        k += 3; continue
                    }
                    out.append(.init(imported: items[k].text, exported: items[k].text, specifier: items[close + 2].text, line: items[k].line))
                }
                k += 1
            }
        }
        return out
    }

    /// The objects `code` (at `path`) re-exports from `objects` of its root.
    static func objects(_ code: CodeTokens, path: String, root: Int, among objects: [EnvObject]) -> [EnvObject] {
        let modules = Array(Set(objects.map(\.path))).sorted()
        return reExports(code).flatMap { r -> [EnvObject] in
            guard let module = JavaScriptEnvImports.resolve(r.specifier, from: path, among: modules) else { return [] }
            return objects.filter { $0.path == module }.flatMap { object in
                object.bindings.filter { r.imported == "*" ? $0 != "default" : $0 == r.imported }.map { binding in
                    EnvObject(root: root, path: path, line: r.line, bindings: [r.imported == "*" ? binding : r.exported],
                              form: .reExport, properties: object.properties)
                }
            }
        }
    }
}
