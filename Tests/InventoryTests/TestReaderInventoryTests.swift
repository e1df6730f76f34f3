import XCTest
import SourceScan
@testable import Inventory

/// Readers in test files in the inventory (issue 17, item 6): listed after the code's readers, not
/// enough for read-undeclared, folded in the drift summary ("and 2 tests").
final class TestReaderInventoryTests: XCTestCase {
    func testTestReadersComeLastAndAreFoldedInTheSummary() {
        let system = DriftExample(expected: []) {
            $0.readers = [DriftExample.read("HMAC_SECRET", "api/tests/test_hmac.py:4", test: true),
                          DriftExample.read("HMAC_SECRET", "api/src/hmac.py:4"),
                          DriftExample.read("HMAC_SECRET", "api/tests/conftest.py:2", test: true)]
        }
        let findings = system.findings().filter { $0.rule == .readUndeclared }
        XCTAssertEqual(findings.map(\.summary), [
            "HMAC_SECRET is read at api/src/hmac.py:4 and 2 tests but declared nowhere (no .env.example, contract or schema)",
        ])
        XCTAssertEqual(findings.map(\.evidence), [["api/src/hmac.py:4"]])
    }

    func testANameOnlyTestsReadIsNotReadUndeclared() {
        let system = DriftExample(expected: []) {
            $0.readers = [DriftExample.read("HMAC_SECRET", "api/tests/test_hmac.py:4", test: true)]
        }
        XCTAssertEqual(system.lines(of: .readUndeclared), [])
    }
}
