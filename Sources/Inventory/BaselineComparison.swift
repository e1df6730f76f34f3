import SourceScan

/// What a scan finds against a baseline: literals outside it (the gate fails on these), literals
/// it accepts, and entries no longer found (resolved: `baseline update` prunes them).
public struct BaselineComparison: Sendable {
    public var new: [Literal] = []
    public var accepted = 0
    public var resolved: [Baseline.Entry] = []
    /// Literals of git history the baseline does not accept (by repository and fingerprint);
    /// nil when the scan did not read history.
    public var newHistory: [HistoryLiteral]?

    /// Matching is by repository (identity, see `BaselineRepositories`), path, context and
    /// fingerprint, each entry as many times as its count.
    /// The entries of files the scan did not read (out of a partial scan's scope, skipped, in a
    /// repository not scanned) are neither resolved nor checked, and cannot be the origin of a
    /// renamed file either: a copy of an accepted literal in a new file is new, in a `--staged`
    /// scan as in the full scan (a deleted file is read: a partial scan speaks for it).
    /// A literal whose exact key is not left is then matched by repository, context and
    /// fingerprint against an entry of a file that was read and where nothing of it was found:
    /// the file was renamed (or moved) with its content, and the literal stays accepted.
    public init(scan: ScanResult, baseline: Baseline) {
        let keys = BaselineRepositories(roots: scan.roots, baseline: baseline)
        let coverage = ScanCoverage(scan)
        var original: [Baseline.Key: Int] = [:]
        var read = Set<Baseline.Key>()
        for e in baseline.entries {
            guard let repository = keys.key(of: e) else { continue }  // a repository this scan did not see
            let key = Baseline.Key(e, repository: repository)
            original[key, default: 0] += e.count
            if let root = keys.root(of: e), coverage.read(repo: root, path: e.path) { read.insert(key) }
        }
        var remaining = original

        var unmatched: [Literal] = []
        for literal in scan.literals where literal.allowReason == nil {
            let key = Baseline.Key(literal, repository: keys.key(ofRoot: literal.repo))
            if let n = remaining[key], n > 0 { remaining[key] = n - 1; accepted += 1 } else { unmatched.append(literal) }
        }

        // Renames: entries of files read where nothing of them was found, by (repository,
        // context, fingerprint), in path order so the outcome does not depend on dictionary order.
        struct Moved: Hashable { var repo, context, fingerprint: String }
        var candidates: [Moved: [Baseline.Key]] = [:]
        for key in read.sorted(by: { $0.path < $1.path }) where remaining[key] == original[key] {
            candidates[Moved(repo: key.repo, context: key.context, fingerprint: key.fingerprint), default: []].append(key)
        }
        for literal in unmatched {
            let moved = Moved(repo: keys.key(ofRoot: literal.repo), context: literal.context, fingerprint: literal.fingerprint)
            if let key = candidates[moved]?.first(where: { remaining[$0]! > 0 }) {
                remaining[key]! -= 1
                accepted += 1
            } else {
                new.append(literal)
            }
        }
        if let history = scan.history {
            let acceptedHistory = Set((baseline.history ?? []).map { $0.repository + "\u{0}" + $0.fingerprint })
            newHistory = history.filter { !acceptedHistory.contains(keys.key(ofRoot: $0.repo) + "\u{0}" + $0.fingerprint) }
        }
        for e in baseline.entries {
            guard let repository = keys.key(of: e) else { continue }
            let key = Baseline.Key(e, repository: repository)
            guard read.contains(key), let left = remaining[key], left > 0 else { continue }
            var r = e
            r.count = left
            r.repo = keys.root(of: e) ?? e.repo  // the name the root has in this scan, not when written
            resolved.append(r)
            remaining[key] = 0
        }
    }
}
