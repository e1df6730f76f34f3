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

/// How a provider reads values, with `--fingerprint-values`: each value is fingerprinted, and
/// remembered by the run's redactor so no later message can carry a piece of it.
struct ValueReader: Sendable {
    var fingerprinter: Fingerprinter
    var seen: Redactor

    func facts(_ value: String) -> ValueFacts {
        seen.add(value)
        return ValueFacts(value, fingerprinter)
    }
}

/// Fingerprint, hint and issuer facts of a value held only for this call.
struct ValueFacts {
    var fingerprint: String
    var hint: String
    var rule: String?
    var isTest: Bool?
    var isPublic: Bool?

    nonisolated(unsafe) static let rules = try? RuleSet.builtIn()

    init(_ value: String, _ fingerprinter: Fingerprinter) {
        var bytes = Array(value.utf8)
        var facts: (String, String, ValueDescription?) = ("", "", nil)
        bytes.withUnsafeMutableBufferPointer { buf in
            let b = UnsafeBufferPointer(buf)
            facts = (fingerprinter.fingerprint(b), Fingerprinter.hint(b), Self.rules?.describe(value: b))
        }
        fingerprint = facts.0
        hint = facts.1
        rule = facts.2?.rule
        isTest = facts.2.map { $0.isTest ? true : nil } ?? nil
        isPublic = facts.2.map { $0.isPublic ? true : nil } ?? nil
    }

    func apply(to s: inout StoredSecret) {
        s.fingerprint = fingerprint; s.hint = hint; s.valueRule = rule; s.valueIsTest = isTest; s.valueIsPublic = isPublic
    }

    var key: KeyFingerprint {
        var k = KeyFingerprint(fingerprint: fingerprint, hint: hint)
        k.valueRule = rule; k.valueIsTest = isTest; k.valueIsPublic = isPublic
        return k
    }
}

enum Fingerprints {
    /// A JSON object of strings (Secrets Manager, Vault): each key fingerprinted; nil otherwise.
    static func ofKeys(_ json: String, _ reader: ValueReader?) -> [String: KeyFingerprint]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        return keys(object, reader)
    }

    static func keys(_ object: [String: Any], _ reader: ValueReader?) -> [String: KeyFingerprint] {
        var out: [String: KeyFingerprint] = [:]
        for (k, v) in object {
            let text = (v as? String) ?? (v as? NSNumber)?.stringValue ?? ""
            out[k] = reader.map { $0.facts(text).key } ?? KeyFingerprint(fingerprint: nil, hint: nil)
        }
        return out
    }
}
