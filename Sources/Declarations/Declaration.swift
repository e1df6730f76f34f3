import SourceScan

/// A name the repositories say the system needs: in an env example, a workflow, a task
/// definition, a bootstrap script… One record per place, with where it was said.
/// Like every output, it never holds a value: real env files give a fingerprint and a hint.
public struct Declaration: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `.env.example` and friends: the names a developer is told to set.
        case envExample = "env-example"
        /// A real env file (`.env`, `.env.local`…): the names it sets, fingerprints of the values.
        case envFile = "env-file"
        /// `${{ secrets.X }}` in a GitHub Actions workflow or composite action.
        case workflowSecret = "workflow-secret"
        /// `${{ vars.X }}`: a configuration variable, not a secret.
        case workflowVariable = "workflow-variable"
        /// `on.workflow_call.secrets.X`: a secret a reusable workflow takes.
        case workflowSecretInput = "workflow-secret-input"
        /// `secrets: inherit`: the called workflow gets every secret of the caller.
        case workflowSecretsInherit = "workflow-secrets-inherit"
        /// An ECS task definition's `secrets: [{name, valueFrom}]` (in a workflow or a JSON file).
        case taskDefinitionSecret = "task-definition-secret"
        /// Provisioned by a bootstrap script: `aws ssm put-parameter`, `aws secretsmanager create-secret`.
        case bootstrapParameter = "bootstrap-parameter"
        /// `gh secret set NAME` in a script.
        case bootstrapGitHubSecret = "bootstrap-github-secret"
        /// `vault kv put` / `bao kv put PATH KEY=…` in a script.
        case bootstrapVault = "bootstrap-vault"
        /// `fly secrets set NAME=…`, `vercel env add NAME` in a script.
        case bootstrapPlatformSecret = "bootstrap-platform-secret"
        /// docker-compose: a service's `environment:` entry.
        case composeEnvironment = "compose-environment"
        /// docker-compose: a service's `env_file:` (every name in that file).
        case composeEnvFile = "compose-env-file"
        /// docker-compose: a secret a service mounts, or a top-level secret and where it comes from.
        case composeSecret = "compose-secret"
        /// docker-compose: `${VAR}` taken from the shell that runs compose.
        case composeInterpolation = "compose-interpolation"
        /// Dockerfile `ARG`, `ENV`, and BuildKit `RUN --mount=type=secret,id=…`.
        case dockerfileArg = "dockerfile-arg"
        case dockerfileEnv = "dockerfile-env"
        case dockerfileSecret = "dockerfile-secret"
        /// Kubernetes: `env[].valueFrom.secretKeyRef`, `envFrom[].secretRef`, a `kind: Secret` key.
        case kubernetesSecretKeyRef = "k8s-secret-key-ref"
        case kubernetesSecretRef = "k8s-secret-ref"
        case kubernetesSecretKey = "k8s-secret-key"
        /// Kubernetes: `env[].valueFrom.configMapKeyRef`: configuration, not a secret.
        case kubernetesConfigMapKeyRef = "k8s-config-map-key-ref"
        /// external-secrets.io `ExternalSecret`: a key pulled from an outside store.
        case externalSecret = "external-secret"
        /// Terraform: `aws_ssm_parameter`, `aws_secretsmanager_secret`, `github_actions_secret`,
        /// and variables marked `sensitive`.
        case terraformParameter = "terraform-parameter"
        case terraformSecret = "terraform-secret"
        case terraformGitHubSecret = "terraform-github-secret"
        case terraformSensitiveVariable = "terraform-sensitive-variable"
        /// serverless.yml `${ssm:/path}` and `${env:NAME}`.
        case serverlessSSM = "serverless-ssm"
        case serverlessEnv = "serverless-env"
        /// CloudFormation / SAM `{{resolve:ssm|ssm-secure|secretsmanager:…}}` and
        /// `AWS::SSM::Parameter::Value<…>` parameters.
        case cloudFormationResolve = "cloudformation-resolve"
        case cloudFormationParameter = "cloudformation-parameter"
        /// turbo.json `env` / `globalEnv` / `passThroughEnv`.
        case turboEnv = "turbo-env"
        /// vercel.json, fly.toml `[env]`, render.yaml `envVars` (store says which).
        case platformEnv = "platform-env"
        /// A key of a typed env schema (t3-env `createEnv`, zod `z.object`).
        case envSchema = "env-schema"
        /// A pydantic `BaseSettings` field, as the variable pydantic reads it from.
        case settingsField = "settings-field"
    }

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
    /// the JSON key of a Secrets Manager secret.
    public var store: Store?
    public var storePath: String?
    public var jsonKey: String?
    /// What a typed schema says the value is (zod/t3-env `z.boolean()`, pydantic `SecretStr`):
    /// evidence of the variable's class.
    public var valueType: ValueType?
    /// Real env files only.
    public var fingerprint: String?
    public var hint: String?
    /// Real env files only: what the value looks like (boolean, number, URL with a password,
    /// 32-byte key), evidence of the class; never the value.
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
    public var filesRead = 0
    public init() {}
}
