import Foundation
import Yams

/// Names a tool reads from the environment, not our code: the evidence that a name in
/// .env.example is in use although no scanned code reads it.
/// - `schema.prisma`: `env("X")` (prisma's CLI and client read the datasource URL through it);
/// - `package.json`: `$VAR` / `${VAR}` in a `scripts` entry (the shell of `npm run` expands it),
///   upper-case names only, leaving out the shell's own (`$HOME`, `$PWD`…); npm's
///   `$npm_package_*` are lower case.
/// - a shell script (`*.sh`, `*.bash`): `$X` / `${X…}` of an upper-case name the script does not
///   set itself (an assignment, `read X`, `for X in`), the first place each is used; `X="${X:-d}"`
///   reads X before setting it. These go to `DeclarationResult.scriptReads`, not to the
///   declarations. The inventory makes prisma's and a script's reads readers (via `tool …`):
///   they run with the variable.
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

    /// `NAME=…` (also after export/local/readonly/declare), `read [-r…] NAME`, `for NAME in`:
    /// the names a script sets, with the text assigned (nil for read/for).
    static let assignment = try! NSRegularExpression(
        pattern: #"(?:^\s*|[;&|({]\s*|\bthen\s+|\bdo\s+|\belse\s+)(?:(?:export|local|readonly|declare(?:\s+-\w+)*)\s+)?([A-Za-z_][A-Za-z0-9_]*)=(\S*)"#)
    static let loopOrRead = try! NSRegularExpression(pattern: #"\b(?:for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b|read\b(?:\s+-[a-zA-Z]+(?:\s+\S+)?)*((?:\s+[A-Za-z_][A-Za-z0-9_]*)+))"#)

    /// The names a shell script uses and does not set itself, at the first line that uses each.
    static func shellReads(_ text: String, _ file: SourceFile) -> [Declaration] {
        guard text.contains("$") else { return [] }
        let lines = text.textLines().map(String.init)
        var set = Set<String>()
        var firstUse: [(name: String, line: Int)] = []
        var used = Set<String>()
        for (index, line) in lines.enumerated() {
            let code = line.drop { $0 == " " || $0 == "\t" }
            if code.hasPrefix("#") { continue }
            let ns = line as NSString
            let range = NSRange(location: 0, length: ns.length)
            for m in assignment.matches(in: line, range: range) {
                let name = ns.substring(with: m.range(at: 1)), value = ns.substring(with: m.range(at: 2))
                // `X="${X:-default}"` reads X first: that is a use, not the script's own value.
                if !ComposeInterpolation.names(in: value).contains(where: { $0.name == name }) { set.insert(name) }
            }
            for m in loopOrRead.matches(in: line, range: range) {
                for group in 1...2 where m.range(at: group).location != NSNotFound {
                    for name in ns.substring(with: m.range(at: group)).split(separator: " ") { set.insert(String(name)) }
                }
            }
            for (name, _) in ComposeInterpolation.names(in: line)
            where !shellVariables.contains(name) && isUpperCaseName(name) && used.insert(name).inserted {
                firstUse.append((name, index + 1))
            }
        }
        // A name the script sets is its own, wherever it is set (a function may use it before).
        return firstUse.filter { !set.contains($0.name) }.map { use in
            file.declare(use.name, .toolRead, line: use.line) { $0.job = "shell script" }
        }
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

/// Variables a standard tool reads by itself wherever it runs, so a declaration of one is in use
/// though no scanned code names it.
public enum ToolReadVariables {
    /// libpq's connection variables: psql, pg_dump, pg_basebackup and every libpq-based driver
    /// (psycopg, node-postgres's defaults) read them when no parameter is given.
    /// https://www.postgresql.org/docs/current/libpq-envars.html
    public static let libpq: Set<String> = [
        "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGPASSFILE", "PGREQUIREAUTH",
        "PGCHANNELBINDING", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS", "PGAPPNAME", "PGSSLMODE", "PGREQUIRESSL",
        "PGSSLCOMPRESSION", "PGSSLCERT", "PGSSLKEY", "PGSSLROOTCERT", "PGSSLCRL", "PGSSLCRLDIR", "PGSSLSNI",
        "PGREQUIREPEER", "PGSSLMINPROTOCOLVERSION", "PGSSLMAXPROTOCOLVERSION", "PGGSSENCMODE", "PGKRBSRVNAME",
        "PGGSSLIB", "PGGSSDELEGATION", "PGCONNECT_TIMEOUT", "PGCLIENTENCODING", "PGTARGETSESSIONATTRS", "PGLOADBALANCEHOSTS",
    ]

    /// The AWS SDKs' and CLI's credential and configuration variables, read by the SDK's default
    /// credential chain with no code naming them; `AWS_BEARER_TOKEN_BEDROCK` is Bedrock's API key.
    /// https://docs.aws.amazon.com/sdkref/latest/guide/settings-reference.html
    /// https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html
    public static let awsSDK: Set<String> = [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE",
        "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_ENDPOINT_URL", "AWS_BEARER_TOKEN_BEDROCK",
    ]

    /// The tool that reads `name` by itself, if any.
    public static func tool(reading name: String) -> String? {
        if libpq.contains(name) { return "libpq (psql, pg_dump, drivers)" }
        if awsSDK.contains(name) { return "the AWS SDKs' credential chain" }
        return nil
    }
}
