import Foundation
import TestSupport
import XCTest

/// `--rules DIR` changes what every command that scans sees, not only `scan`: a reader rule the
/// user adds makes drift, audit and rotate see the code that reads through it.
final class RuleOptionsTests: XCTestCase {
    static let rule = """
    readers:
      - id: js-config-get
        description: "config.get('NAME')"
        languages: [javascript]
        keywords: ["config.get"]
        pattern: '\\bconfig\\.get\\(\\s*"(?<name>[A-Z_]+)"'
        match:
          - code: 'config.get("DOPPLER_TOKEN")'
            names: [DOPPLER_TOKEN]
        no-match: ['config.get(name)']
    """

    func testDriftAuditAndRotateHonourUserRules() throws {
        let tree = TempTree()
        tree.write("rules/custom.yaml", Self.rule)
        tree.write("app/src/doppler.js", "const t = config.get(\"DOPPLER_TOKEN\");\n")
        tree.write("secretmap.yml", "repos:\n  - { name: app, path: app }\nenvironments:\n  production: {}\n")
        let config = tree.path + "/secretmap.yml", rules = tree.path + "/rules"

        let without = try CLI.run(["drift", "--config", config, "--format", "json"])
        XCTAssertEqual(without.status, 0, without.stderr)
        XCTAssertFalse(without.stdout.contains("DOPPLER_TOKEN"), without.stdout)

        let drift = try CLI.run(["drift", "--config", config, "--rules", rules, "--format", "json"])
        XCTAssertEqual(drift.status, 0, drift.stderr)
        XCTAssertTrue(drift.stdout.contains("\"id\" : \"read-undeclared:DOPPLER_TOKEN\""), drift.stdout)

        let rotate = try CLI.run(["rotate", "plan", "DOPPLER_TOKEN", "--config", config, "--rules", rules])
        XCTAssertTrue(rotate.stdout.contains("app/src/doppler.js:1"), rotate.stdout + rotate.stderr)

        let document = tree.path + "/docs/secrets-management.md"
        let audit = try CLI.run(["audit", "--config", config, "--rules", rules, "--output", document])
        XCTAssertEqual(audit.status, 0, audit.stderr)
        XCTAssertTrue(try String(contentsOfFile: document, encoding: .utf8).contains("app/src/doppler.js:1"))
    }

    /// `rules test DIR` lists every failing example and exits 1; with none, 0; `--rules` refuses
    /// the same folder with the first failure.
    func testRulesTestListsFailingExamples() throws {
        let tree = TempTree()
        tree.write("good/custom.yaml", Self.rule)
        tree.write("bad/custom.yaml", Self.rule.replacingOccurrences(of: "names: [DOPPLER_TOKEN]", with: "names: [WRONG]"))
        let good = try CLI.run(["rules", "test", tree.path + "/good"])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertTrue(good.stdout.hasSuffix("(1 from \(tree.path)/good): every example passes\n"), good.stdout)
        let bad = try CLI.run(["rules", "test", tree.path + "/bad"])
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stdout.hasPrefix("rule 'js-config-get': on `config.get(\"DOPPLER_TOKEN\")` (javascript) found [\"DOPPLER_TOKEN\"], expected [\"WRONG\"]\n"), bad.stdout)
        let refused = try CLI.run(["scan", "--rules", tree.path + "/bad", tree.path + "/good"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("rule 'js-config-get': on `config.get"), refused.stderr)
    }

    /// A platform-variables file in a rules folder is checked like the others: a failing example
    /// is listed and exits 1, and its entries are counted among the rules checked.
    func testRulesTestChecksPlatformVariableFiles() throws {
        let tree = TempTree()
        let entry = "platform-variables:\n  - { id: acme, platform: Acme, docs: 'https://acme.example/env', prefixes: [ACME_], match: [ACME_REGION], no-match: [NOT_ACME] }\n"
        tree.write("good/platforms.yaml", entry)
        tree.write("bad/platforms.yaml", entry.replacingOccurrences(of: "no-match: [NOT_ACME]", with: "no-match: [ACME_HOST]"))
        let builtIn = try CLI.run(["rules", "test"])
        let good = try CLI.run(["rules", "test", tree.path + "/good"])
        XCTAssertEqual(good.status, 0, good.stderr)
        let count = { (s: String) in Int(s.prefix { $0.isNumber }) ?? -1 }
        XCTAssertEqual(count(good.stdout), count(builtIn.stdout) + 1, good.stdout)
        let bad = try CLI.run(["rules", "test", tree.path + "/bad"])
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stdout.hasPrefix("rule 'acme': must not match `ACME_HOST`\n"), bad.stdout)
    }
}
