import Foundation
import SourceScan

/// Dockerfiles: `ARG NAME[=default]`, `ENV NAME=value` (and the old `ENV NAME value`), and
/// BuildKit secrets (`RUN --mount=type=secret,id=npm_token[,env=NPM_TOKEN]`), which is how a
/// build should receive a secret, as opposed to an ARG that ends up in the image history.
enum Dockerfiles {
    static func isDockerfile(_ name: String) -> Bool {
        name == "Dockerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".Dockerfile") || name.hasSuffix(".dockerfile")
    }

    static let secretMount = try! NSRegularExpression(pattern: #"--mount=(?=[^\s]*type=secret)([^\s]+)"#)

    static func parse(_ text: String, _ file: SourceFile, defaults measure: EnvironmentDefaults? = nil) -> Parsed {
        var out: [Declaration] = []
        var defaults: [Literal] = []
        let lines = text.textLines()
        /// `ENV NAME=value` / `ARG NAME=value` / `ENV NAME value`: the value baked into the image
        /// (ARG's is the build's when none is given). A value holding `$` is computed from another
        /// variable (`ENV PATH=/app/bin:$PATH`), not hard-coded; an empty one sets nothing.
        func baked(_ name: String, _ rawValue: String, spelled: String, at command: BootstrapScripts.Command) {
            let value = BootstrapScripts.unquote(rawValue)
            guard !value.contains("$") else { return }
            // The line of a continued instruction (`ENV A=1 \` / `    B=2`) that spells it.
            var line = command.line
            while line <= lines.count, line < command.line + 64, !lines[line - 1].contains(spelled) { line += 1 }
            if line > lines.count || line >= command.line + 64 { line = command.line }
            // Where the value starts: after `NAME=`, or after `NAME` and its blanks (the old form).
            let text = lines[line - 1]
            let column = text.range(of: spelled).map { found in
                text.distance(from: text.startIndex, to: text[found.upperBound...].firstIndex { $0 != " " && $0 != "\t" } ?? found.upperBound) + 1
            } ?? 1
            if let literal = file.defaultLiteral(value, of: name, .dockerfileEnv, line: line, column: column, language: "dockerfile", measure) {
                defaults.append(literal)
            }
        }
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
                // Values read as the shell splits words, so a quoted value with blanks is one.
                for word in ShellWords.words(String(t.dropFirst(3))) {
                    guard let eq = word.firstIndex(of: "=") else { continue }
                    let name = String(word[..<eq])
                    if EnvFiles.isName(name) { baked(name, String(word[word.index(after: eq)...]), spelled: name + "=", at: command) }
                }
            case "ENV":
                let rest = Array(words.dropFirst())
                if let first = rest.first, !first.contains("=") {
                    if EnvFiles.isName(first) {
                        out.append(file.declare(first, .dockerfileEnv, line: command.line))
                        // The old form: everything after the name is the value.
                        let afterName = t.dropFirst(3).drop { $0 == " " || $0 == "\t" }.dropFirst(first.count)
                        baked(first, afterName.trimmingCharacters(in: " \t"), spelled: first, at: command)
                    }
                } else {
                    for word in rest where word.contains("=") {
                        let name = String(word.prefix { $0 != "=" })
                        if EnvFiles.isName(name) { out.append(file.declare(name, .dockerfileEnv, line: command.line)) }
                    }
                    for word in ShellWords.words(String(t.dropFirst(3))) {
                        guard let eq = word.firstIndex(of: "=") else { continue }
                        let name = String(word[..<eq])
                        if EnvFiles.isName(name) { baked(name, String(word[word.index(after: eq)...]), spelled: name + "=", at: command) }
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
        // `${NAME:-value}` in any instruction (`FROM --platform=${P:-linux/amd64}`, `ENV X=${X:-v}`,
        // a RUN, CMD or HEALTHCHECK shell): the default the build or the container's shell runs with.
        if measure != nil && text.contains("${") {
            for found in ShellDefaults.find(in: text) {
                if let literal = file.defaultLiteral(found.value, of: found.name, .shellDefault, line: found.line, column: found.column,
                                                     language: "dockerfile", measure) {
                    defaults.append(literal)
                }
            }
        }
        return Parsed(declarations: out, defaults: defaults)
    }
}

extension Dockerfiles: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { isDockerfile(name) }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { parse(text, file.source, defaults: file.defaults) }
}
