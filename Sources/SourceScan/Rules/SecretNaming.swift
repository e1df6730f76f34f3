import PCRE

/// What the rules say about a secret from its name and, when a value passes through memory, from
/// the value: its class and its issuer.
extension RuleSet {
    /// Class and issuer from `names:` in rules/issuers.yaml: for each, the first rule that gives
    /// it. A catch-all (`fallback: true`) gives the class only when no other rule does, wherever
    /// it stands: a user's rule (`--rules`, added after the built-in catch-all) still counts.
    public func describe(name: String) -> NameDescription {
        var secretClass: SecretClass?, issuer: String?, rule: String?, classRule: String?
        var fallback: NameRule?
        let scratch = MatchScratch()
        var bytes = Array(name.utf8)
        bytes.withUnsafeMutableBufferPointer { buf in
            let b = UnsafeBufferPointer(buf)
            for r in names where (secretClass == nil && r.secretClass != nil) || (issuer == nil && r.issuer != nil) {
                guard (try? r.regex.firstMatch(in: b, from: 0, scratch: scratch)) != nil else { continue }
                if secretClass == nil, let c = r.secretClass {
                    if r.isFallback { if fallback == nil { fallback = r } } else { secretClass = c; rule = rule ?? r.id; classRule = r.id }
                }
                if issuer == nil, let i = r.issuer { issuer = i; rule = rule ?? r.id }
            }
        }
        if secretClass == nil, let f = fallback { secretClass = f.secretClass; rule = rule ?? f.id; classRule = f.id }
        return NameDescription(secretClass: secretClass, issuer: issuer, rule: rule, classRule: classRule,
                               classIsFallback: secretClass != nil && classRule == fallback?.id)
    }

    /// The issuer rule a value matches, and whether it is a public or a test-mode value.
    public func describe(value: UnsafeBufferPointer<UInt8>) -> ValueDescription? {
        let scratch = MatchScratch()
        for r in issuers {
            guard (try? r.regex.firstMatch(in: value, from: 0, scratch: scratch)) != nil else { continue }
            let test = r.testRegex.map { (try? $0.firstMatch(in: value, from: 0, scratch: scratch)) != nil } ?? false
            return ValueDescription(rule: r.id, issuer: r.issuer, isPublic: r.isPublic, isTest: test)
        }
        return nil
    }
}
