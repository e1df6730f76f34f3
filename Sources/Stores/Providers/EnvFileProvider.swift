import Declarations
import Foundation
import SourceScan

/// Env files the config names (a developer's `.env.local`, a shared `.env.production`): the names
/// they set and fingerprints of the values, read the same way `declared` reads real env files.
struct EnvFileProvider {
    func list(path: String, environment: String?, fingerprinter: Fingerprinter) -> StoreListing {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failed("env-file", path, environment: environment, "cannot read \(path): check the path in secretmap.yml")
        }
        var listing = StoreListing(kind: "env-file", location: path, environment: environment)
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date).flatMap { $0 }
        for entry in EnvFileEntries.read(String(decoding: data, as: UTF8.self), fingerprinter: fingerprinter) {
            var s = StoredSecret(name: entry.name, path: "\(path):\(entry.line)")
            s.fingerprint = entry.fingerprint
            s.hint = entry.hint
            s.lastModified = modified.map(StoreDate.format)
            listing.secrets.append(s)
        }
        return listing
    }
}
