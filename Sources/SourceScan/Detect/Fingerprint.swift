import Crypto
import Foundation

/// The keyed fingerprint that stands in for a secret value everywhere outside memory.
///
/// HMAC-SHA256 under a key the user controls (`SECRETMAP_FINGERPRINT_KEY`): equal values give
/// equal fingerprints, so the same token in two repos or two stores is found, but a fingerprint
/// cannot be checked against guesses without the key. The built-in default key makes
/// fingerprints comparable out of the box; teams should set their own.
/// `@unchecked Sendable`: the key is never mutated after init.
public struct Fingerprinter: @unchecked Sendable {
    public static let environmentVariable = "SECRETMAP_FINGERPRINT_KEY"
    static let defaultKey = "secretmap-default-fingerprint-key-v1"

    /// HMAC state after the key is absorbed: copying it skips the key schedule on every value.
    private let keyed: HMAC<SHA256>
    /// Names the key without revealing it: the first 8 hex digits of SHA-256 over a label + key.
    public let keyId: String
    public let usesDefaultKey: Bool

    public init(key: String) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: Data(key.utf8)))
        let digest = SHA256.hash(data: Data(("secretmap-key-id:" + key).utf8))
        keyId = String(digest.map { String(format: "%02x", $0) }.joined().prefix(8))
        usesDefaultKey = key == Self.defaultKey
    }

    /// From the environment, else the default key.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Fingerprinter {
        if let k = env[environmentVariable], !k.isEmpty { return Fingerprinter(key: k) }
        return Fingerprinter(key: defaultKey)
    }

    /// `hmac-sha256:` + 32 hex digits (128 bits).
    public func fingerprint(_ value: UnsafeBufferPointer<UInt8>) -> String {
        var hmac = keyed
        hmac.update(data: UnsafeRawBufferPointer(value))
        let mac = hmac.finalize()
        // Written as bytes: appending 32 Characters to a String cost as much as the HMAC.
        return String(unsafeUninitializedCapacity: 44) { out in
            let prefix: StaticString = "hmac-sha256:"
            for i in 0..<12 { out[i] = prefix.utf8Start[i] }
            var i = 12
            for byte in mac.prefix(16) {
                out[i] = Self.hexDigits[Int(byte >> 4)]
                out[i + 1] = Self.hexDigits[Int(byte & 0x0F)]
                i += 2
            }
            return 44
        }
    }

    public func fingerprint(_ value: String) -> String {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { fingerprint(UnsafeBufferPointer($0)) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// First 3 and last 2 characters, the most a person needs to recognise a value.
    /// Values under 8 characters are too short to hint at without giving most of them away.
    /// The characters are counted from the value; a control character among them (an ESC that
    /// would drive the reader's terminal, a newline from a multi-line string) is shown escaped
    /// (`Printable`), in every format.
    public static func hint(_ value: UnsafeBufferPointer<UInt8>) -> String {
        @inline(__always) func printable(_ b: UInt8) -> Bool { b >= 0x20 && b != 0x7F }
        if value.count >= 8, !value.contains(where: { $0 >= 0x80 }),
           printable(value[0]), printable(value[1]), printable(value[2]),
           printable(value[value.count - 2]), printable(value[value.count - 1]) {
            // ASCII, as nearly every key is: the characters are the bytes.
            return String(unsafeUninitializedCapacity: 8) { out in
                out[0] = value[0]; out[1] = value[1]; out[2] = value[2]
                out[3] = 0xE2; out[4] = 0x80; out[5] = 0xA6  // …
                out[6] = value[value.count - 2]; out[7] = value[value.count - 1]
                return 8
            }
        }
        let scalars = Array(String(decoding: value, as: UTF8.self).unicodeScalars)
        guard scalars.count >= 8 else { return "…" }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars.prefix(3))
        s.append("…")
        s.append(contentsOf: scalars.suffix(2))
        return Printable.escape(String(s))
    }
}
