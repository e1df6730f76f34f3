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

/// The JSON writer's fast paths (strings copied and tested eight bytes at a time, short copies
/// as overlapping words) must write exactly what a byte-by-byte writer writes: at every length
/// around the word size, with a byte to escape at every position.
final class JSONStringFastPathTests: XCTestCase {
    /// RFC 8259 escaping, written out on its own as the reference.
    func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    func written(_ s: String) -> String {
        var w = JSONWriter(ByteChunk(capacity: 4))
        w.writeString(s)
        return String(decoding: w.out.bytes, as: UTF8.self)
    }

    func testEveryLengthAndEveryPositionOfAByteToEscape() {
        let specials: [Character] = ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\t"]
        let plain: [Character] = [" ", "~", "\u{7F}", "é", "…", "!", "#", "]", "["]  // near the escaped bytes, or not ASCII
        for length in 0...40 {
            let base = String((0..<length).map { i in Character(UnicodeScalar(UInt8(0x61 + i % 26))) })
            XCTAssertEqual(written(base), reference(base), "length \(length)")
            for position in 0..<length {
                for c in specials + plain {
                    var chars = Array(base)
                    chars[position] = c
                    let s = String(chars)
                    XCTAssertEqual(written(s), reference(s), "length \(length), \(c.unicodeScalars.first!.value) at \(position)")
                }
            }
        }
    }

    func testAStringAfterARefusedOneStartsClean() {
        var w = JSONWriter(ByteChunk(capacity: 4))
        w.writeString("0123456789\"abcdef")
        w.writeString("plain-and-longer-than-eight")
        XCTAssertEqual(String(decoding: w.out.bytes, as: UTF8.self), "\"0123456789\\\"abcdef\"\"plain-and-longer-than-eight\"")
    }

    func testShortCopiesOfEveryLength() {
        let source = (0..<80).map { UInt8(0x30 + $0 % 64) }
        let chunk = ByteChunk(capacity: 1)
        var expected: [UInt8] = []
        for n in 0...70 {
            source.withUnsafeBufferPointer { chunk.write(utf8: UnsafeBufferPointer(rebasing: $0[(n % 7)..<(n % 7 + n)])) }
            expected += source[(n % 7)..<(n % 7 + n)]
        }
        XCTAssertEqual(Array(chunk.bytes), expected)
    }

    func testIntegersAtEveryNumberOfDigits() {
        let chunk = ByteChunk(capacity: 1)
        var expected = ""
        var p = 1
        for _ in 0..<19 {
            for value in [p - 1, p, p + 1, -p, -(p - 1), -(p + 1)] {
                chunk.write(decimal: value); chunk.write(" ")
                expected += "\(value) "
            }
            p = p.multipliedReportingOverflow(by: 10).partialValue
        }
        XCTAssertEqual(String(decoding: chunk.bytes, as: UTF8.self), expected)
    }
}
