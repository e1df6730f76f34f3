import XCTest
@testable import SourceScan

/// The env-object follower walks every item of every file that imports an env module (most of
/// the scan on the second corpus): an item's size is its memory traffic. A Bool added after
/// `column` made an item 48 bytes and the scan +0.8 % in instructions (stop 27).
final class CodeTokensLayoutTests: XCTestCase {
    func testAnItemStaysFortyBytes() {
        XCTAssertEqual(MemoryLayout<CodeTokens.Item>.stride, 40)
    }
}
