/// 1Password secret references (`op://vault/item/field`, `op://vault/item/section/field`, with an
/// optional `?attribute=…`): where `op run`, `op inject` and the 1Password integrations take the
/// value from. A reference names a place, not a value, so it is kept (as the declaration's store
/// path, `vault/item/field`) where a value would be dropped; the value stays in 1Password.
public enum OnePasswordReference {
    /// `vault/item[/section]/field` of a reference, nil when `text` is not one: every segment
    /// present, printable, without a line break or another `op://` inside.
    public static func path<S: StringProtocol>(_ text: S) -> String? {
        var value = text.trimmingCharacters(in: [" ", "\t", "\r"])
        if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
        guard value.hasPrefix(scheme) else { return nil }
        let rest = value.dropFirst(scheme.count).prefix { $0 != "?" }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard (3...4).contains(segments.count),
              segments.allSatisfy({ !$0.isEmpty && !$0.contains("://") && $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } })
        else { return nil }
        return segments.joined(separator: "/")
    }

    static let scheme = "op://"
}

extension Declaration {
    /// Points the declaration at 1Password when `value` is a secret reference; true when it was.
    @discardableResult
    mutating func pointAtOnePassword<S: StringProtocol>(_ value: S) -> Bool {
        guard let path = OnePasswordReference.path(value) else { return false }
        store = .onePassword
        storePath = path
        return true
    }
}
