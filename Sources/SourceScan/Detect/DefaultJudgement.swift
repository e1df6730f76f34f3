import PCRE

/// One judgement of a hard-coded default, the value a variable falls back to when it is unset,
/// for the scan's code fallbacks (`process.env.X || "v"`) and the declarations' defaults
/// (compose `${X:-v}`, shell, Dockerfile `ENV`) alike (issue 17 item 2):
///
/// - a **placeholder** when a placeholder rule matches the value; for a value with an issuer's
///   shape, only the rules not marked `issuer-first` (`sk_test_…` holds the issuer's own word
///   "test" and is a key; `sk_live_xxxxxxxx` is filler all the same);
/// - **secret-like** when it is no placeholder and either the value is, as the literal
///   classifier judges it under the name (long enough, an issuer's shape, or a secret-like rule),
///   or the name is a secret's and the value could be a credential (`couldBeCredential`): the
///   `JWT_SECRET` a deployment that forgot the variable runs with.
enum DefaultJudgement {
    struct Result: Equatable {
        var secretLike: Bool
        var placeholder: Bool
    }

    /// `verdict`: the classifier's, made with a minimum length of 1 (a short default under a
    /// secret's name still counts); nil when the classifier has none.
    static func judge(_ value: UnsafeBufferPointer<UInt8>, _ verdict: LiteralClassifier.Verdict?, secretName: Bool,
                      rules: RuleSet, scratch: MatchScratch) -> Result {
        let placeholder = rules.placeholderRule(value, scratch, issuerShaped: verdict?.issuer != nil) != nil
        return Result(secretLike: !placeholder && secretLike(value, verdict, secretName: secretName, minLength: rules.minLength),
                      placeholder: placeholder)
    }

    /// Secret-like before the placeholder test (which the scan makes only for a value it records).
    @inline(__always)
    static func secretLike(_ value: UnsafeBufferPointer<UInt8>, _ verdict: LiteralClassifier.Verdict?, secretName: Bool, minLength: Int) -> Bool {
        byValue(verdict, minLength: minLength) || (secretName && couldBeCredential(value))
    }

    /// The classifier calls the value secret-like and it is long enough, or has an issuer's shape
    /// or a secret-like rule's (which know short keys).
    @inline(__always)
    static func byValue(_ verdict: LiteralClassifier.Verdict?, minLength: Int) -> Bool {
        guard let verdict, verdict.secretLike else { return false }
        return verdict.length >= minLength || verdict.issuer != nil || verdict.secretLikeRule != nil
    }

    /// Whether a default could be a credential, so that a secret's name makes it one: no
    /// whitespace ("15 minutes"), not a boolean or a number, not a bare word (`https:`,
    /// `supersecret`): a digit, both cases, or a symbol other than a final `:`.
    static func couldBeCredential(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !v.isEmpty, !ValueShape.isNumber(v), !ValueShape.isBoolean(v), !isFilePath(v) else { return false }
        var digit = false, lower = false, upper = false, symbol = false
        for (i, b) in v.enumerated() {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: return false
            case 0x30...0x39: digit = true
            case 0x61...0x7A: lower = true
            case 0x41...0x5A: upper = true
            case 0x3A where i == v.count - 1: break
            default: symbol = true
            }
        }
        return digit || (lower && upper) || symbol
    }

    /// `/certs/redis.key`, `./keys/server.pem`, `~/.ssh/id_ed25519.pub`: a path from the root, the
    /// working folder or home, of path characters only, ending in a file name with an extension.
    /// Such a default under a key's name (`REDIS_TLS_KEY`) says where the key is, not what it is.
    /// A base64 key may start with `/` but holds `+` or `=` and no `.`-extension at its end.
    static func isFilePath(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        let starts: [[UInt8]] = [[0x2F], [0x2E, 0x2F], [0x2E, 0x2E, 0x2F], [0x7E, 0x2F]]   // / ./ ../ ~/
        guard starts.contains(where: { v.starts(with: $0) }), v.count > 2 else { return false }
        guard v.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2E || $0 == 0x2F || $0 == 0x2D || $0 == 0x5F || $0 == 0x7E }) else { return false }
        guard let slash = v.lastIndex(of: 0x2F), let dot = v.lastIndex(of: 0x2E), dot > slash + 1 else { return false }
        let extensionLength = v.count - dot - 1
        return (1...5).contains(extensionLength) && v[(dot + 1)...].allSatisfy { ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}
