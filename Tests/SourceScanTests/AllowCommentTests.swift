import XCTest
import Report
@testable import SourceScan

/// `secretmap:allow <reason>`: a reason of at least three words, and one allow accepts one literal
/// (the one it precedes, or the one it ends on the same line), never a whole line.
final class AllowCommentTests: XCTestCase {
    static let a = "q8Zr2VxN4kLmP0aT7yWcE5sBq8Zr2VxN"
    static let b = "Zx81mPqL0vN3rT5yW7bK9cD2eF4gH6jJ"

    func scan(_ name: String, _ text: String) throws -> ScanResult {
        let tree = TempTree()
        tree.write(name, text)
        return try Fixtures.scan([Root(name: "app", path: tree.path)])
    }

    /// "line:column allowReason" for every literal, in order.
    func verdicts(_ result: ScanResult) -> [String] {
        result.literals.map { "\($0.line):\($0.column) \($0.allowReason ?? "-")" }
    }

    func testAOneWordReasonAcceptsNothingAndIsReportedWithItsLine() throws {
        let result = try scan("a.js", """
        class A {
          key = "\(Self.a)"; // secretmap:allow x
        }
        """)
        XCTAssertEqual(verdicts(result), ["2:9 -"])
        XCTAssertEqual(result.summary.literalsAllowed, 0)
        XCTAssertEqual(result.warnings.map { "\($0.repo)/\($0.path):\($0.line ?? 0) \($0.message)" },
                       ["app/a.js:2 allow comment without a reason: secretmap:allow needs a reason of at least three words; the literal at line 2 is still reported"])
    }

    func testTwoWordsAreNotAReasonThreeAre() throws {
        let two = try scan("a.py", "class A:\n    KEY = \"\(Self.a)\"  # secretmap:allow test key\n")
        XCTAssertEqual(verdicts(two), ["2:11 -"])
        XCTAssertEqual(two.warnings.count, 1)
        let three = try scan("a.py", "class A:\n    KEY = \"\(Self.a)\"  # secretmap:allow: local emulator key\n")
        XCTAssertEqual(verdicts(three), ["2:11 local emulator key"])
        XCTAssertEqual(three.warnings.count, 0)
    }

    func testATrailingAllowCoversOnlyTheNearestLiteralBeforeIt() throws {
        let result = try scan("a.js", """
        class A {
          constructor(a = "\(Self.a)", b = "\(Self.b)") {} // secretmap:allow sandbox emulator key
        }
        """)
        XCTAssertEqual(verdicts(result), ["2:19 -", "2:59 sandbox emulator key"])
        XCTAssertEqual(result.summary.literalsAllowed, 1)
    }

    func testAnAllowOnTheLineAboveCoversOnlyTheFirstLiteralBelow() throws {
        let result = try scan("a.js", """
        class A {
          // secretmap:allow sandbox emulator key
          constructor(a = "\(Self.a)", b = "\(Self.b)") {}
        }
        """)
        XCTAssertEqual(verdicts(result), ["3:19 sandbox emulator key", "3:59 -"])
    }

    func testAnAllowImmediatelyBeforeALiteralCoversThatOneOnly() throws {
        let result = try scan("a.js", """
        class A {
          constructor(a = "\(Self.a)", b = /* secretmap:allow sandbox emulator key */ "\(Self.b)") {}
        }
        """)
        XCTAssertEqual(verdicts(result), ["2:19 -", "2:102 sandbox emulator key"])
    }

    func testAnAllowTwoLinesAboveOrAfterCodeOnTheLineAboveCoversNothing() throws {
        let result = try scan("a.js", """
        class A {
          // secretmap:allow sandbox emulator key

          key = "\(Self.a)";
          other = 1; // secretmap:allow sandbox emulator key
          second = "\(Self.b)";
        }
        """)
        XCTAssertEqual(verdicts(result), ["4:9 -", "6:12 -"])
        XCTAssertEqual(result.warnings.count, 0)
    }
}
