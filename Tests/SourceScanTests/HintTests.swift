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

    /// The hint's characters are counted from the value as before; only their display is escaped.
    func testHintsOfValuesWithControlCharactersArePrintable() {
        XCTAssertEqual(hint("\u{1B}[2Jq8Zr2VxN4kLmP0aT7yWcE5sB\u{1B}[0m"), #"\x1b[2…0m"#)
        XCTAssertEqual(hint("q8Zr2VxN4kLmP0aT7yWcE5sB\r\n"), #"q8Z…\r\n"#)
        XCTAssertEqual(hint("é\u{9B}2Jq8Zr2VxN4kLmP0aT7"), #"é\u{009b}2…T7"#)
        XCTAssertEqual(hint("sk_live_abcdef12"), "sk_…12")
    }
}
