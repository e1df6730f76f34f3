import PCRE

/// Decides whether a long literal looks like a secret (rules/literals.yaml, rules/issuers.yaml)
/// and computes what may be shown of it: fingerprint and hint, never the value.
struct LiteralClassifier {
    let rules: RuleSet
    let fingerprinter: Fingerprinter

    struct Verdict {
        var length: Int
        var issuer: String?
        var secretLike: Bool
        var entropy: Double
        /// The not-secret rule that matched, if any (for `--all-literals` output and tests).
        var notSecretRule: String?
    }

    /// nil when the value is shorter than the minimum length.
    func classify(_ value: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> Verdict? {
        let length = value.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        guard length >= rules.minLength else { return nil }
        let entropy = Self.entropy(value)
        for rule in rules.issuers where Self.matches(rule.regex, value, scratch) {
            return Verdict(length: length, issuer: rule.issuer, secretLike: !rule.isPublic, entropy: entropy)
        }
        for rule in rules.notSecret where Self.matches(rule.regex, value, scratch) {
            return Verdict(length: length, issuer: nil, secretLike: false, entropy: entropy, notSecretRule: rule.id)
        }
        return Verdict(length: length, issuer: nil, secretLike: entropy >= rules.minEntropy, entropy: entropy)
    }

    static func matches(_ regex: Regex, _ value: UnsafeBufferPointer<UInt8>, _ scratch: MatchScratch) -> Bool {
        regex.mayMatchAtStart(of: value) && ((try? regex.matchEnd(in: value, from: 0, scratch: scratch)) ?? nil) != nil
    }

    /// Shannon entropy over bytes, in bits per byte, rounded to 2 decimals for stable output.
    static func entropy(_ value: UnsafeBufferPointer<UInt8>) -> Double {
        guard !value.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in value { counts[Int(b)] += 1 }
        let n = Double(value.count)
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / n
            h -= p * log2(p)
        }
        return (h * 100).rounded() / 100
    }
}

import Foundation
