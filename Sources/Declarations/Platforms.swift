import Yams

/// Build and hosting platform files that list environment variables:
/// - `turbo.json`: `globalEnv`, `globalPassThroughEnv` and each task's `env` / `passThroughEnv`
///   (the variables a build's cache key depends on; `!X` exclusions are not declarations);
/// - `vercel.json`: `env` and `build.env` keys (a value `@name` points at a Vercel secret);
/// - `fly.toml`: the `[env]` table (plain values; Fly secrets are set with `fly secrets set`);
/// - `render.yaml`: `envVars[].key` of each service and env group (`sync: false` means the value
///   is entered in the dashboard: a secret).
enum Platforms {
    static func file(_ name: String) -> String? {
        switch name {
        case "turbo.json", "vercel.json", "fly.toml", "render.yaml", "render.yml": return name
        default: return nil
        }
    }

    static func parse(_ text: String, _ file: SourceFile, name: String) -> Parsed {
        if name == "fly.toml" { return Parsed(declarations: flyEnv(text, file)) }
        let root: Node?
        switch YAMLText.compose(name.hasSuffix(".json") ? JSONC.strippingComments(text) : text) {
        case .success(let node): root = node
        case .failure(let problem):
            let what = name.hasSuffix(".json") ? "JSON" : "YAML"
            return Parsed(warnings: [file.warning("invalid \(what): \(problem)", line: problem.line)])
        }
        switch name {
        case "turbo.json": return Parsed(declarations: turbo(root, file))
        case "vercel.json": return Parsed(declarations: vercel(root, file))
        default: return Parsed(declarations: render(root, file))
        }
    }

    static func turbo(_ root: Node?, _ file: SourceFile) -> [Declaration] {
        func names(_ list: Node?, task: String?) -> [Declaration] {
            (list?.sequence ?? []).compactMap { entry in
                guard let name = entry.string, !name.hasPrefix("!") else { return nil }
                return file.declare(name, .turboEnv, line: entry.line) { $0.job = task }
            }
        }
        var out = names(root?["globalEnv"], task: nil) + names(root?["globalPassThroughEnv"], task: nil)
        for (task, config) in (root?["tasks"] ?? root?["pipeline"])?.mapping ?? [:] {
            out += names(config["env"], task: task.string) + names(config["passThroughEnv"], task: task.string)
        }
        return out
    }

    static func vercel(_ root: Node?, _ file: SourceFile) -> [Declaration] {
        [root?["env"], root?["build"]?["env"]].flatMap { env in
            (env?.mapping ?? [:]).map { key, value in
                file.declare(key.string ?? "", .platformEnv, line: key.line) {
                    $0.store = .vercel
                    if let v = value.string, v.hasPrefix("@") { $0.alias = String(v.dropFirst()) }
                }
            }
        }
    }

    static func render(_ root: Node?, _ file: SourceFile) -> [Declaration] {
        var out: [Declaration] = []
        for section in ["services", "envVarGroups"] {
            for owner in root?[Node(stringLiteral: section)]?.sequence ?? [] {
                for variable in owner["envVars"]?.sequence ?? [] {
                    guard let key = variable["key"] else { continue }
                    out.append(file.declare(key.string ?? "", .platformEnv, line: key.line) {
                        $0.store = .render
                        $0.job = owner["name"]?.string
                        // sync: false → set by hand in the dashboard; the others are not secrets we hold.
                        if variable["sync"]?.bool == false { $0.storePath = "dashboard" }
                        if variable["generateValue"]?.bool == true { $0.storePath = "generated" }
                        if variable["fromGroup"] != nil || variable["fromDatabase"] != nil || variable["fromService"] != nil {
                            $0.storePath = "reference"
                        }
                    })
                }
            }
        }
        return out
    }

    /// The keys of fly.toml's `[env]` table (TOML: `KEY = "value"` lines up to the next table).
    static func flyEnv(_ text: String, _ file: SourceFile) -> [Declaration] {
        var out: [Declaration] = []
        var inEnv = false
        for (index, raw) in text.textLines().enumerated() {
            let line = raw.trimmingCharacters(in: " \t\r")
            if line.hasPrefix("[") { inEnv = line == "[env]"; continue }
            guard inEnv, !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
            let name = line[..<eq].trimmingCharacters(in: " \t\"'")
            if EnvFiles.isName(name) { out.append(file.declare(name, .platformEnv, line: index + 1) { $0.store = .fly }) }
        }
        return out
    }
}

/// JSON with comments (turbo.json, tsconfig-style): `//` and `/* */` outside strings become spaces,
/// so line numbers and columns stay where they were.
enum JSONC {
    static func strippingComments(_ text: String) -> String {
        var b = Array(text.utf8)
        var i = 0
        var inString = false
        while i < b.count {
            let c = b[i]
            if inString {
                if c == 0x5C { i += 2; continue }
                if c == 0x22 { inString = false }
                i += 1
            } else if c == 0x22 {
                inString = true; i += 1
            } else if c == 0x2F, i + 1 < b.count, b[i + 1] == 0x2F {
                while i < b.count, b[i] != 0x0A { b[i] = 0x20; i += 1 }
            } else if c == 0x2F, i + 1 < b.count, b[i + 1] == 0x2A {
                while i < b.count, !(b[i] == 0x2A && i + 1 < b.count && b[i + 1] == 0x2F) { if b[i] != 0x0A { b[i] = 0x20 }; i += 1 }
                if i < b.count { b[i] = 0x20; if i + 1 < b.count { b[i + 1] = 0x20 }; i += 2 }
            } else { i += 1 }
        }
        return String(decoding: b, as: UTF8.self)
    }
}

extension Platforms: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { file(name) != nil }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { parse(text, file.source, name: file.name) }

    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit? {
        switch file.path.split(separator: "/").last {
        case "fly.toml": return DeployUnit(repo: file.repo, path: file.path, how: "fly deploy")
        case "vercel.json": return DeployUnit(repo: file.repo, path: file.path, how: "vercel deploy --prod (a new build bakes in build-time values)")
        case "render.yaml", "render.yml":
            return DeployUnit(repo: file.repo, path: file.path, how: "a Render deploy of the services in \(file.path) (Manual Deploy, or a push to the branch they deploy from)")
        default: return nil
        }
    }
}
