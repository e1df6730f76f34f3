import XCTest
import PCRE
@testable import SourceScan

/// Readers in test files (by the path conventions of rules/tests.yaml) are marked `test`, and
/// assignments to the environment are writes, not reads (issue 17, item 6): on a real repo 12 of
/// one secret's 17 reader paths were tests, and `process.env.X = "…"` in a test's setup was
/// counted as code reading X.
final class TestReaderTests: XCTestCase {
    func scan(_ files: [String: String]) throws -> ScanResult {
        let tree = TempTree()
        for (path, text) in files { tree.write("repo/" + path, text) }
        return try Fixtures.scan([Root(name: "repo", path: tree.path + "/repo")])
    }

    func testReadersInTestFilesAreMarkedAndWritesAreNotReaders() throws {
        let result = try scan([
            "web/src/stripe.ts": "const key = process.env.STRIPE_SECRET_KEY;\n",
            "web/src/latest/feed.ts": "const a = process.env.FEED_TOKEN;\n",
            "web/src/stripe.test.ts": """
            process.env.STRIPE_SECRET_KEY = "sk_test_x";
            process.env["STRIPE_WEBHOOK_SECRET"] = "whsec_x";
            delete process.env.STRIPE_PRICE_ID;
            if (process.env.STRIPE_SECRET_KEY === "sk_test_x") {}
            const k = process.env.STRIPE_SECRET_KEY;

            """,
            "web/__tests__/setup.ts": "const t = process.env.ONLY_IN_TESTS;\n",
            "web/e2e/login.spec.tsx": "const u = process.env.E2E_USER;\n",
            "web/test/helpers.js": "const v = process.env.HELPER_TOKEN;\n",
            "api/app/hmac.py": "import os\nkey = os.environ[\"HMAC_SECRET\"]\n",
            "api/app/hmac_test.py": "import os\nkey = os.getenv(\"HMAC_SECRET\")\n",
            "api/app/testing_utils.py": "import os\nkey = os.getenv(\"TESTING_TOKEN\")\n",
            "api/tests/test_hmac.py": """
            import os
            os.environ["HMAC_SECRET"] = "x"
            del os.environ["HMAC_OLD_SECRET"]
            assert os.environ["HMAC_SECRET"] == "x"

            """,
            "api/conftest.py": "import os\nos.environ.setdefault(\"DJANGO_SETTINGS\", \"t\")\n",
            "Sources/App/Config.swift": "let k = ProcessInfo.processInfo.environment[\"APNS_KEY_ID\"]\n",
            "Tests/AppTests/ConfigTests.swift": "let k = ProcessInfo.processInfo.environment[\"APNS_KEY_ID\"]\n",
        ])
        XCTAssertEqual(result.readers.map { $0.line_ + ($0.test == true ? " test" : "") }, [
            "APNS_KEY_ID repo/Sources/App/Config.swift:1:46",
            "APNS_KEY_ID repo/Tests/AppTests/ConfigTests.swift:1:46 test",
            "HMAC_SECRET repo/api/app/hmac.py:2:19",
            "HMAC_SECRET repo/api/app/hmac_test.py:2:18 test",
            "TESTING_TOKEN repo/api/app/testing_utils.py:2:18",
            "DJANGO_SETTINGS repo/api/conftest.py:2:24 test",
            "HMAC_SECRET repo/api/tests/test_hmac.py:4:20 test",
            "ONLY_IN_TESTS repo/web/__tests__/setup.ts:1:23 test",
            "E2E_USER repo/web/e2e/login.spec.tsx:1:23 test",
            "FEED_TOKEN repo/web/src/latest/feed.ts:1:23",
            "STRIPE_SECRET_KEY repo/web/src/stripe.test.ts:4:17 test",
            "STRIPE_SECRET_KEY repo/web/src/stripe.test.ts:5:23 test",
            "STRIPE_SECRET_KEY repo/web/src/stripe.ts:1:25",
            "HELPER_TOKEN repo/web/test/helpers.js:1:23 test",
        ])
    }

    /// Every test-path rule's examples: paths it must and must not call tests.
    func testEveryTestPathRuleExample() throws {
        let rules = try RuleSet.builtIn()
        XCTAssertEqual(rules.testPaths.map(\.id), ["js-test-files", "python-test-files", "swift-test-files"])
        let scratch = MatchScratch()
        for rule in rules.testPaths {
            XCTAssertFalse(rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty, rule.id)
            for path in rule.spec.match { XCTAssertTrue(rule.matches(path, scratch), "\(rule.id) must match \(path)") }
            for path in rule.spec.noMatch { XCTAssertFalse(rule.matches(path, scratch), "\(rule.id) must not match \(path)") }
        }
        XCTAssertEqual(rules.exampleFailures(), [])
    }

    /// A rule's `words` only spare the pattern on paths it cannot match: with them, each built-in
    /// rule gives the pattern's own answer on its examples and on paths that hold a word but are
    /// not tests, and on the paths of a tree without tests.
    func testTestPathWordsGiveThePatternsAnswers() throws {
        let rules = try RuleSet.builtIn()
        let scratch = MatchScratch()
        var paths = ["src/pkg3/mod9/file12972.ts", "src/testing/x.py", "web/latest/feed.ts", "Sources/Testing/H.swift",
                     "a/contest.py", "a/conftest.py", "x/specs/y.ts", "x/y.cy.tsx", "x/cypress.config.ts", "AppTests/A.swift",
                     "api/tests", "web/e2e.ts", "web/foo.e2e.js", "pkg/__mocks__/fs.js", "pkg/playwright/a.ts"]
        for rule in rules.testPaths { paths += rule.spec.match + rule.spec.noMatch }
        for rule in rules.testPaths {
            XCTAssertFalse(rule.words.isEmpty, rule.id)
            for path in paths {
                XCTAssertEqual(rule.matches(path, scratch), Array(path.utf8).withUnsafeBufferPointer { LiteralClassifier.matches(rule.regex, $0, scratch) },
                               "\(rule.id) on \(path)")
            }
        }
    }

    /// `words` that miss a path the pattern matches are caught by the rule's own examples.
    func testWordsThatMissAMatchExampleFailTheExamples() throws {
        var rules = RuleSet()
        _ = try rules.add(yaml: """
        test-paths:
          - id: narrow-words
            description: tests
            languages: [javascript]
            pattern: '(?:^|/)tests?/'
            words: [tests]
            match: [web/test/a.js]
            no-match: [web/src/a.js]

        """, fileName: "narrow.yaml")
        XCTAssertEqual(rules.exampleFailures().map(\.problem), ["must match `web/test/a.js`"])
    }
}
