import SourceScan

/// What a scan finds against a baseline: literals outside it (the gate fails on these), literals
/// it accepts, and entries no longer found (resolved: `baseline update` prunes them).
public struct BaselineComparison: Sendable {
    public var new: [Literal] = []
    public var accepted = 0
    public var resolved: [Baseline.Entry] = []

    /// Matching is by repo, path, context and fingerprint, each entry as many times as its count.
    /// In a partial scan the entries of files it did not read are neither resolved nor checked
    /// (they may still serve as the origin of a renamed file).
    /// A literal whose exact key is not left is then matched by repo, context and fingerprint
    /// against an entry whose own key was not found at all: the file was renamed (or moved) with
    /// its content, and the literal stays accepted.
    public init(scan: ScanResult, baseline: Baseline) {
        var original: [Baseline.Key: Int] = [:]
        for e in baseline.entries { original[Baseline.Key(e), default: 0] += e.count }
        var remaining = original

        var unmatched: [Literal] = []
        for literal in scan.literals where literal.allowReason == nil {
            let key = Baseline.Key(literal)
            if let n = remaining[key], n > 0 { remaining[key] = n - 1; accepted += 1 } else { unmatched.append(literal) }
        }

        // Renames: entries of which nothing was found in place, by (repo, context, fingerprint),
        // in path order so the outcome does not depend on dictionary order.
        struct Moved: Hashable { var repo, context, fingerprint: String }
        var candidates: [Moved: [Baseline.Key]] = [:]
        for key in original.keys.sorted(by: { $0.path < $1.path }) where remaining[key] == original[key] {
            candidates[Moved(repo: key.repo, context: key.context, fingerprint: key.fingerprint), default: []].append(key)
        }
        for literal in unmatched {
            let moved = Moved(repo: literal.repo, context: literal.context, fingerprint: literal.fingerprint)
            if let key = candidates[moved]?.first(where: { remaining[$0]! > 0 }) {
                remaining[key]! -= 1
                accepted += 1
            } else {
                new.append(literal)
            }
        }
        // A partial scan (--staged, --since) says nothing about the files it did not read.
        for e in baseline.entries where scan.scope?.contains(e.repo + "/" + e.path) ?? true {
            let left = remaining[Baseline.Key(e)] ?? 0
            if left > 0 {
                var r = e
                r.count = left
                resolved.append(r)
                remaining[Baseline.Key(e)] = 0
            }
        }
    }
}
