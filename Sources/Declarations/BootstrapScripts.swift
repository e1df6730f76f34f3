import Foundation
import SourceScan

/// Bootstrap scripts (`*.sh`, `*.bash`, Makefiles): the names they provision.
/// - `aws ssm put-parameter --name /planb/NAME`, `aws secretsmanager create-secret --name NAME`
///   (also `put-secret-value --secret-id`): literal names, and names built from a `for` loop over
///   a word list or an array (`for k in A B C`, `for k in "${NAMES[@]}"`), one declaration per name;
/// - `gh secret set NAME` (gh's flags take their values, so NAME is the positional argument, never
///   the `--body` value; `-f FILE` sets every name in FILE);
/// - `vault kv put PATH KEY=…` / `bao kv put PATH KEY=…`: each KEY, with PATH as the store path;
/// - `fly secrets set KEY=…`, `vercel env add KEY [environment]`.
/// A name built from something the script computes at run time cannot be known: it is skipped.
enum BootstrapScripts {
    static func isScript(_ name: String) -> Bool {
        name.hasSuffix(".sh") || name.hasSuffix(".bash") || name == "Makefile" || name.hasSuffix(".mk")
    }

    struct Command { var text: String; var line: Int }

    /// Lines joined where they end in a backslash, each with the line it starts on.
    static func commands(_ text: String) -> [Command] {
        var out: [Command] = []
        var current = "", start = 0
        for (i, raw) in text.textLines().enumerated() {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if current.isEmpty { start = i + 1 }
            if line.hasSuffix("\\") { current += line.dropLast() + " "; continue }
            current += line
            out.append(Command(text: current, line: start))
            current = ""
        }
        if !current.isEmpty { out.append(Command(text: current, line: start)) }
        return out
    }

