import Declarations
import Foundation
import SourceScan

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
            s.lastModified = modified.map(StoreDate.format)
            listing.secrets.append(s)
        }
        return listing
    }
}
