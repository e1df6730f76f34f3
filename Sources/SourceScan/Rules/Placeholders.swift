import PCRE

/// A whole value that is an obvious placeholder (rules/literals.yaml `placeholders:`): `changeme`,
/// `xxx`, `<your-key>`, a localhost or compose-service URL, `app:app@db` local credentials.
public final class PlaceholderRule: Sendable {
    public let id: String
    public let regex: Regex
    let spec: PlaceholderRuleSpec

    init(id: String, regex: Regex, spec: PlaceholderRuleSpec) { self.id = id; self.regex = regex; self.spec = spec }
}

extension RuleSet {
    /// Whether a hard-coded default is an obvious placeholder rather than a value someone meant to
    /// deploy. Shared by the scan (code defaults) and the declarations (compose, shell, Dockerfile
    /// defaults): the literal is marked `placeholder` and is never reported as a secret, but it is
    /// still fingerprinted (a store that holds `changeme` must be found).
    public func isPlaceholder(_ value: String) -> Bool {
        placeholderRule(value) != nil
    }

    /// The id of the placeholder rule the value matches, if any (for tests and `--all-literals`).
    public func placeholderRule(_ value: String) -> String? {
        guard !placeholders.isEmpty else { return nil }
        let scratch = MatchScratch()
        // One byte more than the value, so an empty value still has a buffer to point at.
        let bytes = Array(value.utf8) + [0]
        return bytes.withUnsafeBufferPointer { all in
            placeholderRule(UnsafeBufferPointer(rebasing: all[0..<(all.count - 1)]), scratch)
        }
    }

    /// The same on bytes a scan worker holds, with its match scratch: no String, no allocation.
    func placeholderRule(_ value: UnsafeBufferPointer<UInt8>, _ scratch: MatchScratch) -> String? {
        placeholders.first { LiteralClassifier.matches($0.regex, value, scratch) }?.id
    }

    /// The same, for a value that has an issuer's shape: the rules marked `issuer-first` do not
    /// judge it (DefaultJudgement).
    func placeholderRule(_ value: UnsafeBufferPointer<UInt8>, _ scratch: MatchScratch, issuerShaped: Bool) -> String? {
        guard issuerShaped else { return placeholderRule(value, scratch) }
        return placeholders.first { $0.spec.issuerFirst != true && LiteralClassifier.matches($0.regex, value, scratch) }?.id
    }
}
