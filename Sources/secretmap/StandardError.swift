import ArgumentParser
import Foundation

/// Lines to stderr, whole, even when workers report at the same time.
enum StandardError {
    private static let lock = NSLock()

    static func line(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Writes a file so that an interrupted run leaves the previous version intact:
/// a temporary file beside it, then rename(2).
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try Data(text.utf8).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ValidationError("cannot write \(path): \(why)")
        }
    }
}
