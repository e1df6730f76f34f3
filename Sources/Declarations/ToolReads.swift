import Yams

/// Names a tool reads from the environment, not our code: the evidence that a name in
/// .env.example is in use although no scanned code reads it.
/// - `schema.prisma`: `env("X")` (prisma's CLI and client read the datasource URL through it);
/// - `package.json`: `$VAR` / `${VAR}` in a `scripts` entry (the shell of `npm run` expands it),
///   upper-case names only, leaving out the shell's own (`$HOME`, `$PWD`…); npm's
///   `$npm_package_*` are lower case.
/// Config files a CLI loads that are code (drizzle.config.ts, knexfile.js) are scanned as code.
enum ToolReads {
    static func file(_ name: String) -> String? {
        name == "package.json" || name.hasSuffix(".prisma") ? name : nil
    }

    static func parse(_ text: String, _ file: SourceFile, name: String) -> Parsed {
        name == "package.json" ? packageScripts(text, file) : Parsed(declarations: prismaEnv(text, file))
    }

    /// `env("X")` outside `//` comments, one per name and line.
    static func prismaEnv(_ text: String, _ file: SourceFile) -> [Declaration] {
        guard text.contains("env(") else { return [] }
        var out: [Declaration] = []
        for (index, line) in text.textLines().enumerated() {
            var code = Substring(line)
            if let comment = code.range(of: "//") { code = code[..<comment.lowerBound] }
            var rest = code
            while let call = rest.range(of: "env(") {
                // Not the tail of a longer identifier (`myenv(`).
                let before = call.lowerBound > code.startIndex ? code[code.index(before: call.lowerBound)] : " "
                rest = rest[call.upperBound...]
                guard !(before.isLetter || before.isNumber || before == "_") else { continue }
                let argument = rest.drop { $0 == " " }
                guard argument.first == "\"" else { continue }
                let name = argument.dropFirst().prefix { $0 != "\"" }
                // A random-looking word is a value pasted where a name goes: never a name.
                guard EnvFiles.isName(String(name)), !EnvFiles.looksLikeAValue(String(name)),
                      argument.dropFirst(name.count + 1).first == "\"" else { continue }
                out.append(file.declare(String(name), .toolRead, line: index + 1) { $0.job = "prisma" })
            }
        }
        return out
    }

    /// Variables the shell provides itself: a script reading them needs nothing set up.
    static let shellVariables: Set<String> = ["HOME", "PWD", "OLDPWD", "PATH", "USER", "SHELL", "TMPDIR", "RANDOM", "INIT_CWD", "IFS", "LANG"]

    static func packageScripts(_ text: String, _ file: SourceFile) -> Parsed {
        guard text.contains("\"scripts\""), text.contains("$") else { return Parsed() }
        let root: Node?
        switch YAMLText.compose(text) {
        case .success(let node): root = node
        case .failure(let problem):
            // A package.json is also a test fixture or a template: not knowing its scripts is
            // said, not a failure of the run.
            return Parsed(notes: [file.warning("package.json is not valid JSON (\(problem)); the variables its scripts use are not known",
                                               line: problem.line)])
        }
        var out: [Declaration] = []
        for (key, value) in root?["scripts"]?.mapping ?? [:] {
            guard let script = key.string, let command = value.string else { continue }
            var seen = Set<String>()
            for (name, _) in ComposeInterpolation.names(in: command)
            where !shellVariables.contains(name) && isUpperCaseName(name) && seen.insert(name).inserted {
                out.append(file.declare(name, .toolRead, line: key.line) { $0.job = "npm script " + script })
            }
        }
        return Parsed(declarations: out)
    }

    static func isUpperCaseName(_ s: String) -> Bool {
        guard let first = s.utf8.first, first >= 0x41 && first <= 0x5A else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}

extension ToolReads: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { file(name) != nil }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { parse(text, file.source, name: file.name) }
}
