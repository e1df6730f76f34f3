import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `git -C DIR …` to completion: stdin written and stdout/stderr drained on their own
/// threads, so a long listing or a large input never blocks on a full pipe. git's own messages
/// are never passed on (they may quote paths or refs the user typed, or a remote's URL with a
/// token): a failure is described by a category.
enum GitProcess {
    struct Outcome {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(in directory: String, _ arguments: [String], input: Data? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input == nil ? nil : InputSocket()
        if input != nil && stdin == nil { throw Failure(description: "\(directory): cannot give git its input (no socket)") }
        process.standardInput = stdin?.child ?? FileHandle.nullDevice
        do { try process.run() } catch { throw Failure(description: "\(directory): cannot run git (is it installed?)") }
        stdin?.closeChildEnd()
        let group = DispatchGroup()
        // nonisolated(unsafe): each buffer is filled by one reader thread, read after group.wait().
        nonisolated(unsafe) var stdout = Data(), stderr = Data()
        DispatchQueue.global().async(group: group) { stdout = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        if let stdin, let input {
            // git reads all of its input before it exits; a write error means it died early,
            // which its exit status reports.
            DispatchQueue.global().async(group: group) {
                _ = input.withUnsafeBytes { stdin.send(UnsafeRawBufferPointer($0)) }
                stdin.close()
            }
        }
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Ours, for every git we start (the blob readers too). A hook's own variables pass through:
    /// `git commit PATHS` points GIT_INDEX_FILE at a temporary index, which is what will be
    /// committed, and git resolves it from the top of the work tree whatever `-C` says.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"  // categories below read git's English messages
        return environment
    }()

    /// What a failed git command means, in words of ours.
    static func category(_ outcome: Outcome) -> String {
        let text = outcome.stderr.lowercased()
        // Outside a repository `git diff` falls back to --no-index, which has no --cached.
        if text.contains("not a git repository") || text.contains("--no-index") { return "not inside a git work tree" }
        if text.contains("unknown revision") || text.contains("bad revision") || text.contains("ambiguous argument")
            || text.contains("invalid object name") || text.contains("bad object") {
            return "unknown revision"
        }
        if text.contains("dubious ownership") { return "git refuses a repository owned by another user (safe.directory)" }
        return "exit status \(outcome.status)"
    }
}

/// A child's stdin as one end of a socket pair: writing to a child that died fails with EPIPE
/// (`MSG_NOSIGNAL`) instead of raising SIGPIPE, which would end secretmap.
final class InputSocket: @unchecked Sendable {  // a file descriptor, written by one writer thread
    let child: FileHandle
    private var parent: Int32

    init?() {
        var fds: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        child = FileHandle(fileDescriptor: fds[0], closeOnDealloc: false)
        parent = fds[1]
    }

    /// After the child started: its copy is the only one it needs.
    func closeChildEnd() { try? child.close() }

    /// Writes everything; false when the child is gone.
    @discardableResult
    func send(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = Glibc.send(parent, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            if n < 0 { if errno == EINTR { continue }; return false }
            sent += n
        }
        return true
    }

    func close() {
        if parent >= 0 { _ = Glibc.close(parent); parent = -1 }
    }

    deinit { close() }
}
