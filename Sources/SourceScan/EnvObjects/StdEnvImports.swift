/// std-env (unjs, https://github.com/unjs/std-env): its `env` export is a proxy of the
/// runtime's environment (`process.env`, `Deno.env`, `import.meta.env`), so a module that
/// imports it reads the environment without naming `process.env`: trigger.dev's
/// apps/supervisor/src/env.ts parses it (`import { env as stdEnv } from "std-env"`,
/// `export const env = Env.parse(stdEnv)`), and cli-v3 reads `env.TRIGGER_LOG_LEVEL` directly.
/// The workers keep a module whose bytes say `std-env` (`EnvObjectFollower.prefilterWord`).
enum StdEnvImports {
    static let package = "std-env"

    /// The local names the module binds std-env's `env` to (`import { env }`,
    /// `import { env as stdEnv }`, `const { env } = require("std-env")`).
    static func environmentNames(_ code: CodeTokens) -> Set<String> {
        guard code.items.contains(where: { $0.kind == .string && $0.text == package }) else { return [] }
        return Set(JavaScriptEnvImports.imports(code).filter { $0.specifier == package && $0.imported == "env" }.map(\.local))
    }

    /// Whether `items[i]` is one of `names` used as a value (not a property `x.env`).
    static func isEnvironment(_ items: [CodeTokens.Item], _ i: Int, names: Set<String>) -> Bool {
        !names.isEmpty && items[i].kind == .identifier && names.contains(items[i].text) && (i == 0 || items[i - 1].text != ".")
    }

    /// Direct reads of std-env's `env` in the module (`env.X`: variable X), each through an
    /// object at the import (`env (cli/logger.ts:1)`).
    static func directReads(_ code: CodeTokens, names: Set<String>, path: String, root: Int)
        -> [(variable: String, at: CodeTokens.Item, object: EnvObject)] {
        guard !names.isEmpty else { return [] }
        let items = code.items
        return names.sorted().flatMap { local -> [(variable: String, at: CodeTokens.Item, object: EnvObject)] in
            let line = items.firstIndex { $0.kind == .string && $0.text == package }.map { items[$0].line } ?? 1
            let object = EnvObject(root: root, path: path, line: line, bindings: [local], form: .proxy, properties: nil)
            return JavaScriptEnvImports.reads(code, local: local, object: object).map { ($0.variable, $0.at, object) }
        }
    }
}
