import SourceScan
import Stores

/// How secretmap mints a new value for an internal secret: so many random bytes, written in an
/// alphabet the consumers accept. Rules as data: a name's first matching rule wins, each with
/// names it must and must not match (run by `MintRuleTests`); an internal secret no rule names
/// gets `fallback`.
public struct MintFormat: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Encoding: String, Codable, Sendable { case hex, base64url }
    public var bytes: Int
    public var encoding: Encoding
    public var description: String { "\(bytes) random bytes as \(encoding)" }
}

public struct MintRule: Sendable {
    public var id: String
    /// Globs over the variable name (`*` any run, `?` one character).
    public var names: [String]
    public var format: MintFormat
    /// Names it must match, and names it must not (a later rule's, or none).
    public var match: [String]
    public var noMatch: [String]

    public func matches(_ name: String) -> Bool { names.contains { Glob.matches($0, name) } }
}

public enum MintRules {
    /// HMAC and signing keys first (a `_TOKEN_SECRET` is a key that signs tokens, not a token),
    /// then bearer tokens and API keys, which travel in headers and URLs: base64url, no padding.
    public static let all: [MintRule] = [
        MintRule(id: "hmac-key", names: ["*HMAC*", "*_SECRET", "*_SIGNING_KEY", "*_SIGNING_SECRET", "*_PEPPER"],
                 format: MintFormat(bytes: 32, encoding: .hex),
                 match: ["WEBHOOK_HMAC_KEY", "UNSUBSCRIBE_TOKEN_SECRET", "SESSION_SIGNING_KEY", "APP_SECRET_PEPPER"],
                 noMatch: ["LAMBDA_CALLBACK_TOKEN", "SECRET_NAME_PREFIX", "INTERNAL_API_KEY"]),
        MintRule(id: "token", names: ["*_TOKEN", "*_API_KEY", "*_PASSWORD", "*_BEARER"],
                 format: MintFormat(bytes: 24, encoding: .base64url),
                 match: ["LAMBDA_CALLBACK_TOKEN", "INTERNAL_API_KEY", "ADMIN_PASSWORD"],
                 noMatch: ["TOKEN_TTL", "UNSUBSCRIBE_TOKEN_SECRET"]),
    ]

    /// An internal secret no rule names: 32 bytes, base64url (no `+`, `/` or `=` to escape).
    public static let fallback = MintFormat(bytes: 32, encoding: .base64url)

    public static func format(for name: String) -> (format: MintFormat, rule: String) {
        for rule in all where rule.matches(name) { return (rule.format, rule.id) }
        return (fallback, "default")
    }
}

/// Mints values with `SystemRandomNumberGenerator`, which on Linux is getrandom(2), the kernel's
/// CSPRNG (on Apple platforms arc4random_buf); never a seeded generator.
public enum Minter {
    public static func mint(_ format: MintFormat) -> SecretValue {
        var rng = SystemRandomNumberGenerator()
        return mint(format, using: &rng)
    }

    static func mint<G: RandomNumberGenerator>(_ format: MintFormat, using rng: inout G) -> SecretValue {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(format.bytes)
        while bytes.count < format.bytes {
            var word = rng.next()
            for _ in 0..<8 where bytes.count < format.bytes {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        defer { for i in bytes.indices { bytes[i] = 0 } }
        switch format.encoding {
        case .hex:
            let digits = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
            return SecretValue(String(decoding: out, as: UTF8.self))
        case .base64url:
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                let chunk = bytes[i..<min(i + 3, bytes.count)]
                var n = 0
                for (k, b) in chunk.enumerated() { n |= Int(b) << (16 - 8 * k) }
                for k in 0..<(chunk.count + 1) { out.append(alphabet[(n >> (18 - 6 * k)) & 63]) }
                i += 3
            }
            return SecretValue(String(decoding: out, as: UTF8.self))
        }
    }
}
