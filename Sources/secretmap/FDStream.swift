import ArgumentParser
import CSupport
import Foundation
import Report
import SourceScan

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
