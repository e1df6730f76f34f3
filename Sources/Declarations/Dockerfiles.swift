import Foundation

/// Dockerfiles: `ARG NAME[=default]`, `ENV NAME=value` (and the old `ENV NAME value`), and
/// BuildKit secrets (`RUN --mount=type=secret,id=npm_token[,env=NPM_TOKEN]`), which is how a
/// build should receive a secret, as opposed to an ARG that ends up in the image history.
enum Dockerfiles {
    static func isDockerfile(_ name: String) -> Bool {
        name == "Dockerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".Dockerfile") || name.hasSuffix(".dockerfile")
    }

    static let secretMount = try! NSRegularExpression(pattern: #"--mount=(?=[^\s]*type=secret)([^\s]+)"#)

    static func parse(_ text: String, _ file: SourceFile) -> Parsed {
        var out: [Declaration] = []
        for command in BootstrapScripts.commands(text) {
            let t = command.text.trimmingCharacters(in: " \t")
            let words = t.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let instruction = words.first?.uppercased() else { continue }
            switch instruction {
            case "ARG":
                for word in words.dropFirst() {
                    let name = String(word.prefix { $0 != "=" })
                    if EnvFiles.isName(name) { out.append(file.declare(name, .dockerfileArg, line: command.line)) }
                }
            case "ENV":
                let rest = Array(words.dropFirst())
                if let first = rest.first, !first.contains("=") {
                    if EnvFiles.isName(first) { out.append(file.declare(first, .dockerfileEnv, line: command.line)) }
                } else {
                    for word in rest where word.contains("=") {
                        let name = String(word.prefix { $0 != "=" })
                        if EnvFiles.isName(name) { out.append(file.declare(name, .dockerfileEnv, line: command.line)) }
                    }
                }
            case "RUN":
                let ns = t as NSString
                for m in secretMount.matches(in: t, range: NSRange(location: 0, length: ns.length)) {
                    var options: [String: String] = [:]
                    for pair in ns.substring(with: m.range(at: 1)).split(separator: ",") {
                        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        if kv.count == 2 { options[kv[0]] = kv[1] }
                    }
                    guard let id = options["id"] ?? options["env"] else { continue }
                    out.append(file.declare(id, .dockerfileSecret, line: command.line) { $0.alias = options["env"] })
                }
            default: break
            }
        }
        return Parsed(declarations: out)
    }
}

extension Dockerfiles: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { isDockerfile(name) }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { parse(text, file.source) }
}
