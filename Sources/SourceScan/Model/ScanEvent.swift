/// What a scan noticed that is not a finding, typed: the scan pushes each into a sink as it
/// happens (ripgrep's searcher and sink) and keeps it in the result; it never makes text.
/// Report turns events into lines (`ScanEventText`), the CLI decides where they go.
public enum ScanEvent: Hashable, Sendable {
    /// A file or folder not read, and why.
    case skipped(Skip)
    /// A problem in a file that was read: its findings may be incomplete or an allow ignored.
    case warning(ScanWarning)
}

/// Where a scan's events go: called from worker threads, one event at a time.
public typealias ScanEventSink = @Sendable (ScanEvent) -> Void

/// A problem that did not stop the scan, in a file that was read.
public enum ScanProblem: Codable, Hashable, Sendable {
    /// A reader rule hit the PCRE2 backtracking limit: its matches in the file may be incomplete.
    case backtrackingLimit(rule: String)
    /// A `secretmap:allow` comment without a reason: it accepts nothing, so the literal it stands
    /// over (starting at `literalLine`) is still reported.
    case allowWithoutReason(literalLine: Int)
    /// `--history` could not list the root's git history (not a git checkout, git failed): the
    /// tree was scanned, its history was not. `reason` is our category, never git's words.
    case historyNotRead(reason: String)
}

/// A problem with the file it is in: `line` when it is about one (an allow comment's).
public struct ScanWarning: Codable, Hashable, Sendable {
    public var repo: String
    public var path: String
    public var line: Int?
    public var problem: ScanProblem

    public init(repo: String, path: String, line: Int? = nil, problem: ScanProblem) {
        self.repo = repo; self.path = path; self.line = line; self.problem = problem
    }

    /// The order warnings are listed in: by file, then line, then kind of problem.
    public static func inOrder(_ a: ScanWarning, _ b: ScanWarning) -> Bool {
        (a.repo, a.path, a.line ?? 0, a.problem.rank) < (b.repo, b.path, b.line ?? 0, b.problem.rank)
    }
}

extension ScanProblem {
    /// Sorting position among problems of one line: a rule's limit (named by its id) first.
    var rank: String {
        switch self {
        case .backtrackingLimit(let rule): return "0 " + rule
        case .allowWithoutReason(let line): return "1 " + String(line)
        case .historyNotRead(let reason): return "2 " + reason
        }
    }
}
