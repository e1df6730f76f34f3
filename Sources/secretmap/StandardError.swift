import ArgumentParser
import CSupport
import Foundation
import Report
import SourceScan

/// Lines to stderr, whole, even when workers report at the same time.
///
/// A line is one line: messages name files, repos and stores whose names the scanned trees and
/// stores choose, so control characters in it are shown escaped (`Printable`); a newline in a
/// file name cannot forge another warning or a CI workflow command.
enum StandardError {
    private static let lock = NSLock()

    static func line(_ text: String) {
        write(Printable.escape(text))
    }

    /// ArgumentParser's usage and help text, several lines by design: each line made printable.
    static func lines(_ text: String) {
        write(text.split(separator: "\n", omittingEmptySubsequences: false).map { Printable.escape(String($0)) }.joined(separator: "\n"))
    }

    private static func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A buffered stream to a file descriptor, so a report with 100,000 rows is written as it is
/// rendered instead of being held whole in memory.
final class FDStream: TextOutputStream {
    private let fd: Int32
    // A raw buffer: appending to an Array property of a class costs a dynamic exclusivity check
    // per write, and the JSON writer makes millions of small writes.
    private let capacity = 1 << 16
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private(set) var failure: String?

    init(fd: Int32) {
        self.fd = fd
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    func write(_ string: String) {
        var string = string
        string.withUTF8 { write(utf8: $0) }
    }

    func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        if count + bytes.count > capacity { flush() }
        if bytes.count > capacity { return drain(bytes) }
        (buffer + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
    }

    func flush() {
        drain(UnsafeBufferPointer(start: buffer, count: count))
        count = 0
    }

    private func drain(_ bytes: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < bytes.count, failure == nil {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
            } else { offset += n }
        }
    }
}

/// `TextOutputStream` requires a mutable value; this struct forwards to the shared stream.
struct StreamRef: ReportStream {
    let stream: FDStream
    mutating func write(_ string: String) { stream.write(string) }
    mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { stream.write(utf8: bytes) }
}

/// Writes a report to stdout, or to a file so that an interrupted run leaves the previous
/// version intact: a temporary file beside it, then rename(2). The temporary file is removed on
/// every way out but the rename: a write error, and SIGINT, SIGTERM or SIGHUP (a handler in
/// CSupport unlinks it, then lets the signal end the process). Only SIGKILL leaves it.
enum ReportOutput {
    static func write(to path: String?, _ render: (inout StreamRef) -> Void) throws {
        guard let path else {
            _ = stream(to: STDOUT_FILENO, render)
            return
        }
        // A device, FIFO or socket (`--output /dev/null`, `/dev/stdout` on a pipe) is written in
        // place: renaming a temporary file over it would replace the device with a plain file.
        var target = stat()
        if stat(path, &target) == 0 && target.st_mode & S_IFMT != S_IFREG {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw InputError("cannot write \(path): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            if let failure = stream(to: fd, render) { throw InputError("cannot write \(path): \(failure)") }
            return
        }
        // A link to a report: replace the file it points to, and keep the link.
        let destination = realpath(path, nil).map { resolved in defer { free(resolved) }; return String(cString: resolved) } ?? path
        let url = URL(fileURLWithPath: destination)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        // Registered before it exists: a signal in between unlinks nothing, which is harmless.
        let slot = secretmap_temporary_register(temporary)
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
            secretmap_temporary_forget(slot)
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError("cannot write \(path): \(String(cString: strerror(errno)))") }
        let written = stream(to: fd, render)
        let synced = fsync(fd) == 0
        let syncError = synced ? nil : String(cString: strerror(errno))
        close(fd)
        if let failure = written ?? syncError { throw InputError("cannot write \(path): \(failure)") }
        guard rename(temporary, destination) == 0 else { throw InputError("cannot write \(path): \(String(cString: strerror(errno)))") }
        renamed = true
    }

    /// Renders into `fd` through a buffered stream, flushed; the write error, if there was one.
    private static func stream(to fd: Int32, _ render: (inout StreamRef) -> Void) -> String? {
        var out = StreamRef(stream: FDStream(fd: fd))
        render(&out)
        out.stream.flush()
        return out.stream.failure
    }
}

/// Results the process is about to exit with. Releasing a large scan's findings (a hundred
/// thousand readers, each with its Strings) took 8 ms after the report was written, for memory
/// the exit hands back anyway; kept here, they are never released.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}
