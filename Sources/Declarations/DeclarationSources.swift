import Foundation
import SourceScan

/// A kind of file that declares names: how to tell it from its name and what it declares. One
/// type per source, in the source's own file; `DeclarationSources.all` lists them in the order
/// files are claimed, and the scanner only iterates that list. A new source is its file, a line
/// in that list and, when it declares something new, a `Declaration.Kind` case (both here).
protocol DeclarationSource: SendableMetatype {
    /// Whether a file called `name`, at `path` in its checkout, is this source's: decided from
    /// the name alone, before the file is read.
    static func claims(name: String, path: String) -> Bool
    /// What the file declares, and the problems met reading it (a line and a category each).
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed
    /// What deploys the repository, when this file says (a SAM template, fly.toml, a workflow).
    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit?
    /// Task definition files it names by path (a deploy workflow's `task-definition:`), read
    /// once the walk is done whatever their names.
    static func taskDefinitionReferences(in text: String) -> [TaskDefinitions.Reference]
    /// What the file's bytes must hold before any of the three above can give something: a byte
    /// search made before the text is decoded (DeclarationPrefilter.swift; `.always` by default).
    static var prefilter: DeclarationPrefilter { get }
}

extension DeclarationSource {
    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit? { nil }
    static func taskDefinitionReferences(in text: String) -> [TaskDefinitions.Reference] { [] }
}

/// Every declaration source, in the order files are claimed: the first that claims a file reads
/// it (an env example before plain YAML, a workflow before a manifest…).
enum DeclarationSources {
    static let all: [any DeclarationSource.Type] = [
        EnvFiles.self,
        Workflows.self,
        Compose.self,
        TaskDefinitions.self,
        BootstrapScripts.self,
        Dockerfiles.self,
        Terraform.self,
        ServerlessFiles.self,
        Platforms.self,
        ToolReads.self,
        DeployManifests.self,
        YAMLManifests.self,
        CloudTemplateJSON.self,
        EnvSchemas.self,
        PydanticSettings.self,
    ]

    /// The position in `all` of the source that claims the file, if any.
    static func claiming(name: String, path: String) -> Int? {
        all.firstIndex { $0.claims(name: name, path: path) }
    }
}

/// The file a source reads: where it is, the fingerprinter for real env files' values, and a way
/// to read another file it names (a script's env file) through the gate, within the checkout.
struct DeclarationFile {
    var source: SourceFile
    /// The file's own name (the last component of its path).
    var name: String
    var root: Root
    var absolutePath: String
    var fingerprinter: Fingerprinter
    var maxFileSize: Int
    /// Measures the hard-coded defaults a file gives (nil: not wanted, as in the fuzzer's parse).
    var defaults: EnvironmentDefaults?

    /// The names an env file sets, for a script that loops over its keys. Scripts run from the
    /// checkout's top or from their own folder; the file is read through the gate, within the
    /// checkout. nil when it is not in the checkout (an absolute path is a file of the machine
    /// that runs the script, never read here); none when the gate refuses it (then a skip).
    func envFileNames(_ envFile: String, skipped: inout [Skip]) -> [String]? {
        guard !envFile.hasPrefix("/") else { return nil }
        let scriptFolder = (absolutePath as NSString).deletingLastPathComponent
        for base in [root.path, scriptFolder] {
            let candidate = base + "/" + envFile
            switch FileGate.readText(candidate, within: root.path, maxSize: maxFileSize) {
            case .success(let text): return EnvFiles.names(text)
            case .failure(.missing): continue
            case .failure(let refusal):
                let rel = DeclarationScanner.normalized(String(candidate.dropFirst(root.path.count + 1)))
                skipped.append(Skip(repo: root.name, path: rel, reason: refusal.skipReason, detail: refusal.detail))
                return []
            }
        }
        return nil
    }
}

extension Declaration {
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
        /// A manifest's plain `value:` that is a 1Password secret reference (`op://…`): the
        /// variable's value lives in 1Password (store `1password`, path `vault/item/field`).
        case onePasswordReference = "1password-reference"
        /// A key of a typed env schema (t3-env `createEnv`, zod `z.object`).
        case envSchema = "env-schema"
        /// A pydantic `BaseSettings` field, as the variable pydantic reads it from.
        case settingsField = "settings-field"
        /// Read by a tool, not by our code: prisma's `env("X")` in schema.prisma, `$X` in a
        /// package.json script (`job` says which). Evidence a name is in use, not a declaration.
        case toolRead = "tool-read"
    }
}
