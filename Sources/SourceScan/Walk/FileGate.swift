#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one door every stage reads a file through: the scanner's workers, the declaration parsers
/// (including files a workflow, a compose file or a script names), the env-file store, the
/// configuration, baselines and snapshots.
///
/// Why one door: the threat model is a hostile repository or pull request. A file it names can be
/// a symbolic link to `/proc/self/environ` (the process environment, keys included), a FIFO that
/// blocks for ever, a device, or a sparse 4 GB file. Each check below is made on the open
/// descriptor, before a byte is read:
/// - the path, with every link resolved, stays inside its root (when there is one) and never
///   leads into /proc, /sys or /dev;
/// - the final component is opened with `O_NOFOLLOW` and `O_NONBLOCK` (a FIFO cannot block);
/// - what is open is a regular file (not a FIFO, socket, device or folder);
/// - its size is at most the limit, and no more than the limit is ever read.
public enum FileGate {
    /// Why the gate refused a file. Carries no file content, ever: only what a person needs to
    /// find and fix the file.
    public enum Refusal: Error, Equatable, Sendable {
        case missing
        case outsideRoot
        case notRegularFile
        case tooLarge(Int)
        case unreadable(String)

        /// The skip a scan records for it.
        public var skipReason: SkipReason {
            switch self {
            case .missing, .unreadable: return .unreadable
            case .outsideRoot: return .symlinkOutOfRoot
            case .notRegularFile: return .notRegularFile
            case .tooLarge: return .tooLarge
            }
        }

        /// The detail a skip carries: a size or an errno phrase, never content.
        public var detail: String? {
            switch self {
            case .missing: return "no such file"
            case .outsideRoot, .notRegularFile: return nil
            case .tooLarge(let size): return "\(size) bytes"
            case .unreadable(let why): return why
            }
        }

        public var phrase: String { skipReason.phrase + (detail.map { " (\($0))" } ?? "") }
    }

    /// Default size limit for files read outside the scan's own `--max-file-size` (configuration,
    /// baselines, snapshots, env files named by scripts): far above any real one.
    public static let defaultMaxSize = 64 * 1024 * 1024

    /// Pseudo file systems whose "regular files" are the process's memory, environment or devices.
    static let systemFolders = ["/proc", "/sys", "/dev"]

    /// Opens `path` for reading after the checks above; the caller closes the descriptor.
    /// `root`, when given, is the folder the file must stay inside once every link is resolved.
    /// `followLinks`: a link the user made to their own config or env file is followed (to a
    /// regular file outside /proc, /sys and /dev); the scanner, whose walker has already chosen
    /// regular files, passes false and a link is then refused (and no path is resolved per file).
    static func open(_ path: String, within root: String?, maxSize: Int,
                     followLinks: Bool = true) -> Result<(fd: Int32, size: Int), Refusal> {
        var target = path
        if followLinks || root != nil {
            guard let real = realPath(path) else { return .failure(errno == ENOENT ? .missing : .unreadable(lastError())) }
            if systemFolders.contains(where: { real == $0 || real.hasPrefix($0 + "/") }) {
                return .failure(root == nil ? .notRegularFile : .outsideRoot)
            }
            if let root {
                let rootReal = realPath(root) ?? root
                guard real == rootReal || real.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") else { return .failure(.outsideRoot) }
            }
            target = real
        }
        let fd = Glibc.open(target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return .failure(.missing)
            case ELOOP: return .failure(root == nil ? .notRegularFile : .outsideRoot)  // a link where none may be
            default: return .failure(.unreadable(lastError()))
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let why = lastError(); close(fd); return .failure(.unreadable(why)) }
        guard st.st_mode & S_IFMT == S_IFREG else { close(fd); return .failure(.notRegularFile) }
        let size = Int(st.st_size)
        guard size <= maxSize else { close(fd); return .failure(.tooLarge(size)) }
        return .success((fd, size))
    }

    /// Whether `path` is itself a regular file (not a link, FIFO or device), without opening it:
    /// for choosing files that a later read, through the gate, will open.
    public static func isRegularFileNotLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// The whole file as bytes, through the gate. At most `maxSize` bytes are read even if the
    /// file grows while it is read.
    public static func read(_ path: String, within root: String? = nil, maxSize: Int = defaultMaxSize) -> Result<[UInt8], Refusal> {
        switch open(path, within: root, maxSize: maxSize, followLinks: true) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let (fd, size)):
            defer { close(fd) }
            var bytes = [UInt8](repeating: 0, count: size)
            var count = 0
            while count < size {
                let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, size - count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failure(.unreadable(lastError()))
                }
                if n == 0 { break }
                count += n
            }
            if count < size { bytes.removeLast(size - count) }
            return .success(bytes)
        }
    }

    /// The whole file as text (invalid UTF-8 replaced), through the gate.
    public static func readText(_ path: String, within root: String? = nil, maxSize: Int = defaultMaxSize) -> Result<String, Refusal> {
        read(path, within: root, maxSize: maxSize).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
