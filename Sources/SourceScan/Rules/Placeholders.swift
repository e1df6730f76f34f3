/// Obvious placeholder values (issue 17 item 2): a default such as `changeme`, `xxx`, a localhost
/// URL or `app:app@db` local credentials is marked a placeholder, never a secret.
///
/// A minimal built-in version for the scan's environment defaults. The rules-data version (a
/// rules file with examples) comes from the declarations side and replaces this one when the
/// branches meet: keep the signature.
extension RuleSet {
    func isPlaceholder(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { Placeholders.check($0) }
    }
}

/// Judged on the value's bytes, ASCII-lowercased on the stack: the scan asks once per default,
/// and Foundation's substring search on Strings cost 190,000 instructions a value.
enum Placeholders {
    static func check(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        if raw.isEmpty { return true }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) { buffer in
            for (i, b) in raw.enumerated() { buffer[i] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
            return judge(UnsafeBufferPointer(buffer))
        }
    }

    private static func judge(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        if words.contains(where: { equal(v[...], $0) }) { return true }
        // One character repeated (`xxx`, `***`, `000`), or a template slot (`<token>`, `${TOKEN}`, `{{ token }}`).
        if v.count >= 2, repeatable.contains(v[0]), v.allSatisfy({ $0 == v[0] }) { return true }
        if v.count >= 2 && v.first == UInt8(ascii: "<") && v.last == UInt8(ascii: ">") { return true }
        if v.count >= 3 && v.last == UInt8(ascii: "}") && (v[0] == UInt8(ascii: "$") && v[1] == UInt8(ascii: "{")
            || v[0] == UInt8(ascii: "{") && v[1] == UInt8(ascii: "{")) { return true }
        if marks.contains(where: { contains(v, $0) }) { return true }
        if startsWith(v, "your-") || startsWith(v, "your_") || startsWith(v, "my-") && contains(v, Array("secret".utf8)) { return true }
        // A word that says so among the value's words (`test-salt-for-hashing`, `fake_token`).
        var start = 0
        for i in 0...v.count where i == v.count || !isWordByte(v[i]) {
            if i > start, wordMarks.contains(where: { equal(v[start..<i], $0) }) { return true }
            start = i + 1
        }
        // Local hosts alone (`localhost,127.0.0.1`).
        if allLocalHosts(v) { return true }
        return isLocalURL(v)
    }

    /// Whole values that say "not set".
    static let words: [[UInt8]] = [
        "changeme", "change-me", "change_me", "changethis", "replaceme", "placeholder", "example", "dummy", "fake",
        "secret", "password", "passwd", "pass", "test", "testing", "dev", "development", "local", "default", "todo",
        "fixme", "none", "null", "nil", "undefined", "false", "true", "0", "1", "-", "notset", "not-set", "unset", "empty",
    ].map { Array($0.utf8) }
    /// Parts that say so wherever they stand (`please-change-me`, `sk-lf-1234567890`).
    static let marks: [[UInt8]] = [
        "123456", "234567", "asdfgh", "qwerty", "changeme", "change-me", "change_me", "change-this", "change_this",
        "replace-me", "replace_me", "placeholder", "example.com", "example.org", "dummy", "not-a-real", "insert-your",
        "insert_your",
    ].map { Array($0.utf8) }
    /// Words that mark a value as made up wherever they stand among its words.
    static let wordMarks: [[UInt8]] = ["test", "testing", "dummy", "fake", "example", "sample", "placeholder", "changeme",
                                       "foobar", "lorem", "todo", "fixme"].map { Array($0.utf8) }
    /// Hosts that only exist on a developer's machine or inside a compose network.
    static let localHosts: [[UInt8]] = ["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "host.docker.internal"].map { Array($0.utf8) }
    static let repeatable = Array("x*.-_0#?".utf8)

    /// `scheme://[user[:password]@]host[:port][/…]` whose host is local: a localhost address, or a
    /// single label (a compose service: `db`, `redis`) with credentials that are the service's
    /// defaults (`app:app@db`, user equal to password, or no password).
    static func isLocalURL(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let scheme = find(v, Array("://".utf8)) else { return false }
        var end = scheme + 3
        while end < v.count, v[end] != UInt8(ascii: "/"), v[end] != UInt8(ascii: "?"), v[end] != UInt8(ascii: "#") { end += 1 }
        var hostStart = scheme + 3
        var credentials: Range<Int>?
        if let at = (hostStart..<end).last(where: { v[$0] == UInt8(ascii: "@") }) {
            credentials = hostStart..<at
            hostStart = at + 1
        }
        var hostEnd = end
        if hostStart < end && v[hostStart] == UInt8(ascii: "[") {
            if let close = (hostStart..<end).first(where: { v[$0] == UInt8(ascii: "]") }) { hostEnd = close + 1 }
        } else if let colon = (hostStart..<end).last(where: { v[$0] == UInt8(ascii: ":") }) {
            hostEnd = colon
        }
        let host = v[hostStart..<hostEnd]
        if localHosts.contains(where: { equal(host, $0) }) { return true }
        guard !host.isEmpty, !host.contains(UInt8(ascii: ".")), let credentials else { return false }
        guard let colon = credentials.first(where: { v[$0] == UInt8(ascii: ":") }) else { return true }
        let user = v[credentials.lowerBound..<colon], password = v[(colon + 1)..<credentials.upperBound]
        return user.elementsEqual(password) || words.contains(where: { equal(password, $0) })
    }

    static func allLocalHosts(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        for i in 0...v.count where i == v.count || v[i] == UInt8(ascii: ",") {
            var a = start, b = i
            while a < b && v[a] == 0x20 { a += 1 }
            while b > a && v[b - 1] == 0x20 { b -= 1 }
            guard localHosts.contains(where: { equal(v[a..<b], $0) }) else { return false }
            start = i + 1
        }
        return true
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }

    @inline(__always) static func equal(_ s: Slice<UnsafeBufferPointer<UInt8>>, _ word: [UInt8]) -> Bool {
        s.count == word.count && s.elementsEqual(word)
    }

    static func startsWith(_ v: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard v.count >= n else { return false }
        for k in 0..<n where v[k] != prefix.utf8Start[k] { return false }
        return true
    }

    static func contains(_ v: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool { find(v, needle) != nil }

    static func find(_ v: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, v.count >= needle.count else { return nil }
        let first = needle[0]
        var i = 0
        outer: while i + needle.count <= v.count {
            if v[i] == first {
                for k in 1..<needle.count where v[i + k] != needle[k] { i += 1; continue outer }
                return i
            }
            i += 1
        }
        return nil
    }
}
