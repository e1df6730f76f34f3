import Foundation
import SourceScan

/// Which repository a baseline entry belongs to, and which scanned root that is.
///
/// Entries are keyed by repository identity, not by the folder a checkout happens to sit in: the
/// root's identity (its configured name, else its normalised `origin` remote), else the stable
/// `local:` id the baseline recorded for it when it was made (matched when the scan has one such
/// root and the baseline one such id, else by the name it had then). Entries of a format-1
/// baseline carry only a folder name: they belong to the root of that name, and take its
/// identity when the baseline is written again.
public struct BaselineRepositories {
    /// Scanned root name → its key.
    private(set) var keyByRoot: [String: String] = [:]
    /// Key → scanned root name.
    private(set) var rootByKey: [String: String] = [:]

    /// False for a result made by hand without its roots: then every entry's repository is
    /// taken as scanned, as before identities.
    private let rootsKnown: Bool

    /// A `local:` id recorded for a root that has an identity now (its `origin` was added since,
    /// or it was named): its entries are that root's, and take its identity when written.
    private(set) var aliases: [String: String] = [:]

    public init(roots: [Root], baseline: Baseline?) {
        rootsKnown = !roots.isEmpty
        let local = (baseline?.repositories ?? []).filter { $0.id.hasPrefix("local:") }
        let unidentified = roots.filter { $0.identity == nil }
        var claimed = Set<String>()
        func assign(_ root: Root, _ key: String) {
            claimed.insert(key)
            keyByRoot[root.name] = key
            rootByKey[key] = root.name
        }
        for root in unidentified {
            if unidentified.count == 1 && local.count == 1 {
                assign(root, local[0].id)
            } else if let recorded = local.first(where: { $0.name == root.name && !claimed.contains($0.id) }) {
                assign(root, recorded.id)
            } else {
                assign(root, "local:" + UUID().uuidString.lowercased())
            }
        }
        for root in roots {
            guard let identity = root.identity else { continue }
            assign(root, identity)
            let left = local.filter { !claimed.contains($0.id) }
            if let recorded = left.first(where: { $0.name == root.name }) ?? (roots.count == 1 && left.count == 1 ? left[0] : nil) {
                aliases[recorded.id] = identity
                claimed.insert(recorded.id)
            }
        }
    }

    /// The key a literal of root `name` is filed under.
    public func key(ofRoot name: String) -> String { keyByRoot[name] ?? name }

    /// The key of an entry: its repository, or for a format-1 entry the key of the root with its
    /// folder name (nil when no such root was scanned: it stays as it is).
    public func key(of entry: Baseline.Entry) -> String? {
        if let repository = entry.repository { return aliases[repository] ?? repository }
        return rootsKnown ? keyByRoot[entry.repo] : entry.repo
    }

    /// The scanned root an entry belongs to, if any.
    public func root(of entry: Baseline.Entry) -> String? {
        rootsKnown ? key(of: entry).flatMap { rootByKey[$0] } : entry.repo
    }
}

/// Which files a scan read: every file of a full scan's roots (gone files read as empty), only
/// the changed ones of a partial scan, never the skipped ones (unreadable, too large, binary).
struct ScanCoverage {
    let scope: Set<String>?
    let skippedByRepo: [String: [String]]

    init(_ result: ScanResult) {
        scope = result.scope
        skippedByRepo = Dictionary(grouping: result.skipped, by: \.repo).mapValues { $0.map(\.path) }
    }

    /// `repo` is a scanned root's name.
    func read(repo: String, path: String) -> Bool {
        if let scope, !scope.contains(repo + "/" + path) { return false }
        for skipped in skippedByRepo[repo] ?? [] where skipped == path || skipped == "." || path.hasPrefix(skipped + "/") {
            return false
        }
        return true
    }
}
