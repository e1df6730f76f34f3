import ArgumentParser
import CSupport
import Foundation
import Report
import SourceScan

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
