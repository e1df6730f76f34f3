import Dispatch

/// A small pretty-printing JSON writer that streams into any `TextOutputStream`.
/// Foundation's JSONEncoder builds the whole document in memory several times over; a scan of a
/// large monorepo has 100,000 findings, so we write them as we go. Callers emit keys in sorted
/// order, which keeps the layout stable (as `.sortedKeys` did).
/// A text stream that can also take UTF-8 bytes as they are (rendered chunks are bytes).
public protocol ReportStream: TextOutputStream {
    mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>)
    /// An integer in decimal; streams that can should do it without making a String.
    mutating func write(decimal value: Int)
    /// Writes `"bytes"` (quoted) and returns true when no byte needs escaping in JSON (no quote,
    /// backslash or control byte); otherwise writes nothing and returns false.
    mutating func writeJSONPlainString(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool
}

extension ReportStream {
    public mutating func write(decimal value: Int) { write(String(value)) }

    public mutating func writeJSONPlainString(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where JSONEscape.needsEscape(b) { return false }
        write(utf8: JSONEscape.quote)
        write(utf8: bytes)
        write(utf8: JSONEscape.quote)
        return true
    }
}

/// Which bytes a JSON string cannot hold as they are (RFC 8259): `"`, `\` and controls.
enum JSONEscape {
    static var quote: UnsafeBufferPointer<UInt8> { StaticBytes.of("\"") }

    @inline(__always) static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    /// Nonzero when any of the eight bytes needs escaping: SWAR tests for a byte below 0x20 and
    /// for a zero byte after XOR with `"` and with `\` (exact as a yes/no answer; a borrow can
    /// only mark bytes above one that is already marked).
    @inline(__always) static func needsEscape(word w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (w &- 0x20 &* ones) & ~w
        let q = w ^ (0x22 &* ones)
        let b = w ^ (0x5C &* ones)
        return (control | ((q &- ones) & ~q) | ((b &- ones) & ~b)) & highs
    }
}

/// Bytes of a literal of ours, with no global to initialise (a `let` global costs a `swift_once`
/// check on every use, and the writer uses them millions of times).
enum StaticBytes {
    @inline(__always) static func of(_ s: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
    }
}

extension String: ReportStream {
    public mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { self += String(decoding: bytes, as: UTF8.self) }
}

/// Where parallel chunks are rendered: a plain byte buffer, appended to with memcpy. A String
/// (or an Array's append(contentsOf:)) does count, flag and uniqueness bookkeeping on every one
/// of the millions of small writes, which callgrind showed costing more than the copying.
final class ByteChunk: ReportStream {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func write(_ string: String) {
        var string = string
        string.withUTF8 { write(utf8: $0) }
    }

    @inline(__always) func write(utf8 more: UnsafeBufferPointer<UInt8>) {
        guard let source = more.baseAddress, more.count > 0 else { return }
        let n = more.count
        if count + n > capacity { grow(n) }
        let dest = base + count
        if n <= 8 {
            // Keys' quotes, commas, short values: a byte loop is cheaper than a memcpy call.
            for i in 0..<n { dest[i] = source[i] }
        } else if n <= 32 {
            // A row's key run, a path: four 8-byte words, overlapping, instead of a memcpy call.
            Self.copyWord(source, dest, 0)
            Self.copyWord(source, dest, n > 16 ? 8 : n - 8)
            Self.copyWord(source, dest, n > 16 ? n - 16 : 0)
            Self.copyWord(source, dest, n - 8)
        } else {
            dest.update(from: source, count: n)
        }
        count += n
    }

    @inline(__always) private static func copyWord(_ source: UnsafePointer<UInt8>, _ dest: UnsafeMutablePointer<UInt8>, _ at: Int) {
        UnsafeMutableRawPointer(dest + at).storeBytes(of: UnsafeRawPointer(source + at).loadUnaligned(as: UInt64.self), as: UInt64.self)
    }

