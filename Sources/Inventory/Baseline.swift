import Foundation
import SourceScan

/// The literals a team has accepted, so a CI gate fails only on new ones.
///
/// Entries are keyed by repo, path, context and fingerprint — never by line — so moving code
/// within a file leaves the baseline untouched (detect-secrets' line-keyed baseline churns on every
/// edit). The file holds fingerprints and hints only, sorted, one entry per key with a count,
/// and names the fingerprint key it was made with: fingerprints compare only under that key.
public struct Baseline: Codable, Equatable, Sendable {
    /// 2: entries keyed by repository identity (`repository`), the repositories listed. Format 1
    /// (entries keyed by folder name only) still loads and is migrated when written.
    public static let currentFormatVersion = 2

    public struct Entry: Codable, Equatable, Hashable, Sendable {
        /// The root's name when the entry was written (for people reading the file).
        public var repo: String
        /// The repository identity the entry belongs to (see `BaselineRepositories`); nil in a
        /// format-1 baseline.
        public var repository: String?
        public var path: String
        public var context: String
        public var fingerprint: String
        public var hint: String
        public var target: String?
        /// How many times this literal stands in this file in this context.
        public var count: Int
    }

    /// A repository the baseline covers, with the name its root had: how a root without an
    /// identity of its own (no configured name, no `origin`) finds its `local:` id again.
    public struct Repository: Codable, Equatable, Hashable, Sendable {
        public var id: String
        public var name: String
    }

    /// A literal of git history accepted (`baseline create --history`): by repository and
    /// fingerprint only, as history has no file that changes. The commit says where it came.
    public struct HistoryEntry: Codable, Equatable, Hashable, Sendable {
        public var repo: String
        public var repository: String
        public var fingerprint: String
        public var hint: String
        public var commit: String?
    }

    public var tool = "secretmap"
    public var formatVersion = Baseline.currentFormatVersion
    public var fingerprintKeyId: String
    public var repositories: [Repository]?
    public var entries: [Entry]
    /// Accepted literals of git history; nil (absent from the file) when history was not read.
    public var history: [HistoryEntry]?

    /// Every literal of a scan that is not already accepted by an allow comment.
    public init(from result: ScanResult) {
        self.init(from: result, repositories: BaselineRepositories(roots: result.roots, baseline: nil))
    }

    init(from result: ScanResult, repositories keys: BaselineRepositories) {
        fingerprintKeyId = result.fingerprintKeyId
        var counts: [Key: (literal: Literal, count: Int)] = [:]
        for literal in result.literals where literal.allowReason == nil {
            counts[Key(literal, repository: keys.key(ofRoot: literal.repo)), default: (literal, 0)].count += 1
        }
        entries = counts.map { key, value in
            Entry(repo: value.literal.repo, repository: key.repo, path: key.path, context: key.context,
                  fingerprint: key.fingerprint, hint: value.literal.hint, target: value.literal.target, count: value.count)
        }
        repositories = result.roots.map { Repository(id: keys.key(ofRoot: $0.name), name: $0.name) }.sorted { $0.id < $1.id }
        entries.sort(by: Self.order)
        history = result.history.map { found in
            found.map { HistoryEntry(repo: $0.repo, repository: keys.key(ofRoot: $0.repo), fingerprint: $0.fingerprint, hint: $0.hint,
                                     commit: $0.commit) }
                .sorted { ($0.repository, $0.fingerprint) < ($1.repository, $1.fingerprint) }
        }
    }

    static func order(_ a: Entry, _ b: Entry) -> Bool {
        (a.repository ?? a.repo, a.path, a.context, a.fingerprint) < (b.repository ?? b.repo, b.path, b.context, b.fingerprint)
    }

    /// `baseline update`: the entries of the files this scan read are replaced by what it found
    /// there; the entries of every other file (out of a partial scan's scope, skipped,
    /// unreadable, in a repository not scanned) are kept as they were — `keptUnread` counts them.
    public static func updated(_ old: Baseline, with result: ScanResult) -> (baseline: Baseline, keptUnread: Int) {
        let keys = BaselineRepositories(roots: result.roots, baseline: old)
        let coverage = ScanCoverage(result)
        var updated = Baseline(from: result, repositories: keys)
        // History is read whole or not at all: a scan without --history keeps what was accepted.
        if result.history == nil { updated.history = old.history }
        var kept = 0
        for var entry in old.entries {
            let root = keys.root(of: entry)
            if let root, coverage.read(repo: root, path: entry.path) { continue }  // replaced by this scan's findings
            if root != nil { entry.repository = keys.key(of: entry) }  // format 1, or a local id: migrated
            updated.entries.append(entry)
            kept += entry.count
        }
        updated.entries.sort(by: order)
        let scanned = Set((updated.repositories ?? []).map(\.id)).union(keys.aliases.keys)
        updated.repositories = ((updated.repositories ?? []) + (old.repositories ?? []).filter { !scanned.contains($0.id) })
            .sorted { $0.id < $1.id }
        return (updated, kept)
    }

    /// `repo` is the repository key (see `BaselineRepositories`).
    struct Key: Hashable {
        var repo, path, context, fingerprint: String
        init(_ l: Literal, repository: String) { repo = repository; path = l.path; context = l.context; fingerprint = l.fingerprint }
        init(_ e: Entry, repository: String) { repo = repository; path = e.path; context = e.context; fingerprint = e.fingerprint }
    }
}

public enum BaselineError: Error, CustomStringConvertible {
    case unreadable(String, String)
    case invalid(String, String)
    case unsupportedVersion(String, Int)
    case keyMismatch(file: String, baseline: String, current: String)

    public var description: String {
        switch self {
        case let .unreadable(path, why):
            return "\(path): cannot read the baseline (\(why)); create one with `secretmap baseline create --output \(path) PATH...`"
        case let .invalid(path, why): return "\(path): not a secretmap baseline (\(why))"
        case let .unsupportedVersion(path, v):
            return "\(path): baseline format version \(v) is newer than this secretmap understands (\(Baseline.currentFormatVersion))"
        case let .keyMismatch(path, baseline, current):
            return "\(path): made with fingerprint key \(baseline), but the current key is \(current): fingerprints would never match. "
                + "Set SECRETMAP_FINGERPRINT_KEY to the key the baseline was made with, or re-create it."
        }
    }
}

extension Baseline {
    public static func load(_ path: String) throws -> Baseline {
        // A baseline is a file of the repository: a pull request can change it, so it is read
        // through the gate and its errors say what is wrong, never what the file holds.
        let data: Data
        switch FileGate.read(path) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let refusal): throw BaselineError.unreadable(path, refusal.phrase)
        }
        let baseline: Baseline
        do { baseline = try JSONDecoder().decode(Baseline.self, from: data) } catch {
            throw BaselineError.invalid(path, JSONProblem.category(error))
        }
        guard baseline.formatVersion <= currentFormatVersion else { throw BaselineError.unsupportedVersion(path, baseline.formatVersion) }
        return baseline
    }

    /// Sorted keys, one entry per line of the array: diffs of the file read like the change.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
