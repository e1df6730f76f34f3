/// Every kind of store secretmap reads, or a declaration says a value lives in. One vocabulary
/// for the whole pipeline: a declaration's `store`, a listing's `kind`, an inventory entry's
/// `kind`. Coded as the same strings as before (`ssm`, `secretsmanager`, `env-file`…), so JSON,
/// snapshots and baselines do not change; every `switch` over it is exhaustive, so a new kind is
/// handled everywhere or the build fails.
public enum StoreKind: String, Codable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// AWS SSM Parameter Store.
    case ssm
    /// AWS Secrets Manager.
    case secretsManager = "secretsmanager"
    /// GitHub Actions secrets (repository, environment, organisation).
    case github
    /// Vault / OpenBao KV.
    case vault
    /// A local `.env` file a developer keeps.
    case envFile = "env-file"
    /// The per-tenant credentials table in the application's PostgreSQL.
    case postgres
    /// Not a store of values: the AWS identities and policies that may read the stores.
    case iam
    /// A Kubernetes `Secret` object (declared in manifests).
    case kubernetesSecret = "kubernetes-secret"
    /// Platform environment variables: Vercel, Fly.io, Render (declared in their files or scripts).
    case vercel, fly, render
    /// A compose secret marked `external: true`: created outside the repository.
    case external
    /// A 1Password vault item, named by secret references (`op://vault/item/field`).
    case onePassword = "1password"
    /// A Doppler config (a project's `prd`, `stg`…), read with Doppler's CLI.
    case doppler

    public var description: String { rawValue }
    public static func < (a: StoreKind, b: StoreKind) -> Bool { a.rawValue < b.rawValue }
}

extension Declaration {
    /// Where a declaration says the value lives: a kind of store, or what a file format names
    /// that is not one (a compose secret's file, an ExternalSecret's SecretStore). Coded as the
    /// one string it always was (`ssm`, `bao`, `file`, a SecretStore's name…).
    public enum Store: Hashable, Sendable, Codable, CustomStringConvertible {
        case kind(StoreKind)
        /// `bao kv put`: OpenBao, the same store as `vault`, named by the CLI the script runs.
        case openBao
        /// A compose secret read from a file.
        case file
        /// A compose secret taken from the environment of `docker compose`.
        case environmentVariable
        /// An ExternalSecret's `secretStoreRef` name: whatever store the cluster maps it to.
        case secretStore(String)

        public static let ssm = Store.kind(.ssm)
        public static let secretsManager = Store.kind(.secretsManager)
        public static let github = Store.kind(.github)
        public static let kubernetesSecret = Store.kind(.kubernetesSecret)
        public static let vercel = Store.kind(.vercel)
        public static let fly = Store.kind(.fly)
        public static let render = Store.kind(.render)
        public static let onePassword = Store.kind(.onePassword)

        /// The store kind a listing of it would have, to join declarations with stores.
        public var storeKind: StoreKind? {
            switch self {
            case .kind(let kind): return kind
            case .openBao: return .vault
            case .file, .environmentVariable, .secretStore: return nil
            }
        }

        public var description: String {
            switch self {
            case .kind(let kind): return kind.rawValue
            case .openBao: return "bao"
            case .file: return "file"
            case .environmentVariable: return "environment"
            case .secretStore(let name): return name
            }
        }

        public init(_ text: String) {
            switch text {
            case "bao": self = .openBao
            case "file": self = .file
            case "environment": self = .environmentVariable
            default: self = StoreKind(rawValue: text).map(Store.kind) ?? .secretStore(text)
            }
        }

        public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }
}

/// What the later stages need to know about each kind of store, in one place: a new kind is a
/// case above and its answers here (the switches are exhaustive), and Inventory, the rotation
/// runbooks and the audit follow without a switch of their own.
extension StoreKind {
    /// Who puts values into a store of this kind.
    public enum Writers: Sendable, Equatable {
        /// Scripts or Terraform that declare these kinds of declaration, pointing into the store
        /// (`pointed`: the declaration's store path must lie in what the listing covers; GitHub
        /// secrets and platform variables have no path to point with, but a declaration that
        /// names its store must name this kind).
        case declarations([Declaration.Kind], pointed: Bool)
        /// The application, per tenant (a credentials table).
        case applicationPerTenant
        /// People, by hand (a developer's env file).
        case byHand
    }

    /// What reads a store of this kind.
    public enum Readers: Sendable, Equatable {
        /// Deploy contracts pointing into it (a task definition's `valueFrom`, `{{resolve:}}`);
        /// with none, code reads it directly, if anything does.
        case deployContracts
        /// The workflows that use `secrets.X`.
        case workflows
        /// Manifests whose declarations of these kinds name one of its objects (a Kubernetes
        /// `secretKeyRef` or `envFrom.secretRef` names a Secret: the Deployment's pods get the
        /// value from it when they start).
        case manifests([Declaration.Kind])
        /// The application itself.
        case application
    }