    /// The string quoted, when none of its bytes needs escaping: copied and tested eight bytes at
    /// a time (`JSONEscape.needsEscape(word:)`); on a byte that does, nothing is counted written.
    func writeJSONPlainString(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        if count + n + 2 > capacity { grow(n + 2) }
        let dest = base + count
        dest[0] = 0x22
        if let source = s.baseAddress {
            if n < 8 {
                for i in 0..<n {
                    let b = source[i]
                    if JSONEscape.needsEscape(b) { return false }
                    dest[1 + i] = b
                }
            } else {
                var marks: UInt64 = 0
                var i = 0
                while true {
                    let at = min(i, n - 8)  // the last word overlaps the one before it
                    let word = UnsafeRawPointer(source + at).loadUnaligned(as: UInt64.self)
                    UnsafeMutableRawPointer(dest + 1 + at).storeBytes(of: word, as: UInt64.self)
                    marks |= JSONEscape.needsEscape(word: word)
                    i += 8
                    if at == n - 8 { break }
                }
                if marks != 0 { return false }
            }
        }
        dest[1 + n] = 0x22
        count += n + 2
        return true
    }

    @inline(never) private func grow(_ more: Int) {
        capacity = max(capacity * 2, count + more)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
    }

    /// A non-negative or negative integer in decimal, without making a String: the digits
    /// counted first, then written backwards in place (at most 20 bytes, `Int.min`).
    func write(decimal value: Int) {
        if count + 20 > capacity { grow(20) }
        var v = value.magnitude
        var digits = 1
        var rest = v
        while rest >= 10 { rest /= 10; digits += 1 }
        let sign = value < 0 ? 1 : 0
        if sign == 1 { base[count] = UInt8(ascii: "-") }
        var p = base + count + sign + digits
        repeat {
            p -= 1
            p.pointee = UInt8(truncatingIfNeeded: v % 10) + 0x30
            v /= 10
        } while v > 0
        count += sign + digits
    }
}

struct JSONWriter<Out: ReportStream> {
    var out: Out
    var indent = 0
    /// Per open level, whether nothing was written in it yet: bit `indent`. (An Array used as a
    /// stack cost two runtime calls per object; 64 levels are far more than any report nests.)
    private var firstBits: UInt64 = 1
    var first: Bool {
        get { firstBits & (1 << UInt64(indent & 63)) != 0 }
        set { if newValue { firstBits |= 1 << UInt64(indent & 63) } else { firstBits &= ~(1 << UInt64(indent & 63)) } }
    }

    init(_ out: Out) { self.out = out }

