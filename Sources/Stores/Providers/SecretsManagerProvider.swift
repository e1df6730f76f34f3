import Foundation
import SourceScan

/// AWS Secrets Manager: `list-secrets` (names, dates, rotation, tags; never values). With
/// `--fingerprint-values`, `get-secret-value` per secret: a JSON secret is fingerprinted per key.
struct SecretsManagerProvider {
    var aws: AWSCommand

    func list(namePrefix: String?, environment: String?, values reader: ValueReader?) -> StoreListing {
        let location = namePrefix ?? "*"
        var listing = StoreListing(kind: .secretsManager, location: location, environment: environment)
        do {
            var args = ["secretsmanager", "list-secrets"]
            if let namePrefix { args += ["--filters", "Key=name,Values=\(namePrefix)"] }
            let listed = try aws.json(args)
            for entry in (listed as? [String: Any])?["SecretList"] as? [[String: Any]] ?? [] {
                guard let name = entry["Name"] as? String else { continue }
                // The name filter matches prefixes of words too; keep only true prefixes.
                if let namePrefix, !name.hasPrefix(namePrefix) { continue }
                var s = StoredSecret(name: name, path: (entry["ARN"] as? String) ?? name)
                s.createdAt = StoreDate.iso(entry["CreatedDate"])
                s.lastModified = StoreDate.iso(entry["LastChangedDate"])
                s.lastRotated = StoreDate.iso(entry["LastRotatedDate"])
                s.rotationEnabled = entry["RotationEnabled"] as? Bool ?? false
                let tags = (entry["Tags"] as? [[String: Any]] ?? []).compactMap { t -> (String, String)? in
                    guard let k = t["Key"] as? String else { return nil }
                    return (k, t["Value"] as? String ?? "")
                }
                if !tags.isEmpty { s.tags = Dictionary(tags, uniquingKeysWith: { $1 }) }
                if let reader {
                    let value = try aws.json(["secretsmanager", "get-secret-value", "--secret-id", s.path])
                    if let text = (value as? [String: Any])?["SecretString"] as? String {
                        if let keys = Fingerprints.ofKeys(text, reader) { s.keys = keys } else {
                            reader.facts(text).apply(to: &s)
                        }
                    }
                }
                listing.secrets.append(s)
            }
        } catch {
            return .failed(.secretsManager, location, environment: environment, "\(error)")
        }
        listing.secrets.sort { $0.name < $1.name }
        return listing
    }
}
