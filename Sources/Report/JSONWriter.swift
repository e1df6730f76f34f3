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
}

extension ReportStream {
    public mutating func write(decimal value: Int) { write(String(value)) }
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
        if count + more.count > capacity { grow(more.count) }
        if more.count <= 8 {
            // Keys' quotes, commas, short values: a byte loop is cheaper than a memcpy call.
            for i in 0..<more.count { base[count + i] = source[i] }
        } else {
            (base + count).update(from: source, count: more.count)
        }
        count += more.count
    }

    @inline(never) private func grow(_ more: Int) {
        capacity = max(capacity * 2, count + more)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
    }

    /// A non-negative or negative integer in decimal, without making a String.
    func write(decimal value: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for any Int64
        withUnsafeMutableBytes(of: &digits) { raw in
            var v = value.magnitude
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
            } while v > 0
            if value < 0 { i -= 1; raw[i] = UInt8(ascii: "-") }
            write(utf8: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[i...]))
        }
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
        if !first { out.write(utf8: UnsafeBufferPointer(start: comma, count: 1)) }
        first = false
        writeNewlineIndent()
    }

    private mutating func writeNewlineIndent() {
        if 1 + 2 * indent <= newlineSpacesCount {
            out.write(utf8: UnsafeBufferPointer(start: newlineSpaces, count: 1 + 2 * indent))
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
        out.write(utf8: UnsafeBufferPointer(start: quote, count: 1))
        out.write(utf8: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        out.write(utf8: UnsafeBufferPointer(start: colon, count: 4))
    }

    private mutating func open(_ key: StaticString?, _ bracket: String) {
        if indent > 0 || key != nil { separator() }
        if let key { self.key(key) }
        out.write(bracket)
        indent += 1
        first = true
    }

    private mutating func close(_ bracket: String) {
        let empty = first
        indent -= 1
        if !empty { writeNewlineIndent() }
        out.write(bracket)
        if indent == 0 { out.write("\n") }
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
        if value.sign == .minus { out.write("-") }
        out.write(decimal: k / 100)
        let cents = k % 100
        if cents == 0 { out.write(".0") }
        else if cents % 10 == 0 { out.write("."); out.write(decimal: cents / 10) }
        else { out.write(cents < 10 ? ".0" : "."); out.write(decimal: cents) }
    }

    mutating func field(_ k: StaticString, _ value: Bool) {
        separator(); key(k); out.write(value ? "true" : "false")
    }

    /// A key that is data (e.g. a skip reason), escaped like any string.
    mutating func field(dynamicKey k: String, _ value: Int) {
        separator(); writeString(k); out.write(" : "); out.write(String(value))
    }

    mutating func element(_ value: String) { separator(); writeString(value) }

    /// RFC 8259 string escaping; everything else is written as UTF-8.
    mutating func writeString(_ s: String) {
        var s = s
        let needsEscape = s.withUTF8 { bytes -> Bool in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C { return true }
            out.write(utf8: UnsafeBufferPointer(start: quote, count: 1))
            out.write(utf8: bytes)
            out.write(utf8: UnsafeBufferPointer(start: quote, count: 1))
            return false
        }
        if needsEscape {
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

/// A newline and 32 levels of indentation, written in part (generic types cannot hold statics).
/// nonisolated(unsafe), these four: bytes made once, before any writer, and never written again.
private let newlineSpacesCount = 65
nonisolated(unsafe) private let newlineSpaces: UnsafePointer<UInt8> = LiteralBytes.make("\n" + String(repeating: " ", count: 64))
nonisolated(unsafe) private let comma: UnsafePointer<UInt8> = LiteralBytes.make(",")

nonisolated(unsafe) private let quote: UnsafePointer<UInt8> = LiteralBytes.make("\"")
nonisolated(unsafe) private let colon: UnsafePointer<UInt8> = LiteralBytes.make("\" : ")

enum LiteralBytes {
    /// Bytes that live as long as the process.
    static func make(_ s: String) -> UnsafePointer<UInt8> {
        let bytes = Array(s.utf8)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        p.initialize(from: bytes, count: bytes.count)
        return UnsafePointer(p)
    }
}
