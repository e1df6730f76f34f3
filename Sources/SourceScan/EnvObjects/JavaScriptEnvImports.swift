/// The reads of env objects in a JavaScript / TypeScript file that imports them:
/// `import { env } from "~/env"` then `env.STRIPE_SECRET_KEY`, `env?.X`, `env["X"]`,
/// `this.env.X`, `const { A, B } = env`; `import env from "@server/env"` for a default export.
enum JavaScriptEnvImports {
    /// One import binding: the local name, the exported name (`default` for a default import),
    /// the module specifier.
    struct Binding { var local: String; var imported: String; var specifier: String }

    static func imports(_ code: CodeTokens) -> [Binding] {
        let items = code.items
        var out: [Binding] = []
        for i in items.indices where items[i].kind == .identifier && items[i].text == "import" && (i == 0 || items[i - 1].text != ".") {
            var j = i + 1
            guard j < items.count, items[j].text != "type", items[j].text != "(" else { continue }
            var names: [(String, String)] = []
            if items[j].text == "*", j + 2 < items.count, items[j + 1].text == "as", items[j + 2].kind == .identifier {
                names.append(("*", items[j + 2].text)); j += 3   // import * as E from "./env"
            } else if items[j].kind == .identifier, items[j].text != "from" {
                names.append(("default", items[j].text)); j += 1
                if j < items.count, items[j].text == "," { j += 1 }
            }
            if j < items.count, items[j].text == "{" {
                let close = code.closing(j)
                var k = j + 1
                while k < close {
                    if items[k].kind == .identifier, items[k].text != "type" {
                        if k + 2 < close, items[k + 1].text == "as" { names.append((items[k].text, items[k + 2].text)); k += 3; continue }
                        names.append((items[k].text, items[k].text))
                    }
                    k += 1
                }
                j = close + 1
            }
            guard j + 1 < items.count, items[j].text == "from", items[j + 1].kind == .string else { continue }
            out += names.map { Binding(local: $0.1, imported: $0.0, specifier: items[j + 1].text) }
        }
        return out + CommonJSImports.bindings(code)
    }

    /// The module of `modules` (root-relative paths) that `specifier`, imported by `importer`,
    /// names: a relative path resolved from the importer's folder; otherwise a path alias
    /// (`~/env`, `@/src/env.mjs`, `@server/env`) matched as a suffix of a module's path, the one
    /// nearest the importer when several match.
    static func resolve(_ specifier: String, from importer: String, among modules: [String]) -> String? {
        resolve(specifier, from: importer, among: Modules(modules))
    }

    static func resolve(_ specifier: String, from importer: String, among index: Modules) -> String? {
        guard index.mayBeNamed(by: specifier) else { return nil }
        let modules = index.paths
        if specifier.hasPrefix("./") || specifier.hasPrefix("../") {
            var parts = importer.split(separator: "/").dropLast().map(String.init)
            for segment in specifier.split(separator: "/") {
                if segment == ".." { if parts.isEmpty { return nil }; parts.removeLast() } else if segment != "." { parts.append(String(segment)) }
            }
            let target = withoutExtension(parts.joined(separator: "/"))
            return modules.first { withoutExtension($0) == target || withoutExtension($0) == target + "/index" }
        }
        var suffixes = [withoutExtension(specifier)]
        if let first = specifier.first, "@~#".contains(first) {
            let rest = specifier.split(separator: "/").dropFirst().joined(separator: "/")
            if !rest.isEmpty { suffixes.append(withoutExtension(rest)) }
        }
        let matching = modules.filter { module in
            let m = withoutExtension(module)
            return suffixes.contains { m == $0 || m.hasSuffix("/" + $0) || m == $0 + "/index" || m.hasSuffix("/" + $0 + "/index") }
        }
        return matching.max { sharedPrefix($0, importer) < sharedPrefix($1, importer) }
    }

    /// The modules an import may name, with the file names (or an index file's folder name) an
    /// import's last segment must be to name one: most imports of a file name other modules
    /// (`react`, `./utils`), and resolving each against every module cost 2 G instructions on
    /// langfuse; a set lookup on the last segment answers them.
    struct Modules {
        let paths: [String]
        let names: Set<String>

        init(_ paths: [String]) {
            self.paths = paths
            var names = Set<String>()
            for path in paths {
                let segments = JavaScriptEnvImports.withoutExtension(path).split(separator: "/")
                guard let name = segments.last else { continue }
                names.insert(String(name))
                if name == "index", segments.count > 1 { names.insert(String(segments[segments.count - 2])) }
            }
            self.names = names
        }

