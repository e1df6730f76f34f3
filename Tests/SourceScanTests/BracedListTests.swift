import PCRE
import TestSupport
import XCTest
@testable import SourceScan

/// A destructuring rule is searched for from its `}` (the tail) and confirmed at the nearest `{`
/// before it. Every match that way must be the match the whole pattern finds from the left, in
/// the same order, whatever the braces, nesting and keywords around it.
final class BracedListTests: XCTestCase {
    /// `skipMatches`: move on one byte from each match's start, as `find` does for a match in a
    /// comment; otherwise past its end.
    func matches(_ text: String, _ rule: ReaderRule, tailFirst: Bool, skipMatches: Bool) throws -> [GroupMatch] {
        var bytes = Array(text.utf8)
        let scratch = MatchScratch()
        return try bytes.withUnsafeMutableBufferPointer { b in
            let buf = UnsafeBufferPointer(b)
            var found: [GroupMatch] = []
            var pos = 0
            while pos < buf.count, let m = try tailFirst ? ReaderDetector.firstMatch(rule, in: buf, from: pos, scratch)
                                                          : rule.regex.firstMatch(in: buf, from: pos, scratch: scratch).map({
                                                              GroupMatch(range: $0.range, group: $0[rule.nameGroup]) }) {
                found.append(m)
                pos = skipMatches ? m.range.lowerBound + 1 : max(m.range.upperBound, m.range.lowerBound + 1)
            }
            return found
        }
    }

    func testTailFirstFindsWhatTheWholePatternFinds() throws {
        let rules = try RuleSet.builtIn().readers.filter { $0.bracedList != nil }
        XCTAssertEqual(rules.map(\.id), ["js-env-destructuring"])
        let pieces = ["{", "}", " ", "\n", "=", " = ", "A", "B_2", ",", "...rest", "process.env", "import.meta.env",
                      "Bun.env", ".X", "[", "]", "?", "const ", "'k'", "}=process.env", "{ A, B }", "{a:{b}}"]
        var rng = SplitMix64(seed: 17)
        for rule in rules {
            var total = 0
            for _ in 0..<3000 {
                let text = (0..<Int(rng.next() % 40)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
                for skip in [false, true] {
                    let expected = try matches(text, rule, tailFirst: false, skipMatches: skip)
                    XCTAssertEqual(try matches(text, rule, tailFirst: true, skipMatches: skip), expected, text.debugDescription)
                    total += expected.count
                }
            }
            XCTAssertGreaterThan(total, 300, "the generated code must hold matches to compare")
        }
    }
}
