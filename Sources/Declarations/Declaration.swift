import SourceScan

/// A name the repositories say the system needs: in an env example, a workflow, a task
/// definition, a bootstrap script… One record per place, with where it was said.
/// Like every output, it never holds a value: real env files give a fingerprint and a hint.
public struct Declaration: Codable, Hashable, Sendable {
    /// A schema's type for a variable, as far as it tells the class.
    public enum ValueType: String, Codable, Sendable {
        case boolean, number
        /// `z.enum([…])`, `Literal[…]`: one of fixed words.
        case enumeration = "enum"
        /// `.url()`, `HttpUrl`: a URL (without a password, as far as the type says).
        case url
        /// pydantic `SecretStr`/`SecretBytes`, a `…Dsn` (a URL with credentials).
        case secret
    }

    public var name: String
    public var kind: Kind

    /// Kinds that are a deploy contract: they name the store path a deploy injects the value from
    /// (an ECS task definition's secrets, `{{resolve:…}}`, serverless `${ssm:}`).
    public static let contractKinds: Set<Kind> = [.taskDefinitionSecret, .cloudFormationResolve, .serverlessSSM]
    public var repo: String
    public var path: String
    public var line: Int
    /// `# KEY=` in an env example: documented but switched off.
    public var commented: Bool?
    /// The workflow job, and its `environment:` when it names one.
    public var job: String?
    public var environment: String?
    /// The variable a secret becomes (`env: {KEY: ${{ secrets.STRIPE_SECRET_KEY }}}` → KEY), or the
    /// container variable of a task-definition secret whose value lives under another name.
    public var alias: String?
    /// Where the value lives: `ssm` or `secretsmanager`, the parameter path or secret name, and
    /// the JSON key of a Secrets Manager secret. A bootstrap script's SSM path may hold `*` for a
    /// segment known only when it runs (`/app/${ENVIRONMENT}/KEY` → `/app/*/KEY`): it stands for
    /// each configured environment whose prefix fits (`Declaration.paths(_:under:)`).
    public var store: Store?
    public var storePath: String?
    public var jsonKey: String?
    /// docker-compose: the image of the service an `environment:` entry or a `${VAR}` belongs to,
    /// when that service has `image:` and no `build:` (postgres, minio…): the image reads it, not
    /// our code (see `Compose.thirdPartyImage`).
    public var thirdPartyImage: String?
    /// What a typed schema says the value is (zod/t3-env `z.boolean()`, pydantic `SecretStr`):
    /// evidence of the variable's class.
    public var valueType: ValueType?
    /// Real env files only.
    public var fingerprint: String?
    public var hint: String?
    /// What the value looks like (boolean, number, URL with a password, 32-byte key), evidence
    /// of the class; never the value. Real env files: any shape; env examples: a URL with a
    /// password only (an example's other values are placeholders).
    public var valueShape: ValueShape?

    public init(name: String, kind: Kind, repo: String, path: String, line: Int) {
        self.name = name; self.kind = kind; self.repo = repo; self.path = path; self.line = line
    }
}

/// A file that could not be read as what its name says (malformed YAML or JSON): named with the
/// line where known; every other file is still read.
public struct DeclarationWarning: Codable, Hashable, Sendable {
    public var repo: String
    public var path: String
    public var line: Int?
    public var message: String

    /// `repo/path:line: message`, as secretmap prints it.
    public var text: String { "\(repo)/\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// Something that deploys a repository, and so must run again after a secret it bakes in or
/// reads at start changes: a SAM or serverless stack, a workflow that deploys to ECS, fly, vercel.
public struct DeployUnit: Codable, Hashable, Sendable {
    public var repo: String
    /// The file that defines it (`template.yaml`, `.github/workflows/deploy-app.yml`).
    public var path: String
    /// What to run: `sam deploy`, `re-run deploy-app.yml`…
    public var how: String
    public init(repo: String, path: String, how: String) { self.repo = repo; self.path = path; self.how = how }
}

public struct DeclarationResult: Codable, Sendable {
    public var declarations: [Declaration] = []
    public var deployUnits: [DeployUnit] = []
    public var warnings: [DeclarationWarning] = []
    /// What could not be known from the files alone (a name a script builds at run time, a loop over
    /// an env file that is not in the checkout): said, not a failure.
    public var notes: [DeclarationWarning] = []
    public var skipped: [Skip] = []
    /// Hard-coded defaults of named variables in compose files (`${X:-…}`, `X: value` of a service
    /// we build), scripts (`${X:-…}`, `${X:=…}`) and Dockerfiles (`ENV X=…`, `ARG X=…`): each a
    /// `Literal` whose `target` is the variable, with fingerprint and hint, never the value.
    public var defaults: [Literal] = []
    /// What scripts read from the environment they are run in (`$X` a shell script expands and
    /// does not set), as tool reads with job "shell script": the inventory makes them readers.
    /// Kept apart from `declarations`: a script using a name does not declare it.
    public var scriptReads: [Declaration] = []
    public var filesRead = 0
    public init() {}
}

extension Declaration {
    /// A store path with `*` segments (a run-time segment) fitted under `prefix`: the concrete
    /// path when the prefix's segments match the pattern's (`*` matching any one), else nil. A
    /// path without `*` fits when it starts with the prefix.
    public static func path(_ pattern: String, under prefix: String) -> String? {
        guard pattern.contains("*") else { return pattern.hasPrefix(prefix) ? pattern : nil }
        let want = pattern.split(separator: "/", omittingEmptySubsequences: false)
        var have = prefix.split(separator: "/", omittingEmptySubsequences: false)
        if have.last == "" { have.removeLast() }
        guard have.count < want.count else { return nil }
        for (a, b) in zip(have, want) where b != "*" && a != b { return nil }
        let concrete = have.map(String.init) + want[have.count...].map(String.init)
        return concrete.contains("*") ? nil : concrete.joined(separator: "/")
    }
}
