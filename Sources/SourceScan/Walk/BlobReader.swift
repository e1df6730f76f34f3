import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads staged blobs through one `git cat-file --batch` per repository, kept running for a
/// worker's whole share of the files: a process per blob would cost more than scanning it.
/// A blob goes straight into the worker's FileBuffer, so it is bytes in memory like a file read
/// from disk, and passes the same binary check.
final class BlobReader {
    private let root: String
    private var process: Process?
    private var input: InputSocket?
    private var output: Int32 = -1
    private var failed = false
    /// Bytes read from git but not consumed yet.
    private var pending = [UInt8](repeating: 0, count: 64 * 1024)
    private var start = 0, end = 0

    init(root: String) { self.root = root }

    /// Reads `blob` (of the `size` `--batch-check` gave) into `buffer`; false when git could not
    /// give it.
    func read(_ blob: String, size: Int, into buffer: FileBuffer) -> Bool {
        guard !failed, startIfNeeded(), let input else { return false }
        let ok = Array((blob + "\n").utf8).withUnsafeBytes { input.send($0) }
        guard ok, let header = readLine() else { return fail() }
        // "<id> blob <size>", or "<id> missing".
        let parts = header.split(separator: " ")
        guard parts.count == 3, parts[1] == "blob", Int(parts[2]) == size else { return fail() }
        guard buffer.fill(count: size, { readExactly(into: $0, count: size) }), let newline = readByte(), newline == 0x0A else {
            return fail()
        }
        return true
    }

    /// Ends git: its input closed, it exits.
    func finish() {
        input?.close()
        if output >= 0 { close(output); output = -1 }
        process?.waitUntilExit()
        process = nil
    }

    deinit { finish() }

    private func fail() -> Bool {
        failed = true
        finish()
        return false
    }

    private func startIfNeeded() -> Bool {
        if process != nil { return true }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root, "cat-file", "--batch"]
        process.environment = GitProcess.environment
        let out = Pipe()
        guard let socket = InputSocket() else { failed = true; return false }
        process.standardInput = socket.child
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { failed = true; return false }
        socket.closeChildEnd()
        // Our own copy of the read end, so the Pipe's handle can go without closing it.
        output = dup(out.fileHandleForReading.fileDescriptor)
        self.process = process
        input = socket
        return output >= 0
    }

    private func refill() -> Bool {
        start = 0; end = 0
        while true {
            let n = pending.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            end = n
            return true
        }
    }

    private func readByte() -> UInt8? {
        if start == end && !refill() { return nil }
        start += 1
        return pending[start - 1]
    }

    private func readLine() -> String? {
        var line: [UInt8] = []
        while let byte = readByte() {
            if byte == 0x0A { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
            if line.count > 4096 { return nil }
        }
        return nil
    }

    private func readExactly(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        var done = 0
        let buffered = min(end - start, count)
        if buffered > 0 {
            pending.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + start, count: buffered) }
            start += buffered
            done = buffered
        }
        while done < count {
            let n = Glibc.read(output, destination + done, count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
