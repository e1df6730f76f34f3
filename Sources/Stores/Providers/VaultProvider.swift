import Declarations
import Foundation
import SourceScan
import Yams

/// Vault / OpenBao KV version 2, through `bao` or `vault` (address and token from VAULT_ADDR /
/// VAULT_TOKEN or BAO_ADDR / BAO_TOKEN, as the CLI reads them): a recursive LIST under a path,
/// then each secret's metadata (created_time, updated_time, current_version). The metadata has
/// no key names; with `--fingerprint-values` each secret is read and its keys fingerprinted.
struct VaultProvider {
    var config: SecretMapConfig.Vault
    var runner: CommandRunner

    func list(path: String, environment: String?, values reader: ValueReader?) -> StoreListing {
        let location = "\(config.mount)/\(path)"
        var listing = StoreListing(kind: .vault, location: location, environment: environment)
        do {
            for secretPath in try secretPaths(under: path) {
                let meta = try json(["kv", "metadata", "get", "-format=json", "-mount=\(config.mount)", secretPath])
                let data = (meta as? [String: Any])?["data"] as? [String: Any] ?? [:]
                var s = StoredSecret(name: secretPath.split(separator: "/").last.map(String.init) ?? secretPath,
                                     path: "\(config.mount)/\(secretPath)")
                s.createdAt = StoreDate.iso(data["created_time"])
                s.lastModified = StoreDate.iso(data["updated_time"])
                s.version = (data["current_version"] as? NSNumber)?.intValue
                if let custom = data["custom_metadata"] as? [String: String], !custom.isEmpty { s.tags = custom }
                if let reader {
                    let read = try json(["kv", "get", "-format=json", "-mount=\(config.mount)", secretPath])
                    if let values = ((read as? [String: Any])?["data"] as? [String: Any])?["data"] as? [String: Any] {
                        s.keys = Fingerprints.keys(values, reader)
                    }
                }
                listing.secrets.append(s)
            }
        } catch {
            return .failed(.vault, location, environment: environment, "\(error)")
        }
        listing.secrets.sort { $0.path < $1.path }
        return listing
    }

    /// Every secret below `path`: LIST returns names, folders end in `/`.
    func secretPaths(under path: String) throws -> [String] {
        var out: [String] = []
        var folders = [path.hasSuffix("/") ? String(path.dropLast()) : path]
        while let folder = folders.popLast(), out.count < 100_000 {
            let listed: Any
            do { listed = try json(["kv", "list", "-format=json", "-mount=\(config.mount)", folder]) } catch let f as CommandRunner.Failure {
                // An empty or missing folder: LIST answers 404, which the CLI reports as "No value found".
                if f.category == .notFound || (f.category == .other && f.status == 2) { continue }
                throw f
            }
            for key in listed as? [String] ?? [] {
                let full = folder.isEmpty ? key : "\(folder)/\(key)"
                if key.hasSuffix("/") { folders.append(String(full.dropLast())) } else { out.append(full) }
            }
        }
        return out.sorted()
    }

    func json(_ arguments: [String]) throws -> Any {
        let data = try runner.run(config.cli, arguments)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw CommandRunner.Failure(description: "\(config.cli) \(arguments.prefix(3).joined(separator: " ")): output is not JSON")
        }
        return object
    }
}

extension VaultProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = ["vault": .object(["cli": .string, "mount": .string, "paths": .list(.string)])]
    static let environmentKeys = ["vault_path"]
    static let kinds: [StoreKind] = [.vault]

    static func section(_ stores: Node?, paths: ConfigPaths) -> SecretMapConfig.Vault? {
        guard let v = stores?["vault"] else { return nil }
        var vault = SecretMapConfig.Vault()
        if let cli = v["cli"]?.string { vault.cli = cli }
        if let mount = v["mount"]?.string { vault.mount = mount }
        vault.paths = (v["paths"]?.sequence ?? []).compactMap(\.string)
        return vault
    }

    /// The paths listed under `stores.vault`, then each environment's `vault_path`.
    static func tasks(_ vault: SecretMapConfig.Vault, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        var tasks: [@Sendable () -> StoreListing] = []
        let provider = VaultProvider(config: vault, runner: context.runner)
        let values = context.values
        for path in vault.paths { tasks.append { provider.list(path: path, environment: nil, values: values) } }
        for env in context.environments {
            guard let path = env.vaultPath else { continue }
            tasks.append { provider.list(path: path, environment: env.name, values: values) }
        }
        return tasks
    }
}

extension SecretMapConfig {
    /// `stores.vault`.
    public struct Vault: Sendable {
        public var cli: String = "bao"
        public var mount: String = "secret"
        public var paths: [String] = []
    }

    public var vault: Vault? { section(VaultProvider.self) }
}

extension SecretMapConfig.Environment {
    /// `environments.NAME.vault_path`: the environment's folder under the Vault mount.
    public var vaultPath: String? { stores["vault_path"] }
}
