import Foundation
import TestSupport
import XCTest

/// Issue 17, items 3 and 6, as a user sees them: readers in test files come last in the text table
/// and carry `test: true` in JSON; a test's `process.env.X = "…"` is not a reader; and
/// `scan --fail-on literal` passes on a repo whose long constructor literals are names, model ids,
/// hashes and regexes, and fails once a key is added.
final class TestReadersAndLiteralsCLITests: XCTestCase {
    /// Random-looking; no 6-character window of it may reach any output.
    let canary = "Qv7mZ2kP9xLw4tRb8nYc3hJd6fGs5aEu"

    func tree() -> TempTree {
        let tree = TempTree()
        tree.write("repo/src/stripe.ts", "const key = process.env.STRIPE_SECRET_KEY;\n")
        tree.write("repo/src/stripe.test.ts", """
        process.env.STRIPE_SECRET_KEY = "\(canary)";
        const k = process.env.STRIPE_SECRET_KEY;

        """)
        tree.write("repo/src/errors.ts", """
        export class S2RecordTooLargeError extends Error {
          constructor(message: string) {
            super(message);
            this.name = "S2RecordTooLargeError";
          }
        }
        export class Llm {
          model = "claude-3-5-sonnet-20241022";
          commitSha = "11f6ad8ec52a2984abaafd7c3b516503785c2072";
          pattern = "^[a-z0-9_-]{3,16}@[a-z]{2,8}$";
        }

        """)
        return tree
    }

    func assertNoCanary(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        let chars = Array(canary)
        for text in texts {
            for start in 0...(chars.count - 6) {
                let window = String(chars[start..<start + 6])
                XCTAssertFalse(text.contains(window), "canary window \(window) in output", file: file, line: line)
            }
        }
    }

    func testTestReadersComeLastInTextAndAreMarkedInJSON() throws {
        let tree = tree()
        let text = try CLI.run(["scan", "repo"], directory: tree.root)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("""
        Environment variables read by code: 1 names in 2 places
          NAME               READ AT                              LANGUAGE
          STRIPE_SECRET_KEY  repo/src/stripe.ts:1:25              typescript
                             repo/src/stripe.test.ts:2:23 (test)  typescript

        """), text.stdout)

        let json = try CLI.run(["scan", "--format", "json", "repo"], directory: tree.root)
        XCTAssertEqual(json.status, 0, json.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let readers = (doc["readers"] as! [[String: Any]]).map { r in
            "\(r["path"]!):\(r["line"]!) \(r["test"].map { "test=\($0)" } ?? "-")"
        }
        XCTAssertEqual(readers, ["src/stripe.test.ts:2 test=1", "src/stripe.ts:1 -"])
        assertNoCanary([text.stdout, text.stderr, json.stdout, json.stderr])
    }

    func testFailOnLiteralPassesWithoutASecretAndFailsWithOne() throws {
        let tree = tree()
        let clean = try CLI.run(["scan", "--fail-on", "literal", "--format", "json", "repo"], directory: tree.root)
        XCTAssertEqual(clean.status, 0, clean.stdout)
        let doc = try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((doc["literals"] as! [Any]).count, 0)
        XCTAssertEqual((doc["summary"] as! [String: Any])["literalsNotSecretLike"] as? Int, 4)

        tree.write("repo/src/client.ts", "export class Client {\n  token = \"\(canary)\";\n}\n")
        let dirty = try CLI.run(["scan", "--fail-on", "literal", "repo"], directory: tree.root)
        XCTAssertEqual(dirty.status, 1, dirty.stdout)
        XCTAssertTrue(dirty.stdout.contains("repo/src/client.ts:2:11"), dirty.stdout)
        assertNoCanary([clean.stdout, clean.stderr, dirty.stdout, dirty.stderr])
    }
}
