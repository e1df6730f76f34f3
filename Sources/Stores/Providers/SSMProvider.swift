import Declarations
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

/// SSM's write side: `put-parameter --overwrite` of one parameter, keeping its type, its KMS key,
/// tier, data type and description (read first with `describe-parameters`: AWS would otherwise
/// encrypt a SecureString with the account's default key). The request, value included, goes in a 0600 file passed as
/// `--cli-input-json file://…` (also what keeps the CLI from fetching a value that starts with
/// https://); the file is removed as soon as the call returns.
struct SSMWriter: StoreWriter {
    var aws: AWSCommand
    var kinds: [StoreKind] { [.ssm] }

    func describe(_ target: StoreWriteTarget) -> String {
        "aws ssm put-parameter --overwrite --name \(target.path) (type and KMS key kept; the value in a 0600 file, never on the command line)"
    }

    func write(_ target: StoreWriteTarget, value: SecretValue) throws -> StoreWriteResult {
        let described = try aws.json(["ssm", "describe-parameters", "--parameter-filters", "Key=Name,Values=\(target.path)"])
        guard let current = ((described as? [String: Any])?["Parameters"] as? [[String: Any]])?.first(where: { $0["Name"] as? String == target.path }) else {
            throw CommandRunner.Failure(description: "SSM parameter \(target.path) not found: it was listed before the write; check who removed it", category: .notFound)
        }
        var request: [String: Any] = ["Name": target.path, "Type": current["Type"] as? String ?? "SecureString", "Overwrite": true]
        // Kept as they are: a tier, data type or description left out could be reset on overwrite.
        for field in ["KeyId", "Tier", "DataType", "Description"] {
            if let kept = current[field] as? String { request[field] = kept }
        }
        let input = try value.withUnredactedText { text -> Data in
            request["Value"] = text
            return try JSONSerialization.data(withJSONObject: request)
        }
        let answer = try PrivateInputFile.with(input, name: "put-parameter.json") { path in
            try aws.json(["ssm", "put-parameter", "--cli-input-json", "file://" + path])
        }
        return StoreWriteResult(version: ((answer as? [String: Any])?["Version"] as? NSNumber)?.intValue)
    }
}
