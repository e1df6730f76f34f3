import Foundation
import TestSupport
import XCTest
@testable import Inventory

/// Every drift rule's own examples, SwiftLint-style: a triggering example must give exactly the
/// findings it lists for that rule, a non-triggering one none. Adding a rule adds its examples
/// here without touching this file.
final class DriftRuleExampleTests: XCTestCase {
    func testEveryRulesExamples() {
        for (rule, examples) in DriftRules.examples {
            XCTAssertTrue(examples.contains { !$0.expected.isEmpty }, "\(rule) has no triggering example")
            XCTAssertTrue(examples.contains { $0.expected.isEmpty }, "\(rule) has no non-triggering example")
            for (i, example) in examples.enumerated() {
                XCTAssertEqual(example.lines(of: rule), example.expected, "\(rule) example \(i + 1)")
            }
        }
    }

    func testEveryRuleIsRunOnceAndDescribedOnce() {
        XCTAssertEqual(DriftRules.descriptions.map(\.id).sorted { $0.rawValue < $1.rawValue },
                       DriftRuleID.allCases.sorted { $0.rawValue < $1.rawValue })
    }

    /// The order that decides which rule reports a missing secret: the deploy contract, then
    /// parity, then .env.example.
    func testTheClaimOrderIsContractThenParityThenEnvExample() {
        let ids = DriftRules.descriptions.map(\.id)
        let contract = ids.firstIndex(of: .contractMissing)!, parity = ids.firstIndex(of: .parityMissing)!
        let example = ids.firstIndex(of: .envExampleMissing)!
        XCTAssertLessThan(contract, parity)
        XCTAssertLessThan(parity, example)
        // The three report one missing fact once: a secret missing everywhere it is promised.
        let system = DriftExample(expected: []) {
            $0.readers = [DriftExample.read("WEBHOOK_SIGNING_SECRET")]
            $0.declarations = [DriftExample.contract("WEBHOOK_SIGNING_SECRET", "/s/WEBHOOK_SIGNING_SECRET"),
                               DriftExample.declare("WEBHOOK_SIGNING_SECRET", .envExample, "web/.env.example:1")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("WEBHOOK_SIGNING_SECRET", nil)]), DriftExample.ssm("staging", "/s/", [])]
        }
        XCTAssertEqual(system.findings().filter { $0.environment == "staging" }.map(\.rule), [.contractMissing])
    }

    /// docs/drift.md's table is the descriptions' table, and `drift --help` lists every rule.
    func testTheDocsTableIsMadeFromTheDescriptions() throws {
        let docs = try String(contentsOf: FixturePaths.packageRoot.appendingPathComponent("docs/drift.md"), encoding: .utf8)
        XCTAssertTrue(docs.contains(DriftRules.markdownTable + "\n"),
                      "docs/drift.md's table differs from the rule descriptions; replace it with:\n\(DriftRules.markdownTable)")
        for rule in DriftRuleID.allCases { XCTAssertTrue(DriftRules.helpList.contains("  \(rule.rawValue) "), "\(rule) missing from --help") }
        XCTAssertTrue(DriftRules.helpList.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }
}
