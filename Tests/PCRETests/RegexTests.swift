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

    /// The start-byte filter may only say "no" when PCRE2 would say no match.
    func testMayMatchAtStartNeverRulesOutAMatch() throws {
        func check(_ pattern: String, _ options: Regex.Options = [], _ subject: String, _ expected: Bool,
                   line: UInt = #line) throws {
            let re = try Regex(pattern, options: options)
            var bytes = Array(subject.utf8)
            let may = bytes.withUnsafeMutableBufferPointer { re.mayMatchAtStart(of: UnsafeBufferPointer($0)) }
            XCTAssertEqual(may, expected, "\(pattern) on \(subject)", line: line)
            if !may {
                let matched = try bytes.withUnsafeMutableBufferPointer {
                    try re.matchEnd(in: UnsafeBufferPointer($0), from: 0, scratch: MatchScratch()) != nil
                }
                XCTAssertFalse(matched, "filtered out a subject the pattern matches", line: line)
            }
        }
        try check("^(?:sk|rk)_live_[0-9a-z]+$", [], "xk_live_abc", false)
        try check("^(?:sk|rk)_live_[0-9a-z]+$", [], "rk_live_abc", true)
        try check("^sk_", [.caseless], "SK_x", true)
        try check("^SG\\.", [], "xg.x", false)
        try check("sk_", [], "xx sk_", true)  // not anchored: no filter
        try check("^(?:a|.)", [], "zzz", true)
    }
}

/// The allocation-free match (whole range and one group) must agree with `Match`.
final class GroupMatchTests: XCTestCase {
    func testAgreesWithMatch() throws {
        let regex = try Regex(#"(?<a>x)?(?<name>[A-Z_]+)(y)?"#)
        let text = Array("..FOO_BAR xZ y QQy".utf8)
        let scratch = MatchScratch()
        try text.withUnsafeBufferPointer { buf in
            var pos = 0
            var seen = 0
            while let m = try regex.firstMatch(in: buf, from: pos, scratch: scratch) {
                for group in [0, 1, 2, 3, 4, 99] {
                    let g = try XCTUnwrap(try regex.firstMatch(in: buf, from: pos, scratch: scratch, group: group))
                    XCTAssertEqual(g.range, m.range)
                    XCTAssertEqual(g.group, m[group], "group \(group) at \(pos)")
                }
                pos = m.range.upperBound
                seen += 1
            }
            XCTAssertEqual(seen, 3)
            XCTAssertNil(try regex.firstMatch(in: buf, from: pos, scratch: scratch, group: 1))
        }
    }
}
