import Declarations
import Yams

/// The AWS stores, one family because they share one way in: `stores.aws` (region, profile,
/// endpoint) reaches SSM Parameter Store (a prefix per environment, `environments.NAME.ssm`),
/// IAM (`stores.aws.iam: true`: who can read the stores) and Secrets Manager
/// (`stores.secrets_manager`, with a prefix per environment or one `name_prefix`).
enum AWSStores: StoreProvider {
    struct Section: Sendable {
        var aws: SecretMapConfig.AWS
        /// Present when the config has `stores.secrets_manager`.
        var secretsManager: SecretMapConfig.SecretsManager?
    }

    static let storeKeys: [String: ConfigShape] = [
        "aws": .object(["region": .string, "profile": .string, "endpoint": .string, "iam": .bool]),
        "secrets_manager": .object(["name_prefix": .string]),
    ]
    static let environmentKeys = ["ssm", "secrets_manager_prefix"]
    static let kinds: [StoreKind] = [.ssm, .iam, .secretsManager]

    /// Always a section: SSM is read wherever an environment names a prefix, `stores.aws` or not.
    static func section(_ stores: Node?, paths: ConfigPaths) -> Section? {
        let a = stores?["aws"]
        let aws = SecretMapConfig.AWS(region: a?["region"]?.string, profile: a?["profile"]?.string,
                                      endpoint: a?["endpoint"]?.string, iam: a?["iam"]?.bool ?? false)
        let sm = stores?["secrets_manager"].map { SecretMapConfig.SecretsManager(namePrefix: $0["name_prefix"]?.string) }
        return Section(aws: aws, secretsManager: sm)
    }

    /// SSM per environment, then IAM, then Secrets Manager (per environment, or the one prefix).
    static func tasks(_ section: Section, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        var tasks: [@Sendable () -> StoreListing] = []
        let aws = AWSCommand(runner: context.runner, aws: section.aws)
        let values = context.values
        for env in context.environments {
            guard let prefix = env.ssmPrefix else { continue }
            tasks.append { SSMProvider(aws: aws).list(prefix: prefix, environment: env.name, values: values) }
        }
        if section.aws.iam {
            tasks.append { IAMProvider(aws: aws).list() }
        }
        if let sm = section.secretsManager {
            let perEnvironment = context.environments.filter { $0.secretsManagerPrefix != nil }
            if perEnvironment.isEmpty {
                let prefix = sm.namePrefix
                tasks.append { SecretsManagerProvider(aws: aws).list(namePrefix: prefix, environment: nil, values: values) }
            }
            for env in perEnvironment {
                tasks.append { SecretsManagerProvider(aws: aws).list(namePrefix: env.secretsManagerPrefix, environment: env.name, values: values) }
            }
        }
        return tasks
    }

    /// SSM is written (`rotate apply`); Secrets Manager and IAM not yet.
    static func writer(_ section: Section, runner: CommandRunner) -> (any StoreWriter)? {
        SSMWriter(aws: AWSCommand(runner: runner, aws: section.aws))
    }
}

extension SecretMapConfig {
    /// `stores.aws`: how the AWS CLI is pointed (otherwise the usual AWS_* variables apply).
    public struct AWS: Sendable {
        public var region: String?; public var profile: String?; public var endpoint: String?
        /// Also list IAM principals and policies, to tell who can read each prefix.
        public var iam = false
    }

    /// `stores.secrets_manager`.
    public struct SecretsManager: Sendable { public var namePrefix: String? }

    public var aws: AWS { section(AWSStores.self)?.aws ?? AWS() }
    public var secretsManager: (namePrefix: String?, enabled: Bool) {
        section(AWSStores.self)?.secretsManager.map { ($0.namePrefix, true) } ?? (nil, false)
    }
}

extension SecretMapConfig.Environment {
    /// `environments.NAME.ssm`: the SSM path prefix of this environment.
    public var ssmPrefix: String? { stores["ssm"] }
    /// `environments.NAME.secrets_manager_prefix`.
    public var secretsManagerPrefix: String? { stores["secrets_manager_prefix"] }
}

/// Who is rotating, for the journal: the AWS caller identity's ARN when the config reaches AWS
/// (one `sts get-caller-identity` call), else $USER. Never a key id or a token.
public enum CallerIdentity {
    public static func of(_ config: SecretMapConfig, runner: CommandRunner) -> String {
        let user = runner.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        guard config.environments.contains(where: { $0.ssmPrefix != nil }) || config.secretsManager.enabled,
              let answer = try? AWSCommand(runner: runner, aws: config.aws).json(["sts", "get-caller-identity"]),
              let arn = (answer as? [String: Any])?["Arn"] as? String else { return user }
        return arn
    }
}
