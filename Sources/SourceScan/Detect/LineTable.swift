#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns byte offsets into 1-based line and column. Lines end at `\n` (so CRLF files count right);
/// columns count Unicode scalars, not bytes, so non-ASCII text before a finding does not shift it.
public struct LineTable {
    private(set) var starts: [Int] = [0]
    let bytes: UnsafeBufferPointer<UInt8>

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        guard let base = bytes.baseAddress else { return }
        var p = 0
        while p < bytes.count, let hit = memchr(base + p, 0x0A, bytes.count - p) {
            p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            starts.append(p)
        }
    }

    /// The last answer, so a series of increasing offsets on one long line (a minified bundle is
    /// one 50 MB line) counts each byte once instead of rescanning from the line start each time.
    private var cursor = (offset: 0, line: 1, column: 1)

    public mutating func position(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid }
        }
        var column = 1
        var p = starts[lo]
        if cursor.line == lo + 1 && cursor.offset <= offset && cursor.offset >= p {
            column = cursor.column
            p = cursor.offset
        }
        while p < offset { if bytes[p] & 0xC0 != 0x80 { column += 1 }; p += 1 }
        cursor = (offset, lo + 1, column)
        return (lo + 1, column)
    }
}
