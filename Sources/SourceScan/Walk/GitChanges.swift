import Foundation

/// Which files git says changed, so a pre-commit hook or a pull-request job scans only those.
public enum GitChanges {
    public enum Selection: Sendable, Equatable {
        /// The files staged in the index (`git diff --cached`): read from the index, not the work tree.
        case staged
        /// Files that differ between REV and the working tree.
        case since(String)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// One changed path, root-relative (`--relative`, for a root anywhere inside a work tree).
    public struct Change: Sendable, Equatable {
        public var path: String
        /// Deleted: nothing to read, but the partial scan speaks for it (its accepted literals
        /// are gone, and may have moved to a new file).
        public var removed: Bool
    }

    /// `--since REV`: the files that differ between REV and the working tree. Rename detection
    /// is off, so a renamed or copied file is a new file, as a full scan sees it.
    public static func changes(in root: String, since rev: String) throws -> [Change] {
        guard !rev.hasPrefix("-") else { throw Failure(description: "--since \(rev): not a revision") }
        let outcome = try run(root, ["diff", "--name-status", "-z", "--no-renames", "--relative", rev, "--"])
        // -z --name-status: STATUS NUL PATH NUL, repeated.
        let fields = outcome.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var changes: [Change] = []
        var i = 0
        while i + 1 < fields.count {
            let status = fields[i], path = fields[i + 1]
            i += 2
            if path.isEmpty { continue }
            changes.append(Change(path: path, removed: status.hasPrefix("D")))
        }
        return changes.sorted { $0.path < $1.path }
    }

    /// Root-relative paths of the files to read for `selection` (deleted files left out), as
    /// before: `--since` reads them from the working tree.
    public static func paths(in root: String, _ selection: Selection) throws -> [String] {
        switch selection {
        case .since(let rev): return try changes(in: root, since: rev).filter { !$0.removed }.map(\.path)
        case .staged: return try StagedIndex.entries(in: root).filter { !$0.removed }.map(\.path)
        }
    }

    static func run(_ root: String, _ arguments: [String], input: Data? = nil) throws -> Data {
        let outcome: GitProcess.Outcome
        do { outcome = try GitProcess.run(in: root, arguments, input: input) } catch { throw Failure(description: "\(error)") }
        guard outcome.status == 0 else {
            throw Failure(description: "\(root): git \(arguments[0]) failed: \(GitProcess.category(outcome))")
        }
        return outcome.stdout
    }
}
