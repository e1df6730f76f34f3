import Foundation
import SourceScan

/// How a provider reads values, with `--fingerprint-values`: each value is fingerprinted, told
/// by the run's issuer rules (the built-in ones and the user's `--rules`, compiled once for the
/// whole run), and remembered by the run's redactor so no later message can carry a piece of it.
struct ValueReader: Sendable {
    var fingerprinter: Fingerprinter
    var rules: RuleSet
    var seen: Redactor

    func facts(_ value: String) -> ValueFacts {
        seen.add(value)
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { buf in
            let b = UnsafeBufferPointer(buf)
            var facts = ValueFacts(fingerprint: fingerprinter.fingerprint(b), hint: Fingerprinter.hint(b), description: rules.describe(value: b))
            facts.shape = ValueShape.of(b)
            return facts
        }
    }
}

/// Fingerprint, hint and issuer facts of a value held only for the call that made them.
struct ValueFacts {
    var fingerprint: String
    var hint: String
    var rule: String?
    var isTest: Bool?
    var isPublic: Bool?
    /// Boolean, number, URL with a password, 32-byte key: evidence of the class.
    var shape: ValueShape?

    /// Test and public are said only when true, as the listings always wrote them.
    init(fingerprint: String, hint: String, description: ValueDescription?) {
        self.fingerprint = fingerprint
        self.hint = hint
        rule = description?.rule
        isTest = description.map { $0.isTest ? true : nil } ?? nil
        isPublic = description.map { $0.isPublic ? true : nil } ?? nil
    }

    func apply(to s: inout StoredSecret) {
        s.fingerprint = fingerprint; s.hint = hint; s.valueRule = rule; s.valueIsTest = isTest; s.valueIsPublic = isPublic
        s.valueShape = shape
    }

    var key: KeyFingerprint {
        var k = KeyFingerprint(fingerprint: fingerprint, hint: hint)
        k.valueRule = rule; k.valueIsTest = isTest; k.valueIsPublic = isPublic; k.valueShape = shape
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
