import CSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file holding a value a CLI must read (`aws … --cli-input-json file://PATH`), because a
/// command line is visible to every user of the machine. It lives in a folder only we can open
/// (mkdtemp, 0700), is itself 0600, is registered to be unlinked if a termination signal arrives,
/// and is removed with its folder as soon as the call returns.
enum PrivateInputFile {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Writes `data` to a fresh private file, runs `body` with its path, removes both.
    static func with<R>(_ data: Data, name: String, _ body: (String) throws -> R) throws -> R {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array((base + "/secretmap-input-XXXXXX").utf8CString)
        // mkdtemp creates the folder 0700 and fills the template in place.
        guard let folder = template.withUnsafeMutableBufferPointer({ buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }) else {
            throw Failure(description: "cannot create a private temporary folder in \(base): \(String(cString: strerror(errno)))")
        }
        let path = folder + "/" + name
        let slot = secretmap_temporary_register(path)
        defer {
            unlink(path)
            rmdir(folder)
            secretmap_temporary_forget(slot)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot create a private temporary file in \(folder): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        close(fd)
        guard written else { throw Failure(description: "cannot write a private temporary file in \(folder)") }
        return try body(path)
    }
}
