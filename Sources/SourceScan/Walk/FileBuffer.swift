#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A worker's reusable read buffer: every file is read once, whole, into the same memory, so
/// scanning many files allocates once per worker instead of once per file.
final class FileBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 20) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    enum ReadResult { case ok, refused(FileGate.Refusal) }

    /// Reads the file through the gate (regular file, no link, size checked before reading).
    func read(_ path: String, maxSize: Int) -> ReadResult {
        count = 0
        let fd: Int32, size: Int
        switch FileGate.open(path, within: nil, maxSize: maxSize, followLinks: false) {
        case .failure(let refusal): return .refused(refusal)
        case .success(let opened): (fd, size) = opened
        }
        defer { close(fd) }
        if size + 1 > capacity {
            storage.deallocate()
            capacity = max(size + 1, capacity * 2)
            storage = .allocate(capacity: capacity)
        }
        // Read the size fstat gave. Not asking once more for EOF after the last byte saves a
        // read(2) per file; a file growing while it is scanned is read as it was when opened.
        while count < size {
            let n = Glibc.read(fd, storage + count, size - count)
            if n < 0 {
                if errno == EINTR { continue }
                return .refused(.unreadable(lastError()))
            }
            if n == 0 { break }
            count += n
        }
        return .ok
    }

    /// Fills the buffer with `count` bytes `read` writes (a staged blob from git); false when it
    /// could not.
    func fill(count size: Int, _ read: (UnsafeMutablePointer<UInt8>) -> Bool) -> Bool {
        count = 0
        if size + 1 > capacity {
            storage.deallocate()
            capacity = max(size + 1, capacity * 2)
            storage = .allocate(capacity: capacity)
        }
        guard read(storage) else { return false }
        count = size
        return true
    }

    /// A NUL byte in the first 8 KiB marks a binary file (git and ripgrep use the same test).
    var looksBinary: Bool {
        count > 0 && memchr(storage, 0, min(count, 8192)) != nil
    }
}
