/// The bytes EnvObjectFollower reads again in a `scan --staged`: the blobs the index holds for
/// the staged files, as the workers read them, so the objects and their reads are those of what
/// the commit will hold, not of the working tree. One `git cat-file --batch` per repository,
/// under a lock: the follower's threads take turns (a staged change is a few files).
final class StagedBlobs: @unchecked Sendable {  // @unchecked: the readers are only touched under `state`'s lock
    private let roots: [Root]
    private let blobs: [String: StagedSelection.Blob]
    private let state = LockBox<[Int: (reader: BlobReader, buffer: FileBuffer)]>([:])

    init(roots: [Root], files: [WalkedFile], blobs: [StagedSelection.Blob]) {
        self.roots = roots
        var byFile: [String: StagedSelection.Blob] = [:]
        for (file, blob) in zip(files, blobs) { byFile[Self.key(file)] = blob }
        self.blobs = byFile
    }

    static func key(_ file: WalkedFile) -> String { "\(file.rootIndex)/\(file.relativePath)" }

    /// The staged bytes of `file`; nil for a file not staged or a blob git could not give (the
    /// workers reported it).
    func bytes(of file: WalkedFile) -> [UInt8]? {
        guard let blob = blobs[Self.key(file)] else { return nil }
        return state.withLock { open in
            let pair = open[file.rootIndex] ?? (BlobReader(root: roots[file.rootIndex].path), FileBuffer(capacity: 64 * 1024))
            open[file.rootIndex] = pair
            guard pair.reader.read(blob.id, size: blob.size, into: pair.buffer) else { return nil }
            return Array(pair.buffer.bytes)
        }
    }

    /// Ends the git processes.
    func finish() {
        state.withLock { open in
            for pair in open.values { pair.reader.finish() }
            open = [:]
        }
    }
}
