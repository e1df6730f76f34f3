import Foundation
import XCTest
@testable import Stores
import SourceScan

final class ValueFactsTests: XCTestCase {
    /// Value facts come from the rule set the reader is given: a user's issuer (as `--rules` adds)
    /// tells a value read, test mode included; without it the same value has no rule.
    func testValueFactsComeFromTheRunsRules() throws {
        var rules = try RuleSet.builtIn()
        try rules.add(yaml: """
        issuers:
          - id: acme-api-key
            issuer: Acme
            description: Acme API key (made up for this test)
            pattern: '^acme(?:live|test)_[0-9A-Za-z]{20,}$'
            test-pattern: '^acmetest_'
            match: ["acmelive_EXAMPLE0000example1111"]
            no-match: ["acmelive_short"]
        """, fileName: "acme.yaml")
        let value = "acmetest_Wd4Kp9Xz2Lm7Qr5Tn8Vb3Hc6Jf1Gs0"
        let seen = Redactor()
        let facts = ValueReader(fingerprinter: StoreTesting.fingerprinter, rules: rules, seen: seen).facts(value)
        XCTAssertEqual([facts.rule, facts.isTest.map { "\($0)" }, facts.isPublic.map { "\($0)" }, facts.hint], ["acme-api-key", "true", nil, "acm…s0"])
        XCTAssertEqual(facts.fingerprint, StoreTesting.fingerprint(value))
        XCTAssertNil(facts.shape)
        XCTAssertEqual(ValueReader(fingerprinter: StoreTesting.fingerprinter, rules: rules, seen: Redactor())
            .facts("postgres://app:Wd4Kp9Xz2Lm7Qr5Tn8Vb@db/app").shape, .credentialURL)
        XCTAssertEqual(seen.redact("x \(value) y"), "x *** y")
        let builtIn = ValueReader(fingerprinter: StoreTesting.fingerprinter, rules: StoreTesting.rules, seen: Redactor()).facts(value)
        XCTAssertNil(builtIn.rule)
        XCTAssertEqual(ValueReader(fingerprinter: StoreTesting.fingerprinter, rules: rules, seen: Redactor())
            .facts("sk_live_EXAMPLE0000example1111").rule, "stripe-secret-key")
    }
}
