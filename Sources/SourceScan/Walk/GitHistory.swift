import Foundation

/// What `--history` reads of a git repository: every blob reachable from every ref, once
/// (`git rev-list --objects --all`, sized by `git cat-file --batch-check` so the size limit is
/// checked before a blob is read), and where each blob came and went (`git log --raw`), so a
/// literal found in a blob can be placed at the commit and path that brought it in and the
/// commit that took it out. Paths are relative to the root, as the tree scan's are; a root
/// inside a larger repository sees only the history under it.
public enum GitHistory {
    /// A blob to scan: its id and size, and the first path rev-list names it by (for its language).
    public struct Blob: Sendable, Equatable {
        public var id: String
        public var size: Int
        public var path: String
    }

    /// One commit of `git log --all --reverse --topo-order` (parents before children).
    public struct Commit: Sendable, Equatable {
        public var id: String
        /// Committer date, seconds since 1970.
        public var time: Int
        public var isMerge: Bool
        /// Blobs that came in at a path (added, modified to, type changed to).
        public var added: [(blob: String, path: String)]
        /// Blobs that left a path (modified from, deleted).
        public var removed: [(blob: String, path: String)]

        public static func == (a: Commit, b: Commit) -> Bool {
            a.id == b.id && a.time == b.time && a.isMerge == b.isMerge
                && a.added.map { $0.blob + " " + $0.path } == b.added.map { $0.blob + " " + $0.path }
                && a.removed.map { $0.blob + " " + $0.path } == b.removed.map { $0.blob + " " + $0.path }
        }
    }

    /// The root's path inside its repository (`sub/dir/`, empty at the top); throws when the
    /// root is not in a git work tree.
    static func prefix(of root: String) throws -> String {
        let out = try GitChanges.run(root, ["rev-parse", "--show-prefix"])
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// Every blob reachable from every ref under `prefix`, with its size, in rev-list's order.
    static func blobs(in root: String, prefix: String) throws -> [Blob] {
        let listing = try GitChanges.run(root, ["rev-list", "--objects", "--all"])
        // "<id> <path>" for trees and blobs, "<id>" alone for commits (and the root tree: "<id> ").
        var named: [(id: String, path: String)] = []
        for line in listing.split(separator: 0x0A) {
            // rev-list writes a path as it is: the rest of a path holding a line break is not
            // an "<id> …" line. Such a blob is still read, named by its path in `git log -z`.
            guard let space = line.firstIndex(of: 0x20), [40, 64].contains(space - line.startIndex),
                  line[..<space].allSatisfy({ isHex($0) }) else { continue }
            let path = String(decoding: line[(space + 1)...], as: UTF8.self)
            guard !path.isEmpty, let relative = relative(path, prefix) else { continue }
            named.append((String(decoding: line[..<space], as: UTF8.self), relative))
        }
        guard !named.isEmpty else { return [] }
        let input = Data(named.map { $0.id + "\n" }.joined().utf8)
        let checked = try GitChanges.run(root, ["cat-file", "--batch-check=%(objecttype) %(objectsize)"], input: input)
        let lines = checked.split(separator: 0x0A, omittingEmptySubsequences: false)
        var blobs: [Blob] = []
        for (i, entry) in named.enumerated() where i < lines.count {
            let parts = String(decoding: lines[i], as: UTF8.self).split(separator: " ")
            guard parts.count == 2, parts[0] == "blob", let size = Int(parts[1]) else { continue }
            blobs.append(Blob(id: entry.id, size: size, path: entry.path))
        }
        return blobs
    }

    /// Every commit of every ref, parents first, with the blobs each brought in and took out
    /// under `prefix`. A merge is listed against each parent (`-m`), so a blob only a merge
    /// brought has a commit too; what a merge "removes" is the other side's work, not a removal.
    static func commits(in root: String, prefix: String) throws -> [Commit] {
        let out = try GitChanges.run(root, ["log", "--all", "--reverse", "--topo-order", "-m", "--raw", "--no-renames",
                                            "--no-abbrev", "-z", "--format=%x01%H %ct %P"])
        var commits: [Commit] = []
        // \x01 "<id> <time> <parents>" NUL, then ":<old mode> <new mode> <old id> <new id> <status>" NUL "<path>" NUL, repeated.
        for chunk in out.split(separator: 0x01) {
            let fields = chunk.split(separator: 0, omittingEmptySubsequences: false)
            guard let header = fields.first else { continue }
            let words = String(decoding: header, as: UTF8.self).split(separator: " ")
            guard words.count >= 2, let time = Int(words[1]) else { continue }
            var commit = Commit(id: String(words[0]), time: time, isMerge: words.count > 3, added: [], removed: [])
            var i = 1
            while i + 1 < fields.count {
                let meta = String(decoding: fields[i], as: UTF8.self).trimmingCharacters(in: .newlines)
                let path = String(decoding: fields[i + 1], as: UTF8.self)
                i += 2
                let parts = meta.split(separator: " ")
                guard meta.hasPrefix(":"), parts.count == 5, let relative = relative(path, prefix) else { continue }
                let (oldMode, newMode, old, new) = (parts[0].dropFirst(), parts[1], String(parts[2]), String(parts[3]))
                if newMode.hasPrefix("100"), !isZero(new) { commit.added.append((new, relative)) }
                if oldMode.hasPrefix("100"), !isZero(old) { commit.removed.append((old, relative)) }
            }
            // -m repeats a merge once per parent: one commit, its lists joined.
            if commit.isMerge, let last = commits.last, last.id == commit.id {
                commits[commits.count - 1].added += commit.added
                commits[commits.count - 1].removed += commit.removed
            } else {
                commits.append(commit)
            }
        }
        return commits
    }

    static func relative(_ path: String, _ prefix: String) -> String? {
        guard !prefix.isEmpty else { return path }
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    static func isHex(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) }

    static func isZero(_ id: String) -> Bool { id.allSatisfy { $0 == "0" } }
}
