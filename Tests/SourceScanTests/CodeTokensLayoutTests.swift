import XCTest
@testable import SourceScan

/// The env-object follower walks every item of every file that imports an env module (most of
/// the scan on the second corpus): an item's size is its memory traffic. A Bool added after
/// `column` made an item 48 bytes and the scan +0.8 % in instructions; beside `kind` it is free.
final class CodeTokensLayoutTests: XCTestCase {
    func testAnItemStaysFortyBytes() {
        XCTAssertEqual(MemoryLayout<CodeTokens.Item>.stride, 40)
    }

    func testAnInterpolatedTemplateIsMarked() {
        let code = CodeTokens("const a = `x${y}`; const b = \"plain\";\n", family: .javascript)
        XCTAssertEqual(code.items.filter { $0.kind == .string }.map { "\($0.text) \($0.interpolated)" },
                       ["x${y} true", "plain false"])
    }
}
