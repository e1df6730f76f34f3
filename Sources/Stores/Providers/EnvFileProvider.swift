import Declarations
import Foundation
import SourceScan
import Yams

/// Env files the config names (a developer's `.env.local`, a shared `.env.production`): the names
/// they set and fingerprints of the values, read the same way `declared` reads real env files.
struct EnvFileProvider {
    func list(path: String, environment: String?, fingerprinter: Fingerprinter) -> StoreListing {
        // Through the gate: an env file in a checkout can be a link to /proc/self/environ, a FIFO
        // or a huge file; each is a problem of this store, the others are still listed.
        let text: String
        switch FileGate.readText(path, maxSize: StoreFiles.envFileMaxSize) {
        case .success(let t): text = t
        case .failure(.missing):
            return .failed(.envFile, path, environment: environment, "cannot read \(path): check the path in secretmap.yml")
        case .failure(let refusal):
            return .failed(.envFile, path, environment: environment,
                           "cannot read \(path): \(StoreFiles.reason(refusal, limit: StoreFiles.envFileMaxSize))")
        }
        var listing = StoreListing(kind: .envFile, location: path, environment: environment)
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date).flatMap { $0 }
        for entry in EnvFileEntries.read(text, fingerprinter: fingerprinter) {
            var s = StoredSecret(name: entry.name, path: "\(path):\(entry.line)")
            s.fingerprint = entry.fingerprint
            s.hint = entry.hint
            s.valueShape = entry.shape
            s.lastModified = modified.map(StoreDate.format)
            listing.secrets.append(s)
        }
        return listing
    }
}

extension EnvFileProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = [
        "env_files": .list(.object(["path": .string, "environment": .string], required: ["path"])),
    ]
    static let kinds: [StoreKind] = [.envFile]

    static func section(_ stores: Node?, paths: ConfigPaths) -> [SecretMapConfig.EnvFile]? {
        guard let files = stores?["env_files"]?.sequence else { return nil }
        return files.map { SecretMapConfig.EnvFile(path: paths.resolve($0["path"]!.string!), environment: $0["environment"]?.string) }
    }

    /// One listing per file, in the order written.
    static func tasks(_ files: [SecretMapConfig.EnvFile], _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        let fingerprinter = context.fingerprinter
        return files.map { file in { EnvFileProvider().list(path: file.path, environment: file.environment, fingerprinter: fingerprinter) } }
    }
}

extension SecretMapConfig {
    /// An entry of `stores.env_files`, its path resolved against the config's folder.
    public struct EnvFile: Sendable { public var path: String; public var environment: String? }

    public var envFiles: [EnvFile] { section(EnvFileProvider.self) ?? [] }
}
