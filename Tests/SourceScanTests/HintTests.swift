import XCTest
@testable import SourceScan

/// A hint is the first 3 and last 2 characters, from 8 characters on; ASCII takes a byte path.
final class HintTests: XCTestCase {
    func hint(_ s: String) -> String {
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBufferPointer { Fingerprinter.hint(UnsafeBufferPointer($0)) }
    }

    func testHints() {
        XCTAssertEqual(hint("sk_live_abcdef12"), "sk_…12")
        XCTAssertEqual(hint("abcdefgh"), "abc…gh")
        XCTAssertEqual(hint("abcdefg"), "…")
        XCTAssertEqual(hint("ключ-секрет-42"), "клю…42")
        XCTAssertEqual(hint("éabcdefgh"), "éab…gh")
    }
}
