/// Objects written many times with the same keys (a scan's readers and literals). Before each
/// value, the comma, newline, indentation and quoted key are one precomputed run of bytes, so a
/// field costs one copy instead of the six small writes `JSONWriter.field` makes; on a large
/// scan those writes were most of the report's time. The output is byte for byte what `field`
/// writes (JSONRowTests compares the two).
public final class JSONRowLayout: @unchecked Sendable {  // immutable after init
    /// The nesting level of the object's fields.
    let indent: Int
    let keyCount: Int
    private let storage: UnsafeMutablePointer<UInt8>
    /// Run k (0..<keyCount): `,\n` + indentation + `"key" : `. Run keyCount: `\n` + the
    /// object's indentation + `}`. Run keyCount + 1: `,\n` + the object's indentation + `{`
    /// (what `beginObject` writes there). `starts[k]..<starts[k + 1]` is run k.
    private let starts: UnsafeMutablePointer<Int>

    /// For objects written where `JSONWriter.beginObject()` would open them at the writer's
    /// current level: pass `writer.rowIndent`.
    init(keys: [StaticString], indent: Int) {
        precondition(indent >= 2, "rows are objects inside an array or object")
        self.indent = indent
        keyCount = keys.count
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        let fieldIndent = [UInt8](repeating: UInt8(ascii: " "), count: 2 * indent)
        for key in keys {
            offsets.append(bytes.count)
            bytes += Array(",\n".utf8) + fieldIndent + [UInt8(ascii: "\"")]
            bytes += UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
            bytes += Array("\" : ".utf8)
        }
        offsets.append(bytes.count)
        bytes += [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 2 * (indent - 1)) + [UInt8(ascii: "}")]
        offsets.append(bytes.count)
        bytes += Array(",\n".utf8) + [UInt8](repeating: UInt8(ascii: " "), count: 2 * (indent - 1)) + [UInt8(ascii: "{")]
        offsets.append(bytes.count)
        storage = .allocate(capacity: bytes.count)
        storage.initialize(from: bytes, count: bytes.count)
        starts = .allocate(capacity: offsets.count)
        starts.initialize(from: offsets, count: offsets.count)
    }

    deinit {
        storage.deallocate()
        starts.deallocate()
    }

    /// Run k; without its leading comma for the object's first field (or the array's first row).
    @inline(__always) func run(_ k: Int, first: Bool) -> UnsafeBufferPointer<UInt8> {
        let skip = first && k != keyCount ? 1 : 0
        return UnsafeBufferPointer(start: storage + starts[k] + skip, count: starts[k + 1] - starts[k] - skip)
    }
}

extension JSONWriter {
    /// The level a row opened here has its fields at (for `JSONRowLayout`).
    var rowIndent: Int { indent + 1 }

    /// Opens a row; then `row(layout, k, value)` for the keys in the layout's order (a nil value
    /// is left out, as `field` leaves it out), then `endRow(layout)`.
    mutating func beginRow(_ layout: JSONRowLayout) {
        precondition(layout.indent == indent + 1, "a row layout made for another level")
        out.write(utf8: layout.run(layout.keyCount + 1, first: first))  // as beginObject() writes it
        first = false
        indent += 1
        first = true
    }

    @inline(__always) private mutating func rowKey(_ layout: JSONRowLayout, _ k: Int) {
        out.write(utf8: layout.run(k, first: first))
        first = false
    }

    mutating func row(_ layout: JSONRowLayout, _ k: Int, _ value: String?) {
        guard let value else { return }
        rowKey(layout, k); writeString(value)
    }

    mutating func row(_ layout: JSONRowLayout, _ k: Int, _ value: Int) {
        rowKey(layout, k); out.write(decimal: value)
    }

    mutating func row(_ layout: JSONRowLayout, _ k: Int, _ value: Double) {
        rowKey(layout, k); writeDouble(value)
    }

    mutating func row(_ layout: JSONRowLayout, _ k: Int, _ value: Bool) {
        rowKey(layout, k); out.write(value ? "true" : "false")
    }

    mutating func endRow(_ layout: JSONRowLayout) {
        if first { endObject(); return }  // no field written: `{}` as endObject writes it
        indent -= 1
        out.write(utf8: layout.run(layout.keyCount, first: false))
    }
}
