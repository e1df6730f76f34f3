import XCTest
@testable import PCRE

final class RegexTests: XCTestCase {
    func testCompileErrorCarriesOffset() {
        XCTAssertThrowsError(try Regex("ab(c")) { error in
            guard case let RegexError.compile(_, offset, message) = error as! RegexError else {
                return XCTFail("expected compile error, got \(error)")
            }
            XCTAssertEqual(offset, 4)
            XCTAssertTrue(message.contains("missing closing parenthesis"), message)
        }
    }

    func testFindsGroupsWithByteOffsets() throws {
        let re = try Regex(#"process\.env\.(?<name>[A-Z_]+)"#)
        XCTAssertEqual(re.groupNumber(named: "name"), 1)
        let ms = try re.matches(in: "a process.env.FOO b process.env.BAR")
        XCTAssertEqual(ms.map { $0[1] }, [14..<17, 32..<35])
    }

    func testCatastrophicBacktrackingHitsTheLimitInsteadOfHanging() throws {
        let re = try Regex("^(a+)+$")
        let subject = String(repeating: "a", count: 40) + "b"
        XCTAssertThrowsError(try re.matches(in: subject, scratch: MatchScratch(matchLimit: 10_000))) { error in
            XCTAssertEqual(error as? RegexError, .limitExceeded(pattern: "^(a+)+$"))
        }
    }
}
