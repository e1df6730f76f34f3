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
