/// Why a file or folder was not scanned. Every skip is counted and, for the ones a user must act
/// on, warned about on stderr with the path: nothing is dropped silently.
public enum SkipReason: String, Codable, Sendable, CaseIterable {
    case binary            // NUL byte in the first 8 KiB
    case tooLarge          // over --max-file-size
    case unreadable        // open/read failed (permissions, vanished, I/O error)
    case symlinkOutOfRoot  // --follow: a link leading outside its root
    case symlinkLoop       // --follow: a link back to a folder already being walked
    case notRegularFile    // a FIFO, socket, device or link where a file was expected

    /// Errors (as opposed to policy skips) make the run exit 2, as ripgrep does.
    /// A FIFO, device or socket where a source file should be is broken (or hostile) input too.
    public var isError: Bool { self == .unreadable || self == .symlinkLoop || self == .notRegularFile }

    public var phrase: String {
        switch self {
        case .binary: return "binary (NUL byte in the first 8 KiB)"
        case .tooLarge: return "larger than --max-file-size"
        case .unreadable: return "unreadable"
        case .symlinkOutOfRoot: return "symbolic link leading out of its root"
        case .symlinkLoop: return "symbolic link loop"
        case .notRegularFile: return "not a regular file"
        }
    }
}

public struct Skip: Codable, Hashable, Sendable {
    public var repo: String
    public var path: String
    public var reason: SkipReason
    public var detail: String?

    public init(repo: String, path: String, reason: SkipReason, detail: String?) {
        self.repo = repo; self.path = path; self.reason = reason; self.detail = detail
    }
}

public struct ScanSummary: Codable, Hashable, Sendable {
    public var roots: Int = 0
    public var filesScanned: Int = 0
    public var bytesScanned: Int = 0
    /// Files with a language we do not tokenize; they are walked but not read.
    public var filesOtherLanguages: Int = 0
    public var filesIgnored: Int = 0
    public var skipped: [String: Int] = [:]
    public var literalsNotSecretLike: Int = 0
    /// Literals accepted by a `secretmap:allow <reason>` comment.
    public var literalsAllowed: Int = 0
    /// `--history`: blobs of git history read and their bytes (nil: history not asked for).
    public var historyBlobsScanned: Int? = nil
    public var historyBytesScanned: Int? = nil
}

public struct ScanResult: Codable, Sendable {
    /// The scanned roots in the order given: `name` is what findings call `repo`, `path` is the
    /// path as given (annotations name files relative to the working directory through it).
    public var roots: [Root] = []
    public var readers: [Reader] = []
    public var literals: [Literal] = []
    public var duplicates: [Duplicate] = []
    public var sharedReaders: [SharedReader] = []
    public var skipped: [Skip] = []
    public var warnings: [ScanWarning] = []
    public var summary = ScanSummary()
    /// For a partial scan (`--staged`, `--since`): the "repo/path" of every file scanned. nil when
    /// every file of every root was considered.
    public var scope: Set<String>? = nil
    /// Identifies the fingerprint key (not the key): fingerprints compare only under the same id.
    public var fingerprintKeyId: String = ""
    /// `--history`: literals git history holds that the tree does not (nil: history not asked for).
    public var history: [HistoryLiteral]? = nil
    public init() {}
}
