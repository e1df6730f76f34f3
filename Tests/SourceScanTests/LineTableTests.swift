import CSupport
import TestSupport
import XCTest
@testable import SourceScan

/// Line and column of byte offsets, counted lazily with vector code: checked against a plain
/// count from the top of the file, for offsets asked in order, backwards and at random, across
/// 64 KiB checkpoints, on lines with multi-byte characters and CRLF endings.
final class LineTableTests: XCTestCase {
    /// The position of every offset 0...count, counted plainly from the top.
    static func naive(_ bytes: [UInt8]) -> [(line: Int, column: Int)] {
        var out = [(line: 1, column: 1)]
        var line = 1, column = 1
        for b in bytes {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            out.append((line, column))
        }
        return out
    }

    func randomText(_ length: Int, _ rng: inout SplitMix64) -> [UInt8] {
        let pieces: [[UInt8]] = [Array("a".utf8), Array("xyz ".utf8), Array("\n".utf8), Array("\r\n".utf8),
                                 Array("é".utf8), Array("ключ".utf8), Array("🔑".utf8), Array(String(repeating: "q", count: 40).utf8)]
        var out: [UInt8] = []
        while out.count < length { out += pieces[Int(rng.next() % UInt64(pieces.count))] }
        return out
    }

    func check(_ bytes: [UInt8], offsets: [Int], file: StaticString = #filePath, line: UInt = #line) {
        var copy = bytes
        let expected = Self.naive(bytes)
        copy.withUnsafeMutableBufferPointer { buf in
            var table = LineTable(UnsafeBufferPointer(buf))
            for offset in offsets {
                let got = table.position(of: offset), want = expected[offset]
                XCTAssertTrue(got == want, "offset \(offset): got \(got), want \(want)", file: file, line: line)
            }
        }
    }

    func testOrderedBackwardAndRandomOffsets() {
        var rng = SplitMix64(seed: 7)
        for length in [0, 1, 31, 33, 200, 70_000, 200_000] {
            let text = randomText(length, &rng)
            let n = text.count
            let forward = stride(from: 0, through: n, by: max(1, n / 97)).map { $0 }
            check(text, offsets: forward)
            check(text, offsets: forward.reversed())
            check(text, offsets: forward + forward)  // readers, then literals from the top again
            check(text, offsets: (0..<300).map { _ in Int(rng.next() % UInt64(n + 1)) })
        }
    }

    func testOneLongLineCountsColumnsOnward() {
        let text = Array((String(repeating: "ab", count: 50_000) + "é" + String(repeating: "c", count: 80_000)).utf8)
        check(text, offsets: [5, 99_999, 100_000, 100_002, 150_000, 7, 180_002, 150_000, 70_000, 131_073])
    }

    func testVectorCountsMatchPlainCounts() {
        var rng = SplitMix64(seed: 11)
        for length in [0, 1, 15, 16, 17, 31, 32, 33, 64, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes.withUnsafeBufferPointer { b in
                let base = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
                let newlines = bytes.filter { $0 == 0x0A }.count
                let continuations = bytes.filter { $0 & 0xC0 == 0x80 }.count
                XCTAssertEqual(secretmap_count_byte(base, length, 0x0A), newlines, "length \(length)")
                XCTAssertEqual(secretmap_count_byte_baseline(base, length, 0x0A), newlines, "length \(length)")
                XCTAssertEqual(secretmap_count_continuations(base, length), continuations, "length \(length)")
                XCTAssertEqual(secretmap_count_continuations_baseline(base, length), continuations, "length \(length)")
            }
        }
    }
}
