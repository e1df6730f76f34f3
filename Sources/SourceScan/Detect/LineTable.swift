import CSupport

/// Turns byte offsets into 1-based line and column. Lines end at `\n` (so CRLF files count right);
/// columns count Unicode scalars, not bytes, so non-ASCII text before a finding does not shift it.
///
/// Nothing is computed up front: a position counts the newlines between the last position asked
/// for and this one, a vector at a time (csupport.c). Findings come in source order, so a file
/// is counted once up to its last finding, instead of a memchr call per line of the whole file.
/// An earlier offset restarts from the nearest checkpoint (one per 64 KiB counted), so any order
/// of questions stays cheap.
public struct LineTable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// checkpoints[k]: the line number at offset k × 64 KiB, for the blocks counted so far.
    private var checkpoints: [Int] = [1]
    private static let blockShift = 16
    /// The last position answered. `column` is nil after a restart from a checkpoint, where the
    /// start of the line is not known.
    private var at = 0, line = 1
    private var column: Int? = 1

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    public mutating func position(of requested: Int) -> (line: Int, column: Int) {
        guard let base = bytes.baseAddress else { return (1, 1) }
        let offset = min(max(requested, 0), bytes.count)
        if offset < at {
            let k = min(offset >> Self.blockShift, checkpoints.count - 1)
            at = k << Self.blockShift; line = checkpoints[k]; column = nil
        }
        var newlineSeen = false
        var p = at
        while p < offset {
            let boundary = ((p >> Self.blockShift) + 1) << Self.blockShift
            let end = min(boundary, offset)
            let n = secretmap_count_byte(base + p, end - p, 0x0A)
            line += n
            if n > 0 { newlineSeen = true }
            if end == boundary && boundary >> Self.blockShift == checkpoints.count { checkpoints.append(line) }
            p = end
        }
        let newColumn: Int
        if !newlineSeen, let column {
            newColumn = column + scalars(at..<offset)  // same line as the last answer
        } else {
            let searchFrom = newlineSeen ? at : 0
            let start = secretmap_memrchr(base + searchFrom, 0x0A, offset - searchFrom)
                .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) + 1 } ?? searchFrom
            newColumn = 1 + scalars(start..<offset)
        }
        at = offset
        column = newColumn
        return (line, newColumn)
    }

    private func scalars(_ range: Range<Int>) -> Int {
        utf8ScalarCount(UnsafeBufferPointer(rebasing: bytes[range]))
    }
}

/// Unicode scalars in UTF-8 bytes: every byte that does not continue a scalar (a column, a
/// literal's length, a table cell's width), counted a vector at a time (csupport.c).
public func utf8ScalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
    return bytes.count - secretmap_count_continuations(base, bytes.count)
}
