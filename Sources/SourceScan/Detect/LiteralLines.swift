import CSupport

/// The lines of a multi-line string literal (a Swift `"""…"""`, a JavaScript template spanning
/// lines, a Python triple-quoted string), each without the indentation and trailing spaces around
/// it.
///
/// A multi-line literal as a whole has newlines and indentation in it, so the `whitespace`
/// not-secret rule called every one prose, and a live key on a line of its own inside a template
/// went unreported. Its lines are classified one by one instead, each like a single-line literal:
/// `sk_live_…` alone on a line is a Stripe key at that line; a line of prose still has spaces in
/// it, and a line shorter than the minimum length is not looked at.
enum LiteralLines {
    /// Whether the value spans lines: one vectorised search over a literal that already stands
    /// in a constructor context, so files without multi-line literals pay nothing more.
    static func isMultiLine(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = value.baseAddress, !value.isEmpty else { return false }
        return secretmap_memrchr(base, 0x0A, value.count) != nil
    }

    /// The lines of `bytes[range]` that have text, each as a range of `bytes` without its leading
    /// and trailing spaces, tabs and CR, in order. An iterator, not a closure: the scan's loop
    /// reports from its own body, where its local state is not captured.
    struct Iterator: IteratorProtocol {
        let bytes: UnsafeBufferPointer<UInt8>
        let end: Int
        var lineStart: Int

        init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            self.bytes = bytes
            end = range.upperBound
            lineStart = range.lowerBound
        }

        mutating func next() -> Range<Int>? {
            @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
            while lineStart < end {
                var lineEnd = lineStart
                while lineEnd < end && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var a = lineStart, z = lineEnd
                lineStart = lineEnd + 1
                while a < z && isSpace(bytes[a]) { a += 1 }
                while z > a && isSpace(bytes[z - 1]) { z -= 1 }
                if a < z { return a..<z }
            }
            return nil
        }
    }
}
