import Foundation
import SourceScan

/// The literals a team has accepted, so a CI gate fails only on new ones.
///
/// Entries are keyed by repo, path, context and fingerprint — never by line — so moving code
/// within a file leaves the baseline untouched (detect-secrets' line-keyed baseline churns on every
/// edit). The file holds fingerprints and hints only, sorted, one entry per key with a count,
/// and names the fingerprint key it was made with: fingerprints compare only under that key.
public struct Baseline: Codable, Equatable, Sendable {
    public static let currentFormatVersion = 1

    public struct Entry: Codable, Equatable, Hashable, Sendable {
        public var repo: String
        public var path: String
        public var context: String
        public var fingerprint: String
        public var hint: String
        public var target: String?
        /// How many times this literal stands in this file in this context.
        public var count: Int
    }

    public var tool = "secretmap"
    public var formatVersion = Baseline.currentFormatVersion
    public var fingerprintKeyId: String
    public var entries: [Entry]

    /// Every literal of a scan that is not already accepted by an allow comment.
    public init(from result: ScanResult) {
        fingerprintKeyId = result.fingerprintKeyId
        var counts: [Key: (literal: Literal, count: Int)] = [:]
        for literal in result.literals where literal.allowReason == nil {
            counts[Key(literal), default: (literal, 0)].count += 1
        }
        entries = counts.map { key, value in
            Entry(repo: key.repo, path: key.path, context: key.context, fingerprint: key.fingerprint,
                  hint: value.literal.hint, target: value.literal.target, count: value.count)
        }.sorted { ($0.repo, $0.path, $0.context, $0.fingerprint) < ($1.repo, $1.path, $1.context, $1.fingerprint) }
    }

    struct Key: Hashable {
        var repo, path, context, fingerprint: String
        init(_ l: Literal) { repo = l.repo; path = l.path; context = l.context; fingerprint = l.fingerprint }
        init(_ e: Entry) { repo = e.repo; path = e.path; context = e.context; fingerprint = e.fingerprint }
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
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw BaselineError.unreadable(path, (error as NSError).localizedDescription)
        }
        let baseline: Baseline
        do { baseline = try JSONDecoder().decode(Baseline.self, from: data) } catch {
            throw BaselineError.invalid(path, "\(error)")
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
