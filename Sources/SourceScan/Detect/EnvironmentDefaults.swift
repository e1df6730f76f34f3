import PCRE

/// Turns the hard-coded default of a named environment variable into a `Literal`, the way the
/// scan measures a constructor literal: fingerprint and hint (the same fingerprinter real env
/// files use), length, entropy, issuer when a prefix matches, secret-like as the literal
/// classifier judges a value assigned to that name, and the placeholder mark. The value is
/// dropped when this returns: only what a `Literal` holds leaves.
public struct EnvironmentDefaults: Sendable {
    public let rules: RuleSet
    public let fingerprinter: Fingerprinter

    public init(rules: RuleSet, fingerprinter: Fingerprinter) {
        self.rules = rules; self.fingerprinter = fingerprinter
    }

    /// The literal for `value`, the default of variable `name` at `repo/path:line:column`.
    /// A placeholder is never secret-like; a value shorter than the classifier's minimum length
    /// is not judged (not secret-like) but is still fingerprinted, since a short default
    /// (`changeme`) kept by a deployment is what `literal-equals-stored` is for.
    public func literal(_ value: String, name: String, context: LiteralContext, repo: String, path: String, line: Int,
                        column: Int = 1, language: String) -> Literal {
        let placeholder = rules.isPlaceholder(value)
        let classifier = LiteralClassifier(rules: rules, fingerprinter: fingerprinter)
        let scratch = MatchScratch()
        let bytes = Array(value.utf8) + [0]
        return bytes.withUnsafeBufferPointer { all in
            let v = UnsafeBufferPointer(rebasing: all[0..<(all.count - 1)])
            let verdict = classifier.classify(v, target: name, scratch: scratch)
            let issuer = verdict?.issuer ?? rules.issuers.first { LiteralClassifier.matches($0.regex, v, scratch) }?.issuer
            return Literal(repo: repo, path: path, line: line, column: column, length: value.unicodeScalars.count,
                           context: context.rawValue, target: name,
                           fingerprint: fingerprinter.fingerprint(v), hint: Fingerprinter.hint(v), issuer: issuer,
                           entropy: verdict?.entropy ?? LiteralClassifier.entropy(v),
                           secretLike: !placeholder && (verdict?.secretLike ?? false),
                           language: language, placeholder: placeholder)
        }
    }
}
