import Foundation

/// What `--staged` scans: the blobs the index holds for the changed paths, which are what the
/// commit will hold, whatever the working tree says now.
public enum StagedIndex {
    public struct Entry: Sendable, Equatable {
        public var path: String
        /// The index's object id for the path (40 or 64 hex digits); all zeros when deleted.
        public var blob: String
        /// The index's mode: 100644/100755 a file, 120000 a symbolic link, 160000 a submodule.
        public var mode: String
        /// git's status letter: A, M, T, D, U (unmerged).
        public var status: Character
        public var removed: Bool { status == "D" }
    }

    /// The staged changes of the work tree `root` is in, root-relative, without rename or copy
    /// detection: a copied or renamed file is a new file, as the full scan sees it.
    public static func entries(in root: String) throws -> [Entry] {
        let raw = try GitChanges.run(root, ["diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev", "--relative"])
        // -z --raw: ":OLDMODE NEWMODE OLDID NEWID STATUS" NUL PATH NUL, repeated.
        let fields = raw.split(separator: 0, omittingEmptySubsequences: false)
        var entries: [Entry] = []
        var i = 0
        while i + 1 < fields.count {
            let meta = String(decoding: fields[i], as: UTF8.self).split(separator: " ")
            let path = String(decoding: fields[i + 1], as: UTF8.self)
            i += 2
            guard meta.count == 5, let status = meta[4].first, !path.isEmpty else { continue }
            entries.append(Entry(path: path, blob: String(meta[3]), mode: String(meta[1]), status: status))
        }
        return entries.sorted { $0.path < $1.path }
    }

    /// The size of each blob (`git cat-file --batch-check`), so the size limit is checked before
    /// a blob is read, as for a file on disk. A blob git cannot find has no size.
    static func sizes(in root: String, of blobs: [String]) throws -> [String: Int] {
        guard !blobs.isEmpty else { return [:] }
        let out = try GitChanges.run(root, ["cat-file", "--batch-check"], input: Data(blobs.map { $0 + "\n" }.joined().utf8))
        var sizes: [String: Int] = [:]
        for line in out.split(separator: 0x0A) {
            let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
            if parts.count == 3, parts[1] == "blob", let size = Int(parts[2]) { sizes[String(parts[0])] = size }
        }
        return sizes
    }

    /// The files of each root to read from the index, with what cannot be read said as skips.
    /// Symbolic links and submodules are left out as the walk leaves them out.
    public static func select(_ roots: [Root], maxFileSize: Int) throws -> StagedSelection {
        var selection = StagedSelection()
        for (index, root) in roots.enumerated() {
            let entries = try Self.entries(in: root.path)
            var wanted: [(Entry, Language)] = []
            for entry in entries {
                selection.changed[index, default: []].append(entry.path)
                if entry.removed { continue }
                guard let language = Language(fileName: entry.path.split(separator: "/").last.map(String.init) ?? entry.path) else {
                    selection.otherLanguages += 1; continue
                }
                if entry.status == "U" {
                    selection.skipped.append(Skip(repo: root.name, path: entry.path, reason: .unreadable, detail: "unmerged in the index"))
                    continue
                }
                guard entry.mode.hasPrefix("100") else { continue }  // a link or a submodule
                wanted.append((entry, language))
            }
            let sizes = try Self.sizes(in: root.path, of: wanted.map(\.0.blob))
            for (entry, language) in wanted {
                guard let size = sizes[entry.blob] else {
                    selection.skipped.append(Skip(repo: root.name, path: entry.path, reason: .unreadable, detail: "blob missing from the repository"))
                    continue
                }
                if size > maxFileSize {
                    selection.skipped.append(Skip(repo: root.name, path: entry.path, reason: .tooLarge, detail: "\(size) bytes"))
                    continue
                }
                selection.files.append(WalkedFile(rootIndex: index, relativePath: entry.path,
                                                  absolutePath: root.path + "/" + entry.path, language: language))
                selection.blobs.append(StagedSelection.Blob(id: entry.blob, size: size))
            }
        }
        return selection
    }
}

/// The staged files to scan, each with its blob, and what was left out.
public struct StagedSelection: Sendable {
    public struct Blob: Sendable { public var id: String; public var size: Int }
    /// Files and their blobs, index for index.
    public var files: [WalkedFile] = []
    public var blobs: [Blob] = []
    public var skipped: [Skip] = []
    public var otherLanguages = 0
    /// Root index → every changed path, deleted ones included: what the partial scan speaks for.
    public var changed: [Int: [String]] = [:]
    public init() {}
}
