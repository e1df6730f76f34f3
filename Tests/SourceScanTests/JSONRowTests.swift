import XCTest
@testable import Report

/// Rows (precomputed key runs) must write exactly what `field` writes: the same commas, newlines,
/// indentation and keys, nil values left out wherever they fall, `{}` for a row with no field.
final class JSONRowTests: XCTestCase {
    static let keys: [StaticString] = ["a", "bee", "count", "flag", "ratio", "z"]

    typealias Values = (a: String?, bee: String?, count: Int, flag: Bool, ratio: Double, z: String?)

    func render(_ rows: [Values], byRows: Bool, depth: Int) -> String {
        var w = JSONWriter(ByteChunk(capacity: 8))
        w.beginObject()
        for _ in 1..<depth { w.beginObject("outer") }
        w.beginArray("rows")
        let layout = JSONRowLayout(keys: Self.keys, indent: w.rowIndent)
        for v in rows {
            if byRows {
                w.beginRow(layout)
                w.row(layout, 0, v.a); w.row(layout, 1, v.bee); w.row(layout, 2, v.count)
                w.row(layout, 3, v.flag); w.row(layout, 4, v.ratio); w.row(layout, 5, v.z)
                w.endRow(layout)
            } else {
                w.beginObject()
                w.field("a", v.a); w.field("bee", v.bee); w.field("count", v.count)
                w.field("flag", v.flag); w.field("ratio", v.ratio); w.field("z", v.z)
                w.endObject()
            }
        }
        w.endArray()
        for _ in 1..<depth { w.endObject() }
        w.endObject()
        return String(decoding: w.out.bytes, as: UTF8.self)
    }

    func testRowsWriteWhatFieldsWrite() {
        let rows: [Values] = [
            (nil, "b\"q", 1, true, 0.5, nil),
            ("x", nil, -20, false, 3.25, "tail"),
            ("first", "second", 0, true, 1, "ünï\n"),
        ]
        for depth in 1...3 {
            let expected = render(rows, byRows: false, depth: depth)
            XCTAssertEqual(render(rows, byRows: true, depth: depth), expected, "depth \(depth)")
            XCTAssertEqual(render([], byRows: true, depth: depth), render([], byRows: false, depth: depth))
            XCTAssertEqual(render([rows[0]], byRows: true, depth: depth), render([rows[0]], byRows: false, depth: depth))
        }
        XCTAssertTrue(render(rows, byRows: true, depth: 1).contains("\n    {\n      \"bee\" : \"b\\\"q\",\n      \"count\" : 1,"))
    }

    func testARowWithoutFieldsIsAnEmptyObject() {
        var w = JSONWriter(ByteChunk())
        w.beginObject()
        w.beginArray("rows")
        let layout = JSONRowLayout(keys: ["only"], indent: w.rowIndent)
        w.beginRow(layout); w.row(layout, 0, nil as String?); w.endRow(layout)
        w.beginRow(layout); w.row(layout, 0, "v"); w.endRow(layout)
        w.endArray()
        w.endObject()
        XCTAssertEqual(String(decoding: w.out.bytes, as: UTF8.self), "{\n  \"rows\" : [\n    {},\n    {\n      \"only\" : \"v\"\n    }\n  ]\n}\n")
    }
}

/// Doubles are written as `description` writes them, hundredths without making a String.
final class JSONDoubleTests: XCTestCase {
    func written(_ value: Double) -> String {
        var w = JSONWriter(ByteChunk(capacity: 4))
        w.writeDouble(value)
        return String(decoding: w.out.bytes, as: UTF8.self)
    }

    func testWritesWhatDescriptionWrites() {
        for k in stride(from: -100_000, through: 100_000, by: 7) + Array(-1000...1000) {
            let value = Double(k) / 100
            XCTAssertEqual(written(value), value.description, "\(k)")
        }
        for value in [-0.0, 0.0, 0.1 + 0.2, 1e6, 123_456.78, 1e-7, 3.14159, .pi, 1e300, -2.5e-3, .infinity, -.infinity, .nan] {
            XCTAssertEqual(written(value), value.description, "\(value)")
        }
    }
}