    static let forLoop = try! NSRegularExpression(pattern: #"\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([^;]*?)\s*(?:;|$)"#)
    static let arrayDefinition = try! NSRegularExpression(pattern: #"(?m)^\s*(?:declare\s+-a\s+|local\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=\(([^)]*)\)"#, options: [])
    static let nameOption = try! NSRegularExpression(pattern: #"--(?:name|secret-id)(?:=|\s+)("[^"]*"|'[^']*'|\S+)"#)

    static let whileRead = try! NSRegularExpression(pattern: #"\bwhile\b[^;]*?\bread\b(?:\s+(?:-[rseE]+|-[dpuntN]\s*\S+))*\s+([A-Za-z_][A-Za-z0-9_]*)"#)
    static let loopStart = try! NSRegularExpression(pattern: #"(?:^|[;&|]\s*)(?:for|while|until)\b"#)

    /// What a script provisions, and the names it builds from something only known at run time
    /// (reported, so nothing is dropped in silence). `envFileNames` reads the names an env file
    /// in the checkout sets, for loops over the keys of an env file; nil when it is not there.
    static func parse(_ text: String, _ file: SourceFile, envFileNames: (String) -> [String]? = { _ in nil }) -> Parsed {
        let (repo, path) = (file.repo, file.path)
        var out: [Declaration] = []
        var notes: [DeclarationWarning] = []
        let arrays = arrayValues(text)
        let constants = constants(text)
        let commands = commands(text)
        var loops: [(variable: String, values: [String])] = []   // open loops, innermost last
        func names(_ raw: String, line: Int, runTimeSegments: Bool = false) -> [String] {
            var values = expand(raw, loops: loops, constants: constants)
            if values.isEmpty, runTimeSegments {
                // `/app/${ENVIRONMENT}/${name}` with ENVIRONMENT given when the script runs: the
                // leaf names are known; the run-time segment becomes `*`, matched later against
                // each configured environment's prefix (`*` is no character of an SSM name).
                values = substituted(raw, loops: loops, constants: constants).compactMap(Self.withRunTimeSegments)
            }
            if values.isEmpty {
                notes.append(DeclarationWarning(repo: repo, path: path, line: line,
                                                message: "name \(MessageText.name(raw)) is built at run time; cannot list what it provisions"))
            }
            return values
        }
        for (index, command) in commands.enumerated() {
            let t = command.text.trimmingCharacters(in: " \t")
            let ns = t as NSString
            if let m = forLoop.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) {
                loops.append((ns.substring(with: m.range(at: 1)), words(ns.substring(with: m.range(at: 2)), arrays: arrays)))
            } else if let m = whileRead.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) {
                // `while IFS='=' read -r key _; do … done < .env.example`: the keys of an env file.
                let variable = ns.substring(with: m.range(at: 1))
                var values: [String] = []
                if let file = readSource(commands, from: index, pipedInto: ns.substring(to: m.range.location)) {
                    if let found = envFileNames(file) { values = found } else {
                        notes.append(DeclarationWarning(repo: repo, path: path, line: command.line,
                                                        message: "loops over the keys of \(MessageText.path(file)), which is not in the checkout"))
                    }
                }
                loops.append((variable, values))
            }

            for segment in ShellWords.segments(t) {
                let words = ShellWords.words(segment)
                if let i = words.firstIndex(of: "aws"), i + 2 < words.count {
                    let service = words[i + 1], action = words[i + 2]
                    let ssm = service == "ssm" && action == "put-parameter"
                    let sm = service == "secretsmanager" && (action == "create-secret" || action == "put-secret-value")
                    guard ssm || sm, let m = nameOption.firstMatch(in: segment, range: NSRange(segment.startIndex..., in: segment)) else { continue }
                    let raw = unquote((segment as NSString).substring(with: m.range(at: 1)))
                    for value in names(raw, line: command.line, runTimeSegments: ssm) {
                        // SSM: the last segment is the variable's name; Secrets Manager: the secret's whole name.
                        var d = Declaration(name: ssm ? leaf(value) : value, kind: .bootstrapParameter, repo: repo, path: path, line: command.line)
                        d.store = ssm ? .ssm : .secretsManager
                        d.storePath = value
                        out.append(d)
                    }
                } else if let i = words.firstIndex(of: "gh"), i + 2 < words.count, words[i + 1] == "secret", words[i + 2] == "set" {
                    let arguments = GitHubSecretSet.arguments(words[(i + 3)...])
                    var declared: [String] = []
                    if let name = arguments.name {
                        declared = names(unquote(name), line: command.line)
                    } else if let envFile = arguments.envFile.map(unquote) {
                        // `gh secret set -f FILE`: every name the file sets.
                        if let found = envFileNames(envFile) { declared = found } else {
                            notes.append(DeclarationWarning(repo: repo, path: path, line: command.line,
                                                            message: "sets the secrets of \(MessageText.path(envFile)), which is not in the checkout"))
                        }
                    }
                    for value in declared {
                        out.append(Declaration(name: value, kind: .bootstrapGitHubSecret, repo: repo, path: path, line: command.line))
                    }
                } else if let i = words.firstIndex(where: { $0 == "fly" || $0 == "flyctl" }), i + 2 < words.count,
                          words[i + 1] == "secrets", words[i + 2] == "set" || words[i + 2] == "import" {
                    for pair in words[(i + 3)...] where !pair.hasPrefix("-") && pair.contains("=") {
                        for key in names(unquote(String(pair.prefix { $0 != "=" })), line: command.line) {
                            out.append(Declaration(name: key, kind: .bootstrapPlatformSecret, repo: repo, path: path, line: command.line))
                            out[out.count - 1].store = .fly
                        }
                    }
                } else if let i = words.firstIndex(of: "vercel"), i + 3 < words.count, words[i + 1] == "env", words[i + 2] == "add" {
                    for key in names(unquote(words[i + 3]), line: command.line) {
                        var d = Declaration(name: key, kind: .bootstrapPlatformSecret, repo: repo, path: path, line: command.line)
                        d.store = .vercel
                        d.environment = words.count > i + 4 && !words[i + 4].hasPrefix("-") ? words[i + 4] : nil
                        out.append(d)
                    }
                } else if let i = words.firstIndex(where: { $0 == "vault" || $0 == "bao" }), i + 3 < words.count,
                          words[i + 1] == "kv", words[i + 2] == "put" {
                    let rest = words[(i + 3)...].filter { !$0.hasPrefix("-") }
                    guard let storePath = rest.first else { continue }
                    for pair in rest.dropFirst() {
                        guard let eq = pair.firstIndex(of: "=") else { continue }
                        for key in names(unquote(String(pair[..<eq])), line: command.line) {
                            var d = Declaration(name: key, kind: .bootstrapVault, repo: repo, path: path, line: command.line)
                            d.store = Declaration.Store(words[i])
                            d.storePath = unquote(storePath)
                            out.append(d)
                        }
                    }
                }
            }
            if endsLoop(t) { _ = loops.popLast() }
        }
        return Parsed(declarations: out, notes: notes)
    }

    /// A command that ends the innermost loop (after its own segments ran: `for …; do …; done`).
    static func endsLoop(_ t: String) -> Bool {
        t == "done" || t.hasPrefix("done ") || t.hasPrefix("done;") || t.hasPrefix("done<") || t.hasSuffix("; done") || t.hasSuffix(";done")
    }

    /// The file a `while read` loop reads: `cat FILE | while …` / `grep … FILE | while …` before it,
    /// or `done < FILE` at its end (found by counting the loops opened and closed in between).
    static func readSource(_ commands: [Command], from index: Int, pipedInto head: String) -> String? {
        if let pipe = head.lastIndex(of: "|") {
            let producer = head[..<pipe].split(whereSeparator: { $0 == " " || $0 == "\t" }).map { unquote(String($0)) }
            return producer.dropFirst().last { !$0.hasPrefix("-") && !$0.hasPrefix("^") && !$0.contains("$") }
        }
        var depth = 0
        for command in commands[index...] {
            let t = command.text.trimmingCharacters(in: " \t")
            depth += loopStart.numberOfMatches(in: t, range: NSRange(t.startIndex..., in: t))
            guard let done = t.range(of: "done") , t.hasPrefix("done") || t.contains("; done") else { continue }
            depth -= 1
            if depth == 0 {
                let tail = t[done.upperBound...].trimmingCharacters(in: " \t")
                guard tail.hasPrefix("<"), !tail.hasPrefix("<<") else { return nil }
                let file = unquote(tail.dropFirst().trimmingCharacters(in: " \t"))
                return file.contains("$") || file.hasPrefix("(") ? nil : file
            }
        }
        return nil
    }

    /// `$k` / `${k}` replaced by each value of the enclosing loop over k; nil-free names only.
    static func expand(_ raw: String, loops: [(variable: String, values: [String])], constants: [String: String] = [:]) -> [String] {
        substituted(raw, loops: loops, constants: constants).filter { !$0.contains("$") }   // the rest is only known at run time
    }

    /// `raw` with the enclosing loop's values and the script's constants put in; what is known
    /// only at run time is left as it is.
    static func substituted(_ raw: String, loops: [(variable: String, values: [String])], constants: [String: String] = [:]) -> [String] {
        guard raw.contains("$") else { return [raw] }
        var candidates = [raw]
        for loop in loops.reversed() where raw.contains("$" + loop.variable) || raw.contains("${" + loop.variable + "}") {
            candidates = loop.values.map { substitute(loop.variable, $0, in: raw) }
            break
        }
        // Then the script's constants (`PREFIX=/planb`, `STAGE ?= planb-staging`).
        return candidates.map { c in constants.reduce(c) { substitute($1.key, $1.value, in: $0) } }
    }

    /// An SSM path whose leaf is known and whose other segments are each known or wholly a
    /// variable (`/app/${ENVIRONMENT}/KEY`): those become `*`. nil when the leaf, or part of a
    /// segment, is only known at run time.
    static func withRunTimeSegments(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let leaf = segments.last, !leaf.isEmpty, !leaf.contains("$") else { return nil }
        for i in segments.indices.dropLast() where segments[i].contains("$") {
            guard wholeVariable.firstMatch(in: segments[i], range: NSRange(segments[i].startIndex..., in: segments[i])) != nil else { return nil }
            segments[i] = "*"
        }
        return segments.joined(separator: "/")
    }

    static let wholeVariable = try! NSRegularExpression(pattern: #"^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\}|[0-9])$"#)

    /// `${v}`, `$(v)` (make) and `$v` (followed by a non-name character) replaced by `value`.
    static func substitute(_ variable: String, _ value: String, in text: String) -> String {
        var out = text.replacingOccurrences(of: "${" + variable + "}", with: value)
            .replacingOccurrences(of: "$(" + variable + ")", with: value)
        var search = out.startIndex
        while let r = out.range(of: "$" + variable, range: search..<out.endIndex) {
            if r.upperBound < out.endIndex, let c = out[r.upperBound].unicodeScalars.first,
               CharacterSet.alphanumerics.contains(c) || c == "_" {
                search = r.upperBound
                continue
            }
            out.replaceSubrange(r, with: value)
            search = out.index(r.lowerBound, offsetBy: value.count)
        }
        return out
    }

    static let assignment = try! NSRegularExpression(
        pattern: #"(?m)^\s*(?:export\s+|readonly\s+|local\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(=|\?=|:=)\s*(.*?)\s*$"#)

    /// Variables a script or Makefile sets once to a literal: `PREFIX=/planb`, `STAGE ?= planb`,
    /// `prefix="/${1:-planb}"` (the default). A variable set twice, or to something computed, is not one.
    static func constants(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        var assigned = Set<String>()
        let ns = text as NSString
        for m in assignment.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: 1))
            let isMake = ns.substring(with: m.range(at: 2)) != "="
            var value = unquote(ns.substring(with: m.range(at: 3)))
            if !isMake, ns.substring(with: m.range(at: 2)) == "=", value.hasPrefix("(") { continue }   // an array
            if let open = value.range(of: "${"), let dash = value.range(of: ":-", range: open.upperBound..<value.endIndex),
               let close = value.range(of: "}", range: dash.upperBound..<value.endIndex) {
                value.replaceSubrange(open.lowerBound..<close.upperBound, with: value[dash.upperBound..<close.lowerBound])
            }
            if assigned.contains(name) { out[name] = nil; continue }
            assigned.insert(name)
            if !value.contains("$"), !value.contains("`"), !value.contains(" "), !holdsValue(name, value) { out[name] = value }
        }
        return out
    }

    /// Whether a constant holds a secret value rather than a part of a name: the variable is
    /// named like a secret (`TOKEN`, `DB_PASSWORD`, `STRIPE_KEY`, unless it names a name, path or
    /// prefix: `SECRET_NAME`, `KEY_PREFIX`), or the value is shaped like a generated key (16 or
    /// more characters mixing upper case, lower case and digits). Substituted into a name it
    /// would put the value into every output; a name built from it is only known at run time.
    static func holdsValue(_ variable: String, _ value: String) -> Bool {
        let words = variable.uppercased().split(separator: "_")
        let namesAName: Set<Substring> = ["NAME", "NAMES", "PATH", "PREFIX", "SUFFIX", "ID", "ARN", "DIR", "FILE", "PARAM",
                                          "PARAMETER", "STAGE", "ENV", "ENVIRONMENT", "REGION", "NAMESPACE"]
        let secretWords: Set<Substring> = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASS", "PWD", "CREDENTIAL", "CREDENTIALS",
                                           "PRIVATE", "APIKEY", "DSN", "WEBHOOK", "AUTH", "SALT", "SIGNATURE"]
        if let last = words.last, !namesAName.contains(last), last == "KEY" || words.contains(where: secretWords.contains) {
            return true
        }
        return MessageText.looksGenerated(value.utf8)
    }

    static func arrayValues(_ text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for m in arrayDefinition.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = (text as NSString).substring(with: m.range(at: 1))
            out[name] = (text as NSString).substring(with: m.range(at: 2))
                .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\\" }).map { unquote(String($0)) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        return out
    }

    /// A loop's word list: literal words, or the elements of `"${ARRAY[@]}"`. Words computed at
    /// run time (`$(…)`, `$VAR`) give nothing.
    static func words(_ list: String, arrays: [String: [String]]) -> [String] {
        var out: [String] = []
        for word in list.split(whereSeparator: { $0 == " " || $0 == "\t" }).map({ unquote(String($0)) }) {
            if word.hasPrefix("${"), word.hasSuffix("[@]}") || word.hasSuffix("[*]}") {
                out += arrays[String(word.dropFirst(2).dropLast(4))] ?? []
            } else if !word.contains("$") && !word.contains("`") {
                out.append(word)
            }
        }
        return out
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, let q = s.first, q == "\"" || q == "'", s.last == q { return String(s.dropFirst().dropLast()) }
        return s
    }

    static func leaf(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}

extension BootstrapScripts: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { isScript(name) }

    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed {
        // In a Makefile recipe `$$k` is the shell's `$k`.
        let isMakefile = file.source.path.hasSuffix("Makefile") || file.source.path.hasSuffix(".mk")
        var skipped: [Skip] = []
        let shell = isMakefile ? text.replacingOccurrences(of: "$$", with: "$") : text
        var parsed = parse(shell, file.source) { envFile in
            file.envFileNames(envFile, skipped: &skipped)
        }
        parsed.skipped += skipped
        parsed.defaults = ShellDefaults.find(in: shell).compactMap {
            file.source.defaultLiteral($0.value, of: $0.name, .shellDefault, line: $0.line, column: $0.column, language: "shell", file.defaults)
        }
        // What a script reads from the environment it is run in (ToolReads): not for a Makefile,
        // whose `$(X)` and `$$X` are make's, and not for a script that provisions a store: the
        // values it reads are what it writes there (it is a writer of the secret, not a consumer).
        if !isMakefile && isScript(file.name) && parsed.declarations.isEmpty {
            parsed.scriptReads = ToolReads.shellReads(text, file.source)
        }
        return parsed
    }
}
