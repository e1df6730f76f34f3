import XCTest
@testable import SourceScan

/// Duplicates are found through 64 bits of each fingerprint first; the grouping must still be
/// by the whole fingerprint.
final class DuplicateTests: XCTestCase {
    func literal(_ fingerprint: String, _ repo: String, _ line: Int) -> Literal {
        Literal(repo: repo, path: "a.ts", line: line, column: 1, length: 30, context: "field-initializer", target: nil,
                fingerprint: fingerprint, hint: "abc…yz", issuer: nil, entropy: 4, secretLike: true, language: "typescript",
                allowReason: nil)
    }

    func testGroupsByTheWholeFingerprint() {
        let same64 = "hmac-sha256:0123456789abcdef"
        let literals = [
            literal(same64 + "0000000000000000", "web", 1),
            literal(same64 + "1111111111111111", "web", 2),   // same first 64 bits, another value
            literal("hmac-sha256:ffffffffffffffff2222222222222222", "api", 3),
            literal(same64 + "0000000000000000", "api", 4),
            literal("hmac-sha256:ffffffffffffffff2222222222222222", "web", 5),
        ]
        let groups = CrossRepo.duplicates(literals)
        XCTAssertEqual(groups.map(\.fingerprint), ["hmac-sha256:ffffffffffffffff2222222222222222", same64 + "0000000000000000"])
        XCTAssertEqual(groups.map { $0.occurrences.map(\.line) }, [[3, 5], [4, 1]])
        XCTAssertEqual(CrossRepo.duplicates(Array(literals.prefix(3))).count, 0)
    }

    func testOtherFingerprintFormsAreGroupedToo() {
        let groups = CrossRepo.duplicates([literal("x", "web", 1), literal("y", "web", 2), literal("x", "api", 3)])
        XCTAssertEqual(groups.map(\.fingerprint), ["x"])
    }
}