        /// Whether `specifier` can name one of the modules at all. A specifier ending in `.` or
        /// `..` (or nothing) is resolved in full.
        func mayBeNamed(by specifier: String) -> Bool {
            guard let lastSegment = specifier.split(separator: "/").last else { return true }
            let last = JavaScriptEnvImports.withoutExtension(String(lastSegment))
            guard !last.isEmpty, last != ".", last != ".." else { return true }
            return names.contains(last)
        }
    }

    static let extensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]

    static func withoutExtension(_ path: String) -> String {
        for e in extensions where path.hasSuffix(e) { return String(path.dropLast(e.count)) }
        return path
    }

    static func sharedPrefix(_ a: String, _ b: String) -> Int {
        zip(a.split(separator: "/"), b.split(separator: "/")).prefix { $0 == $1 }.count
    }

    /// The reads of `local` (bound to `object`) in the file: property, then the variables it reads.
    /// An assignment (`env.X = …`, `delete env.X`) is a write, not a read (issue 17 item 6).
    /// `member`: the object's name in a namespace `local` (`E.env.X` for `import * as E`).
    static func reads(_ code: CodeTokens, local: String, member: String? = nil, object: EnvObject, siblings: [EnvObject] = [])
        -> [(variable: String, at: CodeTokens.Item)] {
        let items = code.items
        var out: [(String, CodeTokens.Item)] = []
        for i in items.indices where items[i].kind == .identifier && items[i].text == local {
            if i > 0, items[i - 1].text == "." { guard i > 1, items[i - 2].text == "this" else { continue } }
            // `delete env.X` writes (a test's set-up), as `delete process.env.X` does.
            let first = i > 0 && items[i - 1].text == "." ? i - 2 : i
            if first > 0, items[first - 1].text == "delete" { continue }
            var j = i
            if let member {
                guard i + 2 < items.count, items[i + 1].text == ".", items[i + 2].text == member else { continue }
                j = i + 2
            }
            var k = j + 1
            while k < items.count, ["?", "!"].contains(items[k].text) { k += 1 }
            if k + 1 < items.count, items[k].text == ".", items[k + 1].kind == .identifier {
                out += EnvObjectPaths.read(object, items, property: k + 1, siblings: siblings)
            } else if member != nil {
                continue
            } else if k + 2 < items.count, items[k].text == "[", items[k + 1].kind == .string, items[k + 2].text == "]" {
                if EnvObjectPaths.isAssigned(items, after: k + 2) { continue }
                out += object.variables(of: items[k + 1].text).map { ($0, items[k + 1]) }
            } else if j > 1, items[j - 1].text == "=", items[j - 2].text == "}" {
                out += destructured(items, close: j - 2).flatMap { key in object.variables(of: key.text).map { ($0, key) } }
            }
        }
        return out
    }

    /// The keys of `{ A, B: b, C = 1 } = …` whose `}` is at `close`.
    static func destructured(_ items: [CodeTokens.Item], close: Int) -> [CodeTokens.Item] {
        var level = 0, k = close - 1
        var keys: [CodeTokens.Item] = []
        while k >= 0 {
            let text = items[k].text
            if ["}", ")", "]"].contains(text) { level += 1 }
            else if ["{", "(", "["].contains(text) { if level == 0 { break }; level -= 1 }
            else if level == 0, items[k].kind == .identifier, k > 0, ["{", ","].contains(items[k - 1].text) { keys.append(items[k]) }
            k -= 1
        }
        return keys.reversed()
    }
}

extension JavaScriptEnvImports {
    /// Reads of the objects a module builds in that module itself, after each is built
    /// (trigger.dev's app/env.server.ts checks `env.SESSION_SECRET` below its `parse`).
    static func ownReads(_ code: CodeTokens, objects: [EnvObject]) -> [(variable: String, at: CodeTokens.Item, object: EnvObject)] {
        objects.filter { $0.bindings[0] != "default" }.flatMap { object in
            reads(code, local: object.bindings[0], object: object).filter { $0.at.line > object.line }.map { ($0.variable, $0.at, object) }
        }
    }

    /// The objects of `module` (their root-relative path) a binding names, each with the member
    /// to read it through: `(env, nil)` for `import { env }`; `(env, "env")` for every named
    /// object of the module bound as a namespace (`import * as E`, `const E = require(…)`).
    static func targets(_ binding: Binding, module: String, among objects: [EnvObject]) -> [(object: EnvObject, member: String?)] {
        let ofModule = objects.filter { $0.path == module }
        if binding.imported == "*" {
            return ofModule.flatMap { object in object.bindings.filter { $0 != "default" }.map { (object, Optional($0)) } }
        }
        return ofModule.first { $0.bindings.contains(binding.imported) }.map { [($0, nil)] } ?? []
    }
}
