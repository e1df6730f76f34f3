/// The bytes of an environment variable's name as shells and compose read it after `$`:
/// a letter or `_`, then letters, digits and `_`. Shared by the scanners of `${NAME…}`.
enum VariableNameBytes {
    @inline(__always) static func isStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F }
    @inline(__always) static func isByte(_ c: UInt8) -> Bool { isStart(c) || (c >= 0x30 && c <= 0x39) }

    /// Where the name that starts at `start` ends (the index after its last byte).
    static func end(of b: [UInt8], from start: Int) -> Int {
        var j = start
        while j < b.count, isByte(b[j]) { j += 1 }
        return j
    }
}
