/// What a value looks like, told while it is in memory (a store read with `--fingerprint-values`,
/// an env file): a fact the class decision weighs, never the value. A value that is `true` or a
/// number is configuration whatever its name; a URL with a password is a credential whatever its
/// name; 32 random bytes are a key.
public enum ValueShape: String, Codable, Sendable, CaseIterable {
    /// `true`, `false`, `yes`, `no`, `on`, `off` (any case).
    case boolean
    /// A decimal number of at most 15 characters (a port, a limit, a sample rate).
    case number
    /// `scheme://user:password@host…`: a URL that carries a password.
    case credentialURL = "credential-url"
    /// 32 bytes: 64 hex digits, or 43–44 base64 characters (optionally after Laravel's `base64:`).
    case key32 = "32-byte-key"

    public static func of(_ v: UnsafeBufferPointer<UInt8>) -> ValueShape? {
        if isBoolean(v) { return .boolean }
        if isNumber(v) { return .number }
        if hasPassword(v) { return .credentialURL }
        if isKey32(v) { return .key32 }
        return nil
    }

    public static func of(_ value: String) -> ValueShape? {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { of(UnsafeBufferPointer($0)) }
    }

    static func isBoolean(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard v.count <= 5 else { return false }
        let lower = String(decoding: v.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        return ["true", "false", "yes", "no", "on", "off"].contains(lower)
    }

    static func isNumber(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !v.isEmpty, v.count <= 15 else { return false }
        var digits = 0, dots = 0
        for (i, b) in v.enumerated() {
            if b >= 0x30 && b <= 0x39 { digits += 1 }
            else if b == 0x2E { dots += 1 }
            else if b == 0x2D && i == 0 { continue }
            else { return false }
        }
        return digits > 0 && dots <= 1
    }

    /// `scheme://` then an authority (up to `/`, `?` or `#`) whose user part, before its last
    /// `@`, has a non-empty password after a `:`.
    static func hasPassword(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let sep = find(v, [0x3A, 0x2F, 0x2F], from: 0), sep > 0 else { return false }
        for b in v[0..<sep] where !(isAlnum(b) || b == 0x2B || b == 0x2D || b == 0x2E) { return false }
        let start = sep + 3
        var end = start
        while end < v.count, v[end] != 0x2F, v[end] != 0x3F, v[end] != 0x23 { end += 1 }
        guard let at = (start..<end).last(where: { v[$0] == 0x40 }) else { return false }
        guard let colon = (start..<at).first(where: { v[$0] == 0x3A }) else { return false }
        return colon + 1 < at
    }

    static func isKey32(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        var body = v[...]
        let laravel = Array("base64:".utf8)
        if body.count > laravel.count, Array(body.prefix(laravel.count)) == laravel { body = body.dropFirst(laravel.count) }
        if body.count == 64, body.allSatisfy(isHex) { return true }
        // 32 bytes in base64: 43 characters and one `=`, or 43 unpadded (base64url).
        let padded = body.count == 44 && body.last == 0x3D
        let characters = padded ? body.dropLast() : body
        guard characters.count == 43 else { return false }
        let standard = characters.allSatisfy { isAlnum($0) || $0 == 0x2B || $0 == 0x2F }
        let url = characters.allSatisfy { isAlnum($0) || $0 == 0x2D || $0 == 0x5F }
        // Random bytes mix cases and digits; a 43-letter word list does not.
        let mixed = characters.contains { $0 >= 0x30 && $0 <= 0x39 } && characters.contains { $0 >= 0x41 && $0 <= 0x5A }
            && characters.contains { $0 >= 0x61 && $0 <= 0x7A }
        return (standard || url) && mixed
    }

    static func isAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }

    static func find(_ v: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int) -> Int? {
        guard v.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= v.count {
            if v[i] == needle[0], (1..<needle.count).allSatisfy({ v[i + $0] == needle[$0] }) { return i }
            i += 1
        }
        return nil
    }
}