    /// Renders `count` array elements on all cores, in chunks, and writes them in order: the
    /// elements of a large scan (100,000 readers) are independent, and rendering them is most of
    /// the report's cost. Call between `beginArray` and `endArray`.
    mutating func elements(count: Int, _ render: @escaping @Sendable (Int, inout JSONWriter<ByteChunk>) -> Void) {
        let chunk = 2048
        let chunks = (count + chunk - 1) / chunk
        // nonisolated(unsafe): each thread writes its own element; read after all have ended.
        nonisolated(unsafe) let parts = UnsafeMutableBufferPointer<ByteChunk?>.allocate(capacity: chunks)
        parts.initialize(repeating: nil)
        defer { parts.deinitialize(); parts.deallocate() }
        let indent = self.indent
        let startsFirst = first
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            var w = JSONWriter<ByteChunk>(ByteChunk())
            w.indent = indent
            w.first = startsFirst && k == 0
            for i in (k * chunk)..<min(count, (k + 1) * chunk) { render(i, &w) }
            parts[k] = w.out
        }
        for part in parts { if let part { out.write(utf8: part.bytes) } }
        if count > 0 { first = false }
    }

    private mutating func separator() {
        if !first { out.write(utf8: StaticBytes.of(",")) }
        first = false
        writeNewlineIndent()
    }

    private mutating func writeNewlineIndent() {
        let spaces = StaticBytes.of(newlineSpaces)
        if 1 + 2 * indent <= spaces.count {
            out.write(utf8: UnsafeBufferPointer(rebasing: spaces[..<(1 + 2 * indent)]))
        } else {
            out.write("\n" + String(repeating: "  ", count: indent))
        }
    }

    mutating func beginObject(_ key: StaticString? = nil) { open(key, "{") }
    mutating func endObject() { close("}") }
    mutating func beginArray(_ key: StaticString? = nil) { open(key, "[") }
    mutating func endArray() { close("]") }

    /// Keys are literals of ours: written as raw bytes, with no escaping pass.
    private mutating func key(_ key: StaticString) {
        out.write(utf8: JSONEscape.quote)
        out.write(utf8: StaticBytes.of(key))
        out.write(utf8: StaticBytes.of("\" : "))
    }

    private mutating func open(_ key: StaticString?, _ bracket: StaticString) {
        if indent > 0 || key != nil { separator() }
        if let key { self.key(key) }
        out.write(utf8: StaticBytes.of(bracket))
        indent += 1
        first = true
    }

    private mutating func close(_ bracket: StaticString) {
        let empty = first
        indent -= 1
        if !empty { writeNewlineIndent() }
        out.write(utf8: StaticBytes.of(bracket))
        if indent == 0 { out.write(utf8: StaticBytes.of("\n")) }
    }

    mutating func field(_ k: StaticString, _ value: String?) {
        guard let value else { return }
        separator(); key(k); writeString(value)
    }

    mutating func field(_ k: StaticString, _ value: Int) {
        separator(); key(k)
        out.write(decimal: value)
    }

    mutating func field(_ k: StaticString, _ value: Double) {
        separator(); key(k); writeDouble(value)
    }

    /// As `value.description` writes it. Values with at most two decimals (entropies, rounded so
    /// for stable output) are written from their integer hundredths without making a String:
    /// such a double is the correctly rounded K/100, whose shortest round-trip digits are K's.
    mutating func writeDouble(_ value: Double) {
        let hundredths = (value * 100).rounded()
        guard value.isFinite, abs(value) < 1e6, hundredths / 100 == value else { return out.write(value.description) }
        let k = Int(hundredths.magnitude)
        if value.sign == .minus { out.write(utf8: StaticBytes.of("-")) }
        out.write(decimal: k / 100)
        let cents = k % 100
        if cents == 0 { out.write(utf8: StaticBytes.of(".0")) }
        else if cents % 10 == 0 { out.write(utf8: StaticBytes.of(".")); out.write(decimal: cents / 10) }
        else { out.write(utf8: cents < 10 ? StaticBytes.of(".0") : StaticBytes.of(".")); out.write(decimal: cents) }
    }

    mutating func field(_ k: StaticString, _ value: Bool) {
        separator(); key(k); out.write(utf8: value ? StaticBytes.of("true") : StaticBytes.of("false"))
    }

    /// A key that is data (e.g. a skip reason), escaped like any string.
    mutating func field(dynamicKey k: String, _ value: Int) {
        separator(); writeString(k); out.write(" : "); out.write(String(value))
    }

    mutating func element(_ value: String) { separator(); writeString(value) }

    /// RFC 8259 string escaping; everything else is written as UTF-8.
    /// Most strings need no escaping: their UTF-8 is copied as it is, read in place (no copy of
    /// the String, no retain) when it is contiguous, as native Strings are.
    mutating func writeString(_ s: String) {
        let plain = s.utf8.withContiguousStorageIfAvailable { out.writeJSONPlainString($0) }
            ?? { var copy = s; return copy.withUTF8 { out.writeJSONPlainString($0) } }()
        if !plain {
            out.write("\"")
            var escaped = ""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\t": escaped += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else { escaped.unicodeScalars.append(scalar) }
                }
            }
            out.write(escaped)
            out.write("\"")
        }
    }
}

/// A newline and 32 levels of indentation (64 spaces), written in part.
private var newlineSpaces: StaticString { "\n                                                                " }
