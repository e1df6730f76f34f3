/// What the scan decided for an environment default (`process.env.X || "v"`), kept per worker
/// for each distinct value under each name: the judgement of a default depends on nothing else
/// (the classifier on the value and the name, `DefaultJudgement` on the value, the verdict and
/// whether the name is a secret's), and a codebase repeats its defaults (`|| "eu-west-1"`,
/// `|| "http://localhost:3000"` in every module that reads the variable). Each decision costs a
/// classification, the placeholder rules and an HMAC (about 24,000 instructions); a repeat costs
/// a hash of the value and the name.
///
/// The keys hold default values in the worker's memory for the length of the scan, as the file
/// buffer does; they are never written anywhere (a `Literal` carries the fingerprint and hint).
struct DefaultDecisions {
    enum Action {
        /// Not recorded nor counted (shorter than `min-length`, not a secret's).
        case drop
        /// Counted among the literals that are not secret-like.
        case countNotSecretLike
        /// Recorded as a literal.
        case record
    }

    struct Decision {
        var action: Action
        var verdict: LiteralClassifier.Verdict?
        var placeholder: Bool?
        /// For `record`: the value's fingerprint and hint, made once.
        var fingerprint = ""
        var hint = ""
    }

    struct Key: Hashable {
        var value: [UInt8]
        var name: String
    }

    /// A bound, so a generated file of a million distinct defaults does not grow the table without
    /// end: past it, decisions are made each time, as before.
    static let capacity = 4096

    private var table: [Key: Decision] = [:]

    func decision(for key: Key) -> Decision? { table[key] }

    mutating func remember(_ decision: Decision, for key: Key) {
        if table.count < Self.capacity { table[key] = decision }
    }
}
