import XCTest
@testable import Inventory
@testable import Report

/// The audit's reader column with readers in test files (issue 17, item 6): the code's places,
/// then the tests folded; only tests, each marked.
final class TestReaderReportTests: XCTestCase {
    func place(_ path: String, _ line: Int, test: Bool = false) -> SecretRecord.Place {
        SecretRecord.Place(repo: "api", path: path, line: line, test: test ? true : nil)
    }

    func testTheReaderColumnFoldsTests() {
        XCTAssertEqual(AuditDocument.readerCell([place("src/hmac.py", 4), place("tests/test_hmac.py", 4, test: true),
                                                 place("tests/conftest.py", 2, test: true)]),
                       ["api/src/hmac.py:4", "and 2 tests"])
        XCTAssertEqual(AuditDocument.readerCell([place("src/hmac.py", 4), place("tests/test_hmac.py", 4, test: true)]),
                       ["api/src/hmac.py:4", "and 1 test"])
        XCTAssertEqual(AuditDocument.readerCell([place("tests/test_hmac.py", 4, test: true)]), ["api/tests/test_hmac.py:4 (test)"])
        XCTAssertEqual(AuditDocument.readerCell([place("src/hmac.py", 4)]), ["api/src/hmac.py:4"])
    }
}
