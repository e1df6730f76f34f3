import Foundation
import XCTest
@testable import Inventory

/// The mint rules' examples, and what the minter makes of each format: its length, its alphabet,
/// and a new value each time.
final class MintRuleTests: XCTestCase {
    func testEveryRuleMatchesItsExamplesAndNotItsCounterExamples() {
        for rule in MintRules.all {
            for name in rule.match {
                XCTAssertTrue(rule.matches(name), "\(rule.id) should match \(name)")
                XCTAssertEqual(MintRules.format(for: name).rule, rule.id, "\(name) is taken by an earlier rule")
            }
            for name in rule.noMatch { XCTAssertFalse(rule.matches(name), "\(rule.id) should not match \(name)") }
        }
        XCTAssertEqual(MintRules.format(for: "SESSION_KEY").rule, "default")
    }

    func testFormatsGiveTheirLengthAndAlphabet() {
        let hex = Minter.mint(MintFormat(bytes: 32, encoding: .hex))
        hex.withUnredactedText { text in
            XCTAssertEqual(text.count, 64)
            XCTAssertTrue(text.allSatisfy { "0123456789abcdef".contains($0) })
        }
        let token = Minter.mint(MintFormat(bytes: 24, encoding: .base64url))
        token.withUnredactedText { text in
            XCTAssertEqual(text.count, 32)
            XCTAssertTrue(text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, text)
        }
        // 32 bytes: 43 characters, no padding.
        Minter.mint(MintFormat(bytes: 32, encoding: .base64url)).withUnredactedText { XCTAssertEqual($0.count, 43) }
        XCTAssertEqual("\(hex)", "<secret value>")
    }

    func testBase64urlMatchesFoundationsEncoding() {
        var rng = FixedBytes()
        let value = Minter.mint(MintFormat(bytes: 32, encoding: .base64url), using: &rng)
        let expected = Data((0..<32).map { UInt8($0 * 7 & 0xff) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        value.withUnredactedText { XCTAssertEqual($0, expected) }
    }

    func testTwoMintsDiffer() {
        let a = Minter.mint(MintRules.fallback), b = Minter.mint(MintRules.fallback)
        a.withUnredactedText { x in b.withUnredactedText { y in XCTAssertNotEqual(x, y) } }
    }
}

/// Bytes 0, 7, 14… in order: to compare the encoder with Foundation's.
private struct FixedBytes: RandomNumberGenerator {
    var n = 0
    mutating func next() -> UInt64 {
        var word: UInt64 = 0
        for k in 0..<8 { word |= UInt64(UInt8((n + k) * 7 & 0xff)) << (8 * k) }
        n += 8
        return word
    }
}
