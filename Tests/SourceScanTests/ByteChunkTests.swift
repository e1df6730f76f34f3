import XCTest
@testable import Report

/// The JSON report renders into ByteChunk buffers: growth past the first buffer and integers
/// written without Strings must give the same bytes a String would.
final class ByteChunkTests: XCTestCase {
    func testGrowsAndWritesIntegers() {
        let chunk = ByteChunk(capacity: 4)
        var expected = ""
        for value in [0, 7, -7, 42, 1_000_000, Int.max, Int.min] {
            chunk.write(decimal: value)
            chunk.write(",")
            expected += "\(value),"
        }
        XCTAssertEqual(String(decoding: chunk.bytes, as: UTF8.self), expected)
    }
}
