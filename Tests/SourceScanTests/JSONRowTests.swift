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
