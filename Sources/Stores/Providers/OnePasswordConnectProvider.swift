import Declarations
import Foundation
import Yams

/// 1Password vaults through a Connect server: each item's field labels, the item's version,
/// created and updated dates (a field has no date of its own); values only with
/// `--fingerprint-values`, and then only as fingerprints. Through the Connect REST API with a
/// token from `OP_CONNECT_TOKEN`: `GET /v1/vaults` (names to ids), `/v1/vaults/{id}/items`, then
/// `/v1/vaults/{id}/items/{itemId}` for each item's fields. One listing per vault: an
/// environment's `onepassword_vault` for that environment (its presence is then per environment,
/// as every store's), and those named under `stores.onepassword.vaults` (by name or id) that no
/// environment names, with no environment. The repositories' secret
/// references (`op://vault/item/field`) say which names read which field, so each field's path is
/// `vault/item[/section]/field`, in names, as a reference writes it (StoreKind's
/// `pointedByReference` joins them).
struct OnePasswordConnectProvider {
    var config: SecretMapConfig.OnePasswordConnect
    var runner: CommandRunner

    var apiBase: String { config.connectURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }

    var rest: BearerREST {
        BearerREST(store: "1Password Connect", tokenEnv: config.tokenEnv, tokenHint: "a 1Password Connect token that can read the vaults",
                   urlSetting: "stores.onepassword.connect_url", runner: runner)
    }

    func list(vault wanted: String, environment: String?, values: ValueReader?) -> StoreListing {
        var listing = StoreListing(kind: .onePassword, location: wanted, environment: environment)
        do {
            guard let vaults = try rest.json("\(apiBase)/v1/vaults", what: "vaults") as? [[String: Any]] else {
                throw rest.failure(.notJSON, "vaults")
            }
            guard let vault = vaults.first(where: { $0["name"] as? String == wanted }) ?? vaults.first(where: { $0["id"] as? String == wanted }),
                  let vaultID = vault["id"] as? String else {
                throw rest.failure(.notFound, "vault \(wanted)")
            }
            let vaultName = vault["name"] as? String ?? wanted
            listing.location = vaultName
            let base = "\(apiBase)/v1/vaults/\(BearerREST.escape(vaultID))/items"
            guard let items = try rest.json(base, what: "vault \(vaultName)") as? [[String: Any]] else {
                throw rest.failure(.notJSON, "vault \(vaultName)")
            }
            for summary in items {
                guard let itemID = summary["id"] as? String else { continue }
                let item = try rest.object("\(base)/\(BearerREST.escape(itemID))", what: "vault \(vaultName)")
                listing.secrets += fields(of: item, vault: vaultName, values: values)
            }
        } catch {
            return .failed(.onePassword, listing.location, environment: environment, "\(error)")
        }
        listing.secrets.sort { $0.path < $1.path }
        return listing
    }

    /// One entry per labelled field of a full item (`fields[]`, each with its `section.id`
    /// among `sections[]`); the value is fingerprinted when asked, then dropped.
    func fields(of item: [String: Any], vault: String, values: ValueReader?) -> [StoredSecret] {
        let title = item["title"] as? String ?? item["id"] as? String ?? "?"
        var sections: [String: String] = [:]
        for s in item["sections"] as? [[String: Any]] ?? [] {
            if let id = s["id"] as? String, let label = s["label"] as? String, !label.isEmpty { sections[id] = label }
        }
        var out: [StoredSecret] = []
        for field in item["fields"] as? [[String: Any]] ?? [] {
            guard let label = field["label"] as? String, !label.isEmpty else { continue }
            let section = ((field["section"] as? [String: Any])?["id"] as? String).flatMap { sections[$0] }
            var secret = StoredSecret(name: label, path: ([vault, title] + (section.map { [$0] } ?? []) + [label]).joined(separator: "/"))
            secret.type = field["type"] as? String
            secret.version = (item["version"] as? NSNumber)?.intValue
            secret.createdAt = StoreDate.iso(item["createdAt"])
            secret.lastModified = StoreDate.iso(item["updatedAt"])
            if let values, let value = field["value"] as? String, !value.isEmpty { values.facts(value).apply(to: &secret) }
            out.append(secret)
        }
        return out
    }
}

extension OnePasswordConnectProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = [
        "onepassword": .object(["connect_url": .string, "vaults": .list(.string), "token_env": .string], required: ["connect_url"]),
    ]
    static let environmentKeys = ["onepassword_vault"]
    static let kinds: [StoreKind] = [.onePassword]

    static func section(_ stores: Node?, paths: ConfigPaths) -> SecretMapConfig.OnePasswordConnect? {
        guard let o = stores?["onepassword"], let url = o["connect_url"]?.string else { return nil }
        var connect = SecretMapConfig.OnePasswordConnect(connectURL: url)
        connect.vaults = (o["vaults"]?.sequence ?? []).compactMap(\.string)
        if let t = o["token_env"]?.string { connect.tokenEnv = t }
        return connect
    }

    /// Each environment's `onepassword_vault`, then the other vaults of `vaults`: each vault
    /// once, in the config's order.
    static func tasks(_ connect: SecretMapConfig.OnePasswordConnect, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        let provider = OnePasswordConnectProvider(config: connect, runner: context.runner)
        let values = context.values
        var tasks: [@Sendable () -> StoreListing] = []
        var named = Set<String>()
        for env in context.environments {
            guard let vault = env.onePasswordVault, named.insert(vault).inserted else { continue }
            tasks.append { provider.list(vault: vault, environment: env.name, values: values) }
        }
        for vault in connect.vaults where named.insert(vault).inserted {
            tasks.append { provider.list(vault: vault, environment: nil, values: values) }
        }
        return tasks
    }

    static func credentials(_ connect: SecretMapConfig.OnePasswordConnect) -> StoreCredentials {
        StoreCredentials(environmentVariables: [connect.tokenEnv], urls: [connect.connectURL])
    }
}

extension SecretMapConfig {
    /// `stores.onepassword`: a 1Password Connect server and the vaults to list.
    public struct OnePasswordConnect: Sendable {
        public var connectURL: String
        /// Vault names (or ids).
        public var vaults: [String] = []
        public var tokenEnv: String = "OP_CONNECT_TOKEN"
    }

    public var onePasswordConnect: OnePasswordConnect? { section(OnePasswordConnectProvider.self) }
}

extension SecretMapConfig.Environment {
    /// `environments.NAME.onepassword_vault`: the 1Password vault its secrets are kept in.
    public var onePasswordVault: String? { stores["onepassword_vault"] }
}
