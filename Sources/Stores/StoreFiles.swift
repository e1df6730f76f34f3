import SourceScan

/// Size limits of the files the Stores box reads through FileGate (the config, snapshots, env
/// files, the fingerprint key), and the words for a refusal: the reason, never content.
public enum StoreFiles {
    /// secretmap.yml and env files: far above any real one, far below what would hurt.
    public static let configMaxSize = 4 * 1024 * 1024
    public static let envFileMaxSize = 4 * 1024 * 1024
    public static let keyFileMaxSize = 64 * 1024
    /// Snapshots hold every listing (IAM policies included): the gate's general limit.
    public static let snapshotMaxSize = FileGate.defaultMaxSize

    /// `not a regular file (a FIFO, device, folder or system file)`, `too large (N bytes; the limit is L)`.
    public static func reason(_ refusal: FileGate.Refusal, limit: Int) -> String {
        switch refusal {
        case .missing: return "no such file"
        case .outsideRoot: return "a link leading out of its folder"
        case .notRegularFile: return "not a regular file (a FIFO, device, folder or system file)"
        case .tooLarge(let size): return "too large (\(size) bytes; the limit is \(limit))"
        case .unreadable(let why): return "unreadable (\(why))"
        }
    }
}
