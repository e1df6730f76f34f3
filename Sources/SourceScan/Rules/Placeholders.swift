import Foundation

/// Obvious placeholder values (issue 17 item 2): a default such as `changeme`, `xxx`, a localhost
/// URL or `app:app@db` local credentials is marked a placeholder, never a secret.
///
/// A minimal built-in version for the scan's environment defaults. The rules-data version (a
/// rules file with examples) comes from the declarations side and replaces this one when the
/// branches meet: keep the signature.
extension RuleSet {
    func isPlaceholder(_ value: String) -> Bool {
        let v = value.lowercased()
        if v.isEmpty { return true }
        if Placeholders.words.contains(v) { return true }
        // One character repeated (`xxx`, `***`, `000`), or a template slot (`<token>`, `${TOKEN}`, `{{ token }}`).
        if let first = v.first, v.count >= 2, v.allSatisfy({ $0 == first }), "x*.-_0#?".contains(first) { return true }
        if v.hasPrefix("<") && v.hasSuffix(">") || v.hasPrefix("${") && v.hasSuffix("}") || v.hasPrefix("{{") && v.hasSuffix("}}") {
            return true
        }
        if Placeholders.marks.contains(where: { v.contains($0) }) { return true }
        // A word that says so among the value's words (`test-salt-for-hashing`, `fake_token`).
        if v.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains(where: { Placeholders.wordMarks.contains(String($0)) }) {
            return true
        }
        // Local hosts alone (`localhost,127.0.0.1`).
        if v.split(separator: ",").allSatisfy({ Placeholders.localHosts.contains($0.trimmingCharacters(in: .whitespaces)) }) { return true }
        if v.hasPrefix("your-") || v.hasPrefix("your_") || v.hasPrefix("my-") && v.contains("secret") { return true }
        return Placeholders.isLocalURL(v)
    }
}

enum Placeholders {
    /// Whole values that say "not set".
    static let words: Set<String> = [
        "changeme", "change-me", "change_me", "changethis", "replaceme", "placeholder", "example", "dummy", "fake",
        "secret", "password", "passwd", "pass", "test", "testing", "dev", "development", "local", "default", "todo",
        "fixme", "none", "null", "nil", "undefined", "false", "true", "0", "1", "-", "notset", "not-set", "unset", "empty",
    ]
    /// Parts that say so wherever they stand (`please-change-me`, `sk_test_placeholder`).
    static let marks = ["123456", "234567", "asdfgh", "qwerty", "changeme", "change-me", "change_me", "change-this", "change_this", "replace-me", "replace_me",
                        "placeholder", "example.com", "example.org", "dummy", "not-a-real", "insert-your", "insert_your"]
    /// Words that mark a value as made up wherever they stand among its words.
    static let wordMarks: Set<String> = ["test", "testing", "dummy", "fake", "example", "sample", "placeholder", "changeme",
                                         "foobar", "lorem", "todo", "fixme"]
    /// Hosts that only exist on a developer's machine or inside a compose network.
    static let localHosts: Set<String> = ["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "host.docker.internal"]

    /// `scheme://[user[:password]@]host[:port][/…]` whose host is local: a localhost address, or a
    /// single label (a compose service: `db`, `redis`) with credentials that are the service's
    /// defaults (`app:app@db`, user equal to password, or no password).
    static func isLocalURL(_ v: String) -> Bool {
        guard let schemeEnd = v.range(of: "://") else { return false }
        var rest = v[schemeEnd.upperBound...]
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<slash] }
        var credentials: Substring?
        if let at = rest.lastIndex(of: "@") {
            credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var host = rest
        if !host.hasPrefix("["), let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        else if host.hasPrefix("["), let close = host.firstIndex(of: "]") { host = host[...close] }
        if localHosts.contains(String(host)) { return true }
        guard !host.isEmpty, !host.contains("."), let credentials else { return false }
        let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 1 || parts[0] == parts[1] || words.contains(String(parts[1]))
    }
}
