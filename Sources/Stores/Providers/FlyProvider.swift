import Declarations
import Foundation
import Yams

/// Fly.io apps' secrets: name, Fly's digest of the value, created and updated dates (the API
/// never returns values: only the app's machines see them). Through the Machines REST API
/// (`GET /v1/apps/{app}/secrets`) with a token from `FLY_API_TOKEN`. One listing per app named
/// under `stores.fly.apps`, and one per environment's `fly_app`.
struct FlyProvider {
    var config: SecretMapConfig.Fly
    var runner: CommandRunner

    var apiBase: String { (config.apiURL ?? "https://api.machines.dev").trimmingCharacters(in: CharacterSet(charactersIn: "/")) }

    var rest: BearerREST {
        BearerREST(store: "Fly.io", tokenEnv: config.tokenEnv, tokenHint: "a Fly.io token that can read the app (fly tokens create readonly)",
                   urlSetting: "stores.fly.api_url", runner: runner)
    }

    func list(app: String, environment: String?) -> StoreListing {
        var listing = StoreListing(kind: .fly, location: app, environment: environment)
        do {
            let answer = try rest.json("\(apiBase)/v1/apps/\(BearerREST.escape(app))/secrets", what: "app \(app)")
            // `{"secrets": [...]}`; a bare list is taken too.
            guard let secrets = (answer as? [String: Any]).map({ $0["secrets"] }) as? [[String: Any]] ?? answer as? [[String: Any]] else {
                throw rest.failure(.notJSON, "app \(app)")
            }
            for s in secrets {
                guard let name = s["name"] as? String ?? s["label"] as? String else { continue }
                var secret = StoredSecret(name: name, path: app + "/" + name)
                secret.createdAt = StoreDate.iso(s["created_at"])
                secret.lastModified = StoreDate.iso(s["updated_at"])
                if let digest = s["digest"] as? String { secret.tags = ["digest": digest] }
                listing.secrets.append(secret)
            }
        } catch {
            return .failed(.fly, app, environment: environment, "\(error)")
        }
        listing.secrets.sort { $0.name < $1.name }
        return listing
    }
}

extension FlyProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = [
        "fly": .object(["apps": .list(.string), "api_url": .string, "token_env": .string]),
    ]
    static let environmentKeys = ["fly_app"]
    static let kinds: [StoreKind] = [.fly]

    static func section(_ stores: Node?, paths: ConfigPaths) -> SecretMapConfig.Fly? {
        guard let f = stores?["fly"] else { return nil }
        var fly = SecretMapConfig.Fly()
        fly.apps = (f["apps"]?.sequence ?? []).compactMap(\.string)
        fly.apiURL = f["api_url"]?.string
        if let t = f["token_env"]?.string { fly.tokenEnv = t }
        return fly
    }

    /// The apps under `stores.fly.apps`, then each environment's `fly_app`.
    static func tasks(_ fly: SecretMapConfig.Fly, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        var tasks: [@Sendable () -> StoreListing] = []
        let provider = FlyProvider(config: fly, runner: context.runner)
        for app in fly.apps { tasks.append { provider.list(app: app, environment: nil) } }
        for env in context.environments {
            guard let app = env.flyApp else { continue }
            tasks.append { provider.list(app: app, environment: env.name) }
        }
        return tasks
    }

    static func credentials(_ fly: SecretMapConfig.Fly) -> StoreCredentials {
        StoreCredentials(environmentVariables: [fly.tokenEnv], urls: fly.apiURL.map { [$0] } ?? [])
    }
}

extension SecretMapConfig {
    /// `stores.fly`.
    public struct Fly: Sendable {
        public var apps: [String] = []
        public var apiURL: String?
        public var tokenEnv: String = "FLY_API_TOKEN"
    }

    public var fly: Fly? { section(FlyProvider.self) }
}

extension SecretMapConfig.Environment {
    /// `environments.NAME.fly_app`: the Fly.io app that runs it.
    public var flyApp: String? { stores["fly_app"] }
}
