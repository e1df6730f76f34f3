import Declarations
import Foundation
import Yams

/// Vercel projects' environment variables: name, type (encrypted, sensitive, plain, system),
/// target, created and updated dates; values only with `--fingerprint-values`, and then only as
/// fingerprints. Through the REST API (`GET /v10/projects/{idOrName}/env`) with a token from
/// `VERCEL_TOKEN`, following `pagination.next` (Vercel's documented cursor, sent back as
/// `until`). One listing per project and environment that maps a target
/// (`environments.NAME.vercel_target`), or one per project with every target when none does.
struct VercelProvider {
    var config: SecretMapConfig.Vercel
    var runner: CommandRunner

    var apiBase: String { (config.apiURL ?? "https://api.vercel.com").trimmingCharacters(in: CharacterSet(charactersIn: "/")) }

    var rest: BearerREST {
        BearerREST(store: "Vercel", tokenEnv: config.tokenEnv, tokenHint: "a Vercel access token that can read the project",
                   urlSetting: "stores.vercel.api_url", runner: runner)
    }

    /// The variables of `project` whose targets include `target` (every one when nil).
    func list(project: String, target: String?, environment: String?, values: ValueReader?) -> StoreListing {
        let location = target.map { "\(project)@\($0)" } ?? project
        var listing = StoreListing(kind: .vercel, location: location, environment: environment)
        do {
            for env in try variables(project, decrypt: values != nil) {
                guard let name = env["key"] as? String else { continue }
                let targets = Self.targets(env["target"])
                if let target, !targets.contains(target) { continue }
                var secret = StoredSecret(name: name, path: location + "/" + name)
                secret.type = env["type"] as? String
                secret.createdAt = Self.date(env["createdAt"])
                secret.lastModified = Self.date(env["updatedAt"])
                var tags: [String: String] = [:]
                if target == nil, !targets.isEmpty { tags["target"] = targets.joined(separator: ",") }
                if let branch = env["gitBranch"] as? String, !branch.isEmpty { tags["gitBranch"] = branch }
                secret.tags = tags.isEmpty ? nil : tags
                // A sensitive variable is never decrypted by the API: no value, no fingerprint.
                if let values, env["decrypted"] as? Bool == true, let value = env["value"] as? String {
                    values.facts(value).apply(to: &secret)
                }
                listing.secrets.append(secret)
            }
        } catch {
            return .failed(.vercel, location, environment: environment, "\(error)")
        }
        listing.secrets.sort { ($0.name, $0.tags?["gitBranch"] ?? "") < ($1.name, $1.tags?["gitBranch"] ?? "") }
        return listing
    }

    /// Every variable of the project, page after page (at most 1000 pages).
    func variables(_ project: String, decrypt: Bool) throws -> [[String: Any]] {
        var query = ["decrypt=\(decrypt)"]
        if let team = config.teamID { query.append("teamId=\(BearerREST.query(team))") }
        let base = "\(apiBase)/v10/projects/\(BearerREST.escape(project))/env?" + query.joined(separator: "&")
        var out: [[String: Any]] = []
        var until: String?
        for _ in 0..<1000 {
            let page = try rest.object(base + (until.map { "&until=\($0)" } ?? ""), what: "project \(project)")
            guard let envs = page["envs"] as? [[String: Any]] else { throw rest.failure(.notJSON, "project \(project)") }
            out += envs
            guard let next = (page["pagination"] as? [String: Any])?["next"] as? NSNumber else { break }
            until = next.stringValue
        }
        return out
    }

    /// `target` is a list (`["production", "preview"]`) or, in older answers, one string.
    static func targets(_ value: Any?) -> [String] {
        if let list = value as? [String] { return list }
        if let one = value as? String { return [one] }
        return []
    }

    /// Vercel's dates are milliseconds since 1970.
    static func date(_ value: Any?) -> String? {
        guard let ms = value as? NSNumber else { return StoreDate.iso(value) }
        return StoreDate.format(Date(timeIntervalSince1970: ms.doubleValue / 1000))
    }
}

extension VercelProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = [
        "vercel": .object(["projects": .list(.string), "team_id": .string, "api_url": .string, "token_env": .string], required: ["projects"]),
    ]
    static let environmentKeys = ["vercel_target"]
    static let kinds: [StoreKind] = [.vercel]

    static func section(_ stores: Node?, paths: ConfigPaths) -> SecretMapConfig.Vercel? {
        guard let v = stores?["vercel"] else { return nil }
        var vercel = SecretMapConfig.Vercel()
        vercel.projects = (v["projects"]?.sequence ?? []).compactMap(\.string)
        vercel.teamID = v["team_id"]?.string
        vercel.apiURL = v["api_url"]?.string
        if let t = v["token_env"]?.string { vercel.tokenEnv = t }
        return vercel
    }

    /// Each project once per environment that maps a target, in the config's order; a project
    /// with no target mapped is listed whole.
    static func tasks(_ vercel: SecretMapConfig.Vercel, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        var tasks: [@Sendable () -> StoreListing] = []
        let provider = VercelProvider(config: vercel, runner: context.runner)
        let values = context.values
        let mapped = context.environments.filter { $0.vercelTarget != nil }
        for project in vercel.projects {
            if mapped.isEmpty {
                tasks.append { provider.list(project: project, target: nil, environment: nil, values: values) }
            }
            for env in mapped {
                let target = env.vercelTarget
                tasks.append { provider.list(project: project, target: target, environment: env.name, values: values) }
            }
        }
        return tasks
    }

    static func credentials(_ vercel: SecretMapConfig.Vercel) -> StoreCredentials {
        StoreCredentials(environmentVariables: [vercel.tokenEnv], urls: vercel.apiURL.map { [$0] } ?? [])
    }
}

extension SecretMapConfig {
    /// `stores.vercel`.
    public struct Vercel: Sendable {
        /// Project ids or names.
        public var projects: [String] = []
        /// The team owning the projects (`teamId`), when the token is not the owner's own.
        public var teamID: String?
        public var apiURL: String?
        public var tokenEnv: String = "VERCEL_TOKEN"
    }

    public var vercel: Vercel? { section(VercelProvider.self) }
}

extension SecretMapConfig.Environment {
    /// `environments.NAME.vercel_target`: the Vercel target it maps to (production, preview,
    /// development).
    public var vercelTarget: String? { stores["vercel_target"] }
}