    /// How a listing's entries become secrets: one per entry, a bundle of JSON keys a deploy
    /// contract picks from, or the keys of each entry as names.
    public enum EntryShape: Sendable, Equatable {
        case onePerEntry
        /// Secrets Manager: a secret is a JSON object; contracts name the secret and the key.
        case bundleByContract
        /// Vault KV: a path holds several keys, each a secret of its own name.
        case keysAsNames
        /// 1Password: a field (`vault/item[/section]/field`) is the secret of each name whose
        /// secret reference points at it; its label (`password`, `credential`) is no name.
        case pointedByReference
    }

    public var writers: Writers {
        switch self {
        case .ssm, .secretsManager: return .declarations([.bootstrapParameter, .terraformParameter, .terraformSecret], pointed: true)
        case .github: return .declarations([.bootstrapGitHubSecret, .terraformGitHubSecret], pointed: false)
        case .vault: return .declarations([.bootstrapVault], pointed: true)
        case .postgres: return .applicationPerTenant
        case .envFile: return .byHand
        // People keep the items in 1Password; the repos only point at them.
        case .onePassword: return .byHand
        // The dashboard or `doppler secrets set`, which no declaration source reads yet.
        case .doppler: return .byHand
        // `vercel env add`, `fly secrets set`: a script names the variable, not the project or app.
        case .vercel, .fly: return .declarations([.bootstrapPlatformSecret], pointed: false)
        case .iam, .kubernetesSecret, .render, .external: return .declarations([], pointed: true)
        }
    }

    public var readers: Readers {
        switch self {
        case .github: return .workflows
        case .postgres: return .application
        case .kubernetesSecret: return .manifests([.kubernetesSecretKeyRef, .kubernetesSecretRef])
        case .ssm, .secretsManager, .vault, .envFile, .iam, .vercel, .fly, .render, .external, .onePassword, .doppler: return .deployContracts
        }
    }

    public var entryShape: EntryShape {
        switch self {
        case .secretsManager: return .bundleByContract
        case .vault: return .keysAsNames
        case .onePassword: return .pointedByReference
        case .ssm, .github, .envFile, .postgres, .iam, .kubernetesSecret, .vercel, .fly, .render, .external, .doppler: return .onePerEntry
        }
    }

    /// Where a store comes in a rotation: the environment's runtime store first (0), a
    /// developer's env file (1), CI mirrors (2), the rest after.
    public var rotationOrder: Int {
        switch self {
        case .ssm, .secretsManager, .vault, .onePassword: return 0
        // A platform's variables are what its deployments run with: the runtime store.
        case .vercel, .fly: return 0
        // What `doppler run` injects into the process: the runtime store.
        case .doppler: return 0
        // What the pods of the namespace run with: the runtime store.
        case .kubernetesSecret: return 0
        case .envFile: return 1
        case .github: return 2
        case .postgres, .iam, .render, .external: return 3
        }
    }

    /// A runbook's "Update …" phrase for the value at `path` (and `key` inside it), with the
    /// command that writes it where there is one.
    public func updatePhrase(path: String, key: String?) -> String {
        switch self {
        case .ssm: return "SSM \(path) (`aws ssm put-parameter --name \(path) --type SecureString --overwrite --value …`)"
        case .secretsManager: return "Secrets Manager secret \(path)\(key.map { ", key \($0)" } ?? "") (`aws secretsmanager put-secret-value`; keep the other keys)"
        case .github: return "the GitHub secret \(path) (`gh secret set`)"
        case .vault: return "Vault \(path)\(key.map { " key \($0)" } ?? "") (`bao kv patch`)"
        case .envFile: return "the env file \(path)"
        case .vercel: return "the Vercel variable \(path) (`vercel env rm`, then `vercel env add`; redeploy)"
        case .fly: return "the Fly.io secret \(path) (`fly secrets set`; it redeploys)"
        case .onePassword: return "the 1Password field op://\(path) (`op item edit`)"
        case .doppler:
            // A listing's path is PROJECT/CONFIG/NAME.
            let parts = path.split(separator: "/", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { return "the Doppler secret \(path) (`doppler secrets set`)" }
            return "the Doppler secret \(path) (`doppler secrets set \(parts[2]) -p \(parts[0]) -c \(parts[1])`)"
        case .kubernetesSecret:
            // A listing's path is [CONTEXT/]NAMESPACE/SECRET/KEY (an EKS context's name holds
            // `/` too). `kubectl apply` of a Secret made with one key drops the keys it was last
            // applied with: all of them go in.
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 3 else { return "the Kubernetes Secret \(path) (`kubectl apply`)" }
            let (namespace, secret, name) = (parts[parts.count - 3], parts[parts.count - 2], parts[parts.count - 1])
            let context = parts.dropLast(3).joined(separator: "/")
            let kubectl = context.isEmpty ? "kubectl" : "kubectl --context \(context)"
            return "the Kubernetes Secret \(secret) key \(name) in namespace \(namespace) (`\(kubectl) create secret generic \(secret) -n \(namespace) --from-literal=\(name)=… --dry-run=client -o yaml | \(kubectl) apply -f -`, with every other key of the Secret too: apply replaces them all; then `kubectl rollout restart` the Deployments that read it)"
        case .postgres, .iam, .render, .external: return "\(self) \(path)"
        }
    }
}
