import Foundation
import SourceScan

/// AWS SSM Parameter Store, one path prefix per environment. Metadata comes from
/// `describe-parameters` (which never returns values); only with `--fingerprint-values` does
/// `get-parameters-by-path --with-decryption` fetch values, to fingerprint them in memory.
struct SSMProvider {
    var aws: AWSCommand

    func list(prefix: String, environment: String?, values reader: ValueReader?) -> StoreListing {
        let path = prefix.count > 1 && prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        var listing = StoreListing(kind: .ssm, location: prefix, environment: environment)
        do {
            let described = try aws.json(["ssm", "describe-parameters",
                                          "--parameter-filters", "Key=Path,Option=Recursive,Values=\(path)"])
            for p in (described as? [String: Any])?["Parameters"] as? [[String: Any]] ?? [] {
                guard let name = p["Name"] as? String else { continue }
                var s = StoredSecret(name: name.split(separator: "/").last.map(String.init) ?? name, path: name)
                s.type = p["Type"] as? String
                s.version = (p["Version"] as? NSNumber)?.intValue
                s.lastModified = StoreDate.iso(p["LastModifiedDate"])
                s.lastModifiedBy = p["LastModifiedUser"] as? String
                listing.secrets.append(s)
            }
            if let reader {
                let values = try aws.json(["ssm", "get-parameters-by-path", "--path", path, "--recursive", "--with-decryption"])
                var byPath: [String: ValueFacts] = [:]
                for p in (values as? [String: Any])?["Parameters"] as? [[String: Any]] ?? [] {
                    guard let name = p["Name"] as? String, let value = p["Value"] as? String else { continue }
                    byPath[name] = reader.facts(value)
                }
                for i in listing.secrets.indices { byPath[listing.secrets[i].path]?.apply(to: &listing.secrets[i]) }
            }
        } catch {
            return .failed(.ssm, prefix, environment: environment, "\(error)")
        }
        listing.secrets.sort { $0.path < $1.path }
        return listing
    }
}
