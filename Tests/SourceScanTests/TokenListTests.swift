import XCTest
@testable import SourceScan

/// Tokens are read in place from the scratch buffer that lexed them: a lexed file must keep its
/// scratch alive, and a recycled one must not keep it alive forever (a reference cycle).
final class TokenListTests: XCTestCase {
    func testALexedFileOutlivesItsScratch() {
        let lexed = Tokenizers.tokenize("const key = process.env.API_KEY // note\n", as: .javascript)
        XCTAssertEqual(lexed.tokens.map(\.kind), [.identifier, .identifier, .punct, .identifier, .punct,
                                                  .identifier, .punct, .identifier, .comment])
        XCTAssertEqual(lexed.tokens.last?.start, 32)
    }

    func testARecycledFileReleasesItsScratch() {
        weak var released: LexScratch?
        do {
            let scratch = LexScratch()
            released = scratch
            var bytes = Array("x = 'a string'\n".utf8)
            bytes.withUnsafeMutableBufferPointer { buf in
                var lexed = PythonTokenizer.shared.tokenize(UnsafeBufferPointer(buf), scratch: scratch)
                XCTAssertEqual(lexed.tokens.count, 3)
                scratch.recycle(&lexed)
                lexed = PythonTokenizer.shared.tokenize(UnsafeBufferPointer(buf), scratch: scratch)
                XCTAssertEqual(lexed.tokens.count, 3, "the second file reuses the buffer")
                scratch.recycle(&lexed)
            }
        }
        XCTAssertNil(released, "the spare file must not hold its scratch")
    }
}
