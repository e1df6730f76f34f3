import Foundation
import TestSupport
import XCTest

/// Issue 17 item 2 as a user sees it: a hard-coded default of an environment variable in code is
/// reported in every format (context `env-default`, the variable as target, hint, placeholder);
/// `scan --fail-on literal` fails on a secret-like default and never on a placeholder; a baseline
/// accepts a default by fingerprint as any other literal; the value itself reaches no output.
final class EnvDefaultCLITests: XCTestCase {
    /// Random-looking; no 6-character window of it may reach any output or written file.
    let canary = "Wd4nQ8zLk2Rv7Tc5Xm9Bh3Jf6Gp1Ys0Ae"

    func placeholderOnly(_ tree: TempTree) {
        tree.write("repo/app/settings.py", """
        import os

        DATABASE_URL = os.getenv("DATABASE_URL", "postgres://app:app@db:5432/app")

        """)
    }

    func withSecret(_ tree: TempTree) {
        placeholderOnly(tree)
        tree.write("repo/src/stripe.ts", "export const key = process.env.STRIPE_SECRET_KEY || \"\(canary)\";\n")
    }

    func assertNoCanary(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        Script.assertNoCanary([canary], in: texts.joined(separator: "\n"), "the output", file: file, line: line)
    }

    func testAPlaceholderDefaultPassesTheGateAndASecretLikeOneFailsIt() throws {
        let tree = TempTree()
        placeholderOnly(tree)
        let clean = try CLI.run(["scan", "--fail-on", "literal", "repo"], directory: tree.root)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertTrue(clean.stdout.contains("repo/app/settings.py:3:42  env-default (placeholder)  DATABASE_URL  30"), clean.stdout)

        withSecret(tree)
        let dirty = try CLI.run(["scan", "--fail-on", "literal", "repo"], directory: tree.root)
        XCTAssertEqual(dirty.status, 1, dirty.stdout + dirty.stderr)
        XCTAssertTrue(dirty.stdout.contains("repo/src/stripe.ts:1:53    env-default                STRIPE_SECRET_KEY  33      Wd4…Ae"),
                      dirty.stdout)
        assertNoCanary([clean.stdout, clean.stderr, dirty.stdout, dirty.stderr])
    }

    func testJSONSARIFAndMarkdownShowTheDefault() throws {
        let tree = TempTree()
        withSecret(tree)
        let json = try CLI.run(["scan", "--format", "json", "repo"], directory: tree.root)
        XCTAssertEqual(json.status, 0, json.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let literals = (doc["literals"] as! [[String: Any]]).map { l in
            "\(l["path"]!):\(l["line"]!):\(l["column"]!) \(l["context"]!) \(l["target"]!) \(l["hint"]!) "
                + "secretLike=\(l["secretLike"]!) placeholder=\(l["placeholder"]!)"
        }
        XCTAssertEqual(literals, [
            "app/settings.py:3:42 env-default DATABASE_URL pos…pp secretLike=0 placeholder=1",
            "src/stripe.ts:1:53 env-default STRIPE_SECRET_KEY Wd4…Ae secretLike=1 placeholder=0",
        ])

        let sarif = try CLI.run(["scan", "--format", "sarif", "repo"], directory: tree.root)
        XCTAssertEqual(sarif.status, 0, sarif.stderr)
        let runs = (try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as! [String: Any])["runs"] as! [[String: Any]]
        let messages = runs.flatMap { ($0["results"] as! [[String: Any]]).map { ($0["message"] as! [String: Any])["text"] as! String } }
        XCTAssertEqual(messages.count, 1, "a placeholder is not a result")
        XCTAssertTrue(messages[0].hasPrefix("Hard-coded secret-like literal (33 characters, Wd4…Ae, hmac-sha256:"), messages[0])
        XCTAssertTrue(messages[0].hasSuffix(") as env-default of STRIPE_SECRET_KEY."), messages[0])

        let markdown = try CLI.run(["scan", "--format", "markdown", "repo"], directory: tree.root)
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        XCTAssertTrue(markdown.stdout.contains("| repo/app/settings.py:3:42 | env-default (placeholder) | DATABASE_URL | 30 |"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("| repo/src/stripe.ts:1:53 | env-default | STRIPE_SECRET_KEY | 33 | Wd4…Ae |"), markdown.stdout)
        assertNoCanary([json.stdout, json.stderr, sarif.stdout, sarif.stderr, markdown.stdout, markdown.stderr])
    }

    func testABaselineAcceptsADefaultByFingerprint() throws {
        let tree = TempTree()
        withSecret(tree)
        let baseline = tree.root.appendingPathComponent("baseline.json").path
        let created = try CLI.run(["baseline", "create", "--output", baseline, "repo"], directory: tree.root)
        XCTAssertEqual(created.status, 0, created.stderr)
        let gated = try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", "repo"], directory: tree.root)
        XCTAssertEqual(gated.status, 0, gated.stdout + gated.stderr)
        XCTAssertTrue(gated.stderr.contains("baseline: 0 new, 2 accepted, 0 resolved"), gated.stderr)

        // Another default value for the same variable is a new literal.
        tree.write("repo/src/stripe.ts", "export const key = process.env.STRIPE_SECRET_KEY || \"Hn5\(canary.dropFirst(3))\";\n")
        let changed = try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", "repo"], directory: tree.root)
        XCTAssertEqual(changed.status, 1, changed.stdout + changed.stderr)
        XCTAssertTrue(changed.stderr.contains("baseline: 1 new, 1 accepted, 1 resolved"), changed.stderr)
        let written = try String(contentsOfFile: baseline, encoding: .utf8)
        XCTAssertTrue(written.contains("\"context\" : \"env-default\""), written)
        assertNoCanary([created.stdout, created.stderr, gated.stdout, gated.stderr, changed.stdout, changed.stderr, written])
    }
}
