import PCRE

/// Decides whether a long literal looks like a secret (rules/literals.yaml, rules/issuers.yaml):
/// an issuer's prefix, else a secret-like shape (a URL with a password), else not one of the
/// not-secret shapes and of high enough entropy.
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
        /// The secret-like rule that matched, if any (a credential URL).
        var secretLikeRule: String?
    }

    /// nil when the value is shorter than the minimum length (the rules', or `minLength`: an
    /// environment default is measured at any length). `target`: the name the literal is
    /// assigned to, for the not-secret rules that look at it (a hex digest under `commitSha`).
    func classify(_ value: UnsafeBufferPointer<UInt8>, target: String? = nil, scratch: MatchScratch,
                  minLength: Int? = nil) -> Verdict? {
        let length = utf8ScalarCount(value)
        guard length >= minLength ?? rules.minLength else { return nil }
        let entropy = Self.entropy(value)
        for rule in rules.issuers where Self.matches(rule.regex, value, scratch) {
            return Verdict(length: length, issuer: rule.issuer, secretLike: !rule.isPublic, entropy: entropy)
        }
        for rule in rules.secretLike where Self.matches(rule.regex, value, scratch) {
            return Verdict(length: length, issuer: nil, secretLike: true, entropy: entropy, secretLikeRule: rule.id)
        }
        // The not-secret rules only ever turn a literal the entropy bar calls secret-like into one
        // that is not: under the bar they cannot change the verdict, and most literals are under
        // it, so they are not run there (each rule is a regex per literal).
        guard entropy >= rules.minEntropy else { return Verdict(length: length, issuer: nil, secretLike: false, entropy: entropy) }
        for rule in rules.notSecret where Self.matches(rule.regex, value, scratch) && rule.applies(toTarget: target, scratch) {
            return Verdict(length: length, issuer: nil, secretLike: false, entropy: entropy, notSecretRule: rule.id)
        }
        return Verdict(length: length, issuer: nil, secretLike: true, entropy: entropy)
    }

    static func matches(_ regex: Regex, _ value: UnsafeBufferPointer<UInt8>, _ scratch: MatchScratch) -> Bool {
        regex.mayMatchAtStart(of: value) && ((try? regex.matchEnd(in: value, from: 0, scratch: scratch)) ?? nil) != nil
    }

    /// Shannon entropy over bytes, in bits per byte, rounded to 2 decimals for stable output.
    /// Counts live on the stack and only the bytes present are visited, in ascending order (the
    /// order of the sum, so the result is the same to the last bit as summing all 256 counts).
    static func entropy(_ value: UnsafeBufferPointer<UInt8>) -> Double {
        guard !value.isEmpty else { return 0 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
            var present: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &present) { raw in
                let bits = raw.bindMemory(to: UInt64.self)
                for b in value {
                    let i = Int(b), word = i >> 6, bit = UInt64(1) << UInt64(i & 63)
                    if bits[word] & bit == 0 { bits[word] |= bit; counts[i] = 0 }
                    counts[i] += 1
                }
            }
            let n = Double(value.count)
            var h = 0.0
            withUnsafeBytes(of: present) { raw in
                for (word, var bits) in raw.bindMemory(to: UInt64.self).enumerated() {
                    while bits != 0 {
                        let p = Double(counts[word << 6 | bits.trailingZeroBitCount]) / n
                        h -= p * log2(p)
                        bits &= bits - 1
                    }
                }
            }
            return (h * 100).rounded() / 100
        }
    }
}

import Foundation
