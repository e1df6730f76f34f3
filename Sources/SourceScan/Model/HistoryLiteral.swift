/// A literal found in git history and not in the tree scanned today (`scan --history`): every
/// clone still holds it. One per repository and fingerprint, placed where it first appeared.
/// Like `Literal`, it carries the keyed fingerprint and a hint, never the value.
public struct HistoryLiteral: Codable, Hashable, Sendable {
    public var repo: String
    public var fingerprint: String
    public var hint: String
    /// A `LiteralContext` raw value, and the variable or field it initialised (as in `Literal`).
    public var context: String
    public var target: String?
    public var issuer: String?
    public var length: Int
    public var language: String
    public var secretLike: Bool
    public var placeholder: Bool?
    /// The first commit (full id) that brought a blob holding it, the path and line there, and
    /// that commit's committer date (ISO 8601, UTC). nil when git names no commit for the blob.
    public var commit: String?
    public var date: String?
    public var path: String
    public var line: Int
    /// The last commit that took a blob holding it out of a path, and its date: after it, no
    /// path of that line of history holds the literal. nil when no commit removed it (it lives on
    /// another ref, or only the working tree lost it).
    public var removedIn: String?
    public var removedDate: String?

    public init(repo: String, fingerprint: String, hint: String, context: String, target: String? = nil, issuer: String? = nil,
                length: Int, language: String, secretLike: Bool = true, placeholder: Bool? = nil, commit: String?,
                date: String?, path: String, line: Int, removedIn: String? = nil, removedDate: String? = nil) {
        self.repo = repo; self.fingerprint = fingerprint; self.hint = hint; self.context = context; self.target = target
        self.issuer = issuer; self.length = length; self.language = language; self.secretLike = secretLike
        self.placeholder = placeholder; self.commit = commit; self.date = date; self.path = path; self.line = line
        self.removedIn = removedIn; self.removedDate = removedDate
    }

    /// The order history is listed in: by repository, then when it appeared, then where.
    public static func inOrder(_ a: HistoryLiteral, _ b: HistoryLiteral) -> Bool {
        (a.repo, a.date ?? "", a.path, a.line, a.fingerprint) < (b.repo, b.date ?? "", b.path, b.line, b.fingerprint)
    }
}
