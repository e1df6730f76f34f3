import PCRE

/// Turns the hard-coded default of a named environment variable into a `Literal`, the way the
/// scan measures a code fallback: fingerprint and hint (the same fingerprinter real env files
/// use), length, entropy, issuer when a prefix matches, and secret-like and placeholder as
/// `DefaultJudgement` judges every default. The value is dropped when this returns: only what a
/// `Literal` holds leaves.
public struct EnvironmentDefaults: Sendable {
    public let rules: RuleSet
    public let fingerprinter: Fingerprinter

    public init(rules: RuleSet, fingerprinter: Fingerprinter) {
        self.rules = rules; self.fingerprinter = fingerprinter
    }

    /// The literal for `value`, the default of variable `name` at `repo/path:line:column`. Every
    /// default is fingerprinted, short or not, since a short default (`changeme`) kept by a
    /// deployment is what `literal-equals-stored` is for.
    public func literal(_ value: String, name: String, context: LiteralContext, repo: String, path: String, line: Int,
                        column: Int = 1, language: String) -> Literal {
        let classifier = LiteralClassifier(rules: rules, fingerprinter: fingerprinter)
        let scratch = MatchScratch()
        let secretName = rules.describe(name: name).secretClass?.isSecret ?? false
        let bytes = Array(value.utf8) + [0]
        return bytes.withUnsafeBufferPointer { all in
            let v = UnsafeBufferPointer(rebasing: all[0..<(all.count - 1)])
            let verdict = classifier.classify(v, target: name, scratch: scratch, minLength: 1)
            let judged = DefaultJudgement.judge(v, verdict, secretName: secretName, rules: rules, scratch: scratch)
            let issuer = verdict?.issuer ?? rules.issuers.first { LiteralClassifier.matches($0.regex, v, scratch) }?.issuer
            return Literal(repo: repo, path: path, line: line, column: column, length: value.unicodeScalars.count,
                           context: context.rawValue, target: name,
                           fingerprint: fingerprinter.fingerprint(v), hint: Fingerprinter.hint(v), issuer: issuer,
                           entropy: verdict?.entropy ?? LiteralClassifier.entropy(v),
                           secretLike: judged.secretLike, language: language, placeholder: judged.placeholder)
        }
    }
}
