import XCTest
import PCRE
import Report
@testable import SourceScan

/// Every rule's `match` / `no-match` examples, run through the real tokenizer and detectors
/// (as SwiftLint runs its rules' triggering and non-triggering examples).
final class RuleExampleTests: XCTestCase {
    let rules = try! RuleSet.builtIn()

    /// Reader names the full scan pipeline finds in `code`, for one rule only.
    func readerNames(_ rule: ReaderRule, _ code: String, _ family: Language.Family) -> [String] {
        var bytes = Array(code.utf8)
        return bytes.withUnsafeMutableBufferPointer { mbuf in
            let buf = UnsafeBufferPointer(mbuf)
            let lexed = Tokenizers.forFamily(family).tokenize(buf, scratch: LexScratch())
            return ReaderDetector(rules: [rule]).find(in: buf, lexed: lexed, scratch: MatchScratch()) { _ in
                XCTFail("\(rule.id) hit the match limit")
            }.map(\.name)
        }
    }

    func testEveryReaderRuleExample() {
        XCTAssertEqual(rules.readers.count, 26)
        for rule in rules.readers {
            XCTAssertFalse(rule.spec.match.isEmpty, "\(rule.id) has no match example")
            XCTAssertFalse(rule.spec.noMatch.isEmpty, "\(rule.id) has no no-match example")
            for family in rule.families {
                for example in rule.spec.match {
                    XCTAssertEqual(readerNames(rule, example.code, family), example.names, "\(rule.id) on: \(example.code)")
                }
                for code in rule.spec.noMatch {
                    XCTAssertEqual(readerNames(rule, code, family), [], "\(rule.id) must not match: \(code)")
                }
            }
        }
    }

    func testEveryIssuerAndNotSecretExample() throws {
        let scratch = MatchScratch()
        func matches(_ regex: Regex, _ s: String) -> Bool {
            var bytes = Array(s.utf8)
            return bytes.withUnsafeMutableBufferPointer { LiteralClassifier.matches(regex, UnsafeBufferPointer($0), scratch) }
        }
        for rule in rules.issuers {
            XCTAssertFalse(rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty, rule.id)
            for s in rule.spec.match { XCTAssertTrue(matches(rule.regex, s), "\(rule.id) must match \(s)") }
            for s in rule.spec.noMatch { XCTAssertFalse(matches(rule.regex, s), "\(rule.id) must not match \(s)") }
        }
        for rule in rules.names {
            XCTAssertFalse(rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty, rule.id)
            for s in rule.spec.match { XCTAssertTrue(matches(rule.regex, s), "\(rule.id) must match \(s)") }
            for s in rule.spec.noMatch { XCTAssertFalse(matches(rule.regex, s), "\(rule.id) must not match \(s)") }
        }
        for rule in rules.notSecret {
            XCTAssertFalse(rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty, rule.id)
            for s in rule.spec.match { XCTAssertTrue(matches(rule.regex, s), "\(rule.id) must match \(s)") }
            for s in rule.spec.noMatch { XCTAssertFalse(matches(rule.regex, s), "\(rule.id) must not match \(s)") }
        }
    }

    /// Rule files are read with a resolver that knows only booleans: numbers must still decode
    /// from their text, `~` must still be absent, and numbers-as-text stay text.
    func testScalarsDecodeWithTheRuleFileResolver() throws {
        var set = RuleSet()
        try set.add(yaml: """
            issuers:
              - { id: a, issuer: A, description: d, pattern: '^a', public: true, test-pattern: ~, match: [a], no-match: [b] }
              - { id: b, issuer: B, description: d, pattern: '^b', public: false, test-pattern: '2024', match: [b], no-match: [a] }
              - { id: c, issuer: C, description: d, pattern: '^c', public: ~, match: [c], no-match: [a] }
            """, fileName: "issuers.yaml")
        XCTAssertEqual(set.issuers.map(\.isPublic), [true, false, false])
        XCTAssertNil(set.issuers[0].testRegex)
        XCTAssertEqual(set.issuers[1].testRegex?.pattern, "2024")
        try set.add(yaml: "min-length: 24\nmin-entropy: 3.5\nnot-secret: []\n", fileName: "literals.yaml")
        XCTAssertEqual(set.minLength, 24)
        XCTAssertEqual(set.minEntropy, 3.5)
    }

    /// The classes and issuers the PlanB names get: the order of `names:` decides.
    func testNamesGetTheirClassAndIssuer() {
        let cases = [
            "STRIPE_SECRET_KEY": "platform Stripe", "STRIPE_WEBHOOK_SECRET": "platform Stripe",
            "NEXT_PUBLIC_SUPABASE_ANON_KEY": "build-time-public Supabase", "SUPABASE_SERVICE_ROLE_KEY": "platform Supabase",
            "LAMBDA_CALLBACK_TOKEN": "internal-minted -", "UNSUBSCRIBE_TOKEN_SECRET": "internal-minted -",
            "GA4_ID": "config Google", "GA4_API_SECRET": "platform Google", "DATABASE_URL": "platform the database host",
            "SENTRY_DSN": "build-time-public Sentry", "AWS_REGION": "config AWS", "STAGING_E2E_TOKEN": "platform -",
            "PLANB_API_HOME": "config -",
        ]
        for (name, expected) in cases {
            let d = rules.describe(name: name)
            XCTAssertEqual("\(d.secretClass?.rawValue ?? "-") \(d.issuer ?? "-")", expected, name)
        }
    }

    /// A user's name rule gives its class even though it is added after the built-in catch-all
    /// (`fallback: true`), which only speaks when no other rule does.
    func testAUserNameRuleOutranksTheCatchAll() throws {
        var set = try RuleSet.builtIn()
        try set.add(yaml: """
            issuers: []
            names:
              - id: acme
                pattern: '^ACME_'
                class: internal-minted
                match: [ACME_THING]
                no-match: [THING]
            """, fileName: "acme.yaml")
        let acme = set.describe(name: "ACME_THING")
        XCTAssertEqual([acme.secretClass?.rawValue, acme.classRule, "\(acme.classIsFallback)"], ["internal-minted", "acme", "false"])
        let other = set.describe(name: "PLANB_API_HOME")
        XCTAssertEqual([other.secretClass?.rawValue, other.classRule, "\(other.classIsFallback)"], ["config", "config", "true"])
    }

    /// The rules compiled into the binary (DefaultRules.swift, Swift values written by
    /// scripts/embed-rules) are what decoding the files in rules/ gives, field by field: a rule
    /// edited without re-running the script fails here, naming the first field that differs.
    func testBuiltInRulesEqualTheRulesFolder() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(names, DefaultRules.files.map(\.name))
        for (name, builtIn) in DefaultRules.files {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let decoded = try RuleFileContent.decode(text, fileName: "rules/" + name)
            XCTAssertNil(Self.firstDifference(decoded, builtIn, at: name), "differs from the built-in rules: run scripts/embed-rules")
            XCTAssertEqual(decoded == builtIn, true, name)
        }
    }

    /// The comparison above can fail: one keyword changed in readers.yaml is found and named.
    func testAnEditedRuleFileDiffersFromTheBuiltInRules() throws {
        let file = Fixtures.packageRoot.appendingPathComponent("rules/readers.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: #"keywords: ["process.env"]"#, with: #"keywords: ["process.envy"]"#)
        XCTAssertNotEqual(edited, text)
        let decoded = try RuleFileContent.decode(edited, fileName: "rules/readers.yaml")
        let builtIn = try XCTUnwrap(DefaultRules.files.first { $0.name == "readers.yaml" }).content
        XCTAssertNotEqual(decoded, builtIn)
        XCTAssertEqual(Self.firstDifference(decoded, builtIn, at: "readers.yaml"), "readers.yaml.readers.readers[0].keywords[0]")
    }

    /// The generated file is what scripts/embed-rules writes now (not edited by hand, not left
    /// behind by a change to the script).
    func testTheEmbeddedRulesFileIsTheScriptsOutput() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import yaml"]
        try probe.run()
        probe.waitUntilExit()
        try XCTSkipIf(probe.terminationStatus != 0, "python3 with PyYAML (scripts/install-deps) is missing")
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", Fixtures.packageRoot.appendingPathComponent("scripts/embed-rules").path, "--check"]
        let errors = Pipe()
        check.standardError = errors
        try check.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0, message)
    }

    /// The path of the first field where two values differ (by Mirror), nil when none does.
    /// A dictionary's entries are compared in the order of their keys: two equal dictionaries
    /// built differently (decoded, or a literal) may list them in different orders.
    static func firstDifference(_ a: Any, _ b: Any, at path: String) -> String? {
        var left = Array(Mirror(reflecting: a).children), right = Array(Mirror(reflecting: b).children)
        if Mirror(reflecting: a).displayStyle == .dictionary {
            left.sort { "\($0.value)" < "\($1.value)" }
            right.sort { "\($0.value)" < "\($1.value)" }
        }
        if left.isEmpty && right.isEmpty { return "\(a)" == "\(b)" ? nil : path }
        guard left.count == right.count else { return "\(path) (\(left.count) entries against \(right.count))" }
        for (i, (x, y)) in zip(left, right).enumerated() {
            let field = x.label.map { $0 == "some" ? path : "\(path).\($0)" } ?? "\(path)[\(i)]"
            if let difference = firstDifference(x.value, y.value, at: field) { return difference }
        }
        return nil
    }

    func testUserRulesAreAddedAndReplaceBuiltInsById() throws {
        let tree = TempTree()
        tree.write("rules/custom.yaml", """
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
        """)
        tree.write("repo/app.js", "const t = config.get(\"DOPPLER_TOKEN\");\n")
        var set = try RuleSet.builtIn()
        let before = set.readers.count
        try set.addDirectory(tree.path + "/rules")
        XCTAssertEqual(set.readers.count, before + 1)
        let result = ScanEngine(rules: set, fingerprinter: Fixtures.fingerprinter).scan([Root(name: "repo", path: tree.path + "/repo")])
        XCTAssertEqual(result.readers.map(\.line_), ["DOPPLER_TOKEN repo/app.js:1:23"])
    }

    func testABrokenUserPatternNamesTheFileTheRuleAndTheOffset() throws {
        let tree = TempTree()
        tree.write("rules/bad.yaml", """
        readers:
          - id: broken
            description: x
            languages: [python]
            keywords: ["x"]
            pattern: 'env\\[(?<name>'
            match: []
            no-match: []
        """)
        var set = RuleSet()
        XCTAssertThrowsError(try set.addDirectory(tree.path + "/rules")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("bad.yaml: rule 'broken': invalid pattern at offset 13"), text)
        }
    }

    func testARuleThatBacktracksTooMuchIsReportedOnceAndTheScanGoesOn() throws {
        let tree = TempTree()
        tree.write("rules/slow.yaml", """
        readers:
          - id: catastrophic
            description: nested quantifiers
            languages: [javascript]
            keywords: ["aaaa"]
            pattern: '(?<name>(?:a+)+)$'
            match:
              - code: 'x = aaaa'
                names: [aaaa]
            no-match: ['x = bbbb']
        """)
        tree.write("repo/bad.js", "const x = 1; aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n")
        tree.write("repo/good.js", "const y = process.env.STILL_FOUND;\n")
        var set = try RuleSet.builtIn()
        try set.addDirectory(tree.path + "/rules")
        let result = ScanEngine(rules: set, fingerprinter: Fixtures.fingerprinter).scan([Root(name: "repo", path: tree.path + "/repo")])
        XCTAssertEqual(result.warnings.map { "\($0.path): \($0.message)" }, [
            "bad.js: rule 'catastrophic' hit the PCRE2 backtracking limit; its matches in this file may be incomplete",
        ])
        XCTAssertEqual(result.readers.map(\.line_), ["STILL_FOUND repo/good.js:1:23"])
    }

    /// A user rule must carry examples, and they must pass: otherwise `--rules` refuses the file,
    /// naming the rule and the example (the built-in rules' examples are the tests above).
    func testAUserRuleWithoutExamplesOrWithAFailingOneIsRefused() throws {
        let tree = TempTree()
        tree.write("none/r.yaml", """
        readers:
          - { id: no-examples, description: x, languages: [javascript], keywords: ["cfg"], pattern: 'cfg\\.(?<name>[A-Z_]+)', match: [], no-match: [] }
        """)
        tree.write("failing/r.yaml", """
        readers:
          - id: wrong-example
            description: x
            languages: [javascript]
            keywords: ["cfg"]
            pattern: 'cfg\\.(?<name>[A-Z_]+)'
            match:
              - { code: 'cfg.API_KEY', names: [OTHER_KEY] }
            no-match: ['cfg.lower']
        """)
        var set = try RuleSet.builtIn()
        XCTAssertThrowsError(try set.addDirectory(tree.path + "/none")) { error in
            XCTAssertEqual("\(error)", "\(tree.path)/none/r.yaml: rule 'no-examples': needs at least one match and one no-match example")
        }
        XCTAssertThrowsError(try set.addDirectory(tree.path + "/failing")) { error in
            XCTAssertEqual("\(error)", "\(tree.path)/failing/r.yaml: rule 'wrong-example': on `cfg.API_KEY` (javascript) found [\"API_KEY\"], expected [\"OTHER_KEY\"]")
        }
        XCTAssertEqual(try RuleSet.builtIn().exampleFailures(), [], "every built-in example passes through the library runner too")
    }

    /// A `reads` rule (a library reading its own variables) names them in `reads`, says what reads
    /// them in `via`, and has no name group; a user's such rule runs like a built-in one.
    func testAReadsRuleNeedsItsViaAndNoNameGroup() throws {
        let tree = TempTree()
        let rule = { (extra: String, pattern: String) in """
            readers:
              - id: acme-sdk
                description: x
                languages: [javascript]
                keywords: ["AcmeClient"]
                pattern: '\(pattern)'
            \(extra)
                match:
                  - { code: 'const c = new AcmeClient();', names: [ACME_API_KEY] }
                no-match: ['const c = new AcmeClient({ apiKey });']
            """ }
        tree.write("group/r.yaml", rule("    reads: [ACME_API_KEY]\n    via: sdk acme", #"new AcmeClient\((?<name>)\)"#))
        tree.write("novia/r.yaml", rule("    reads: [ACME_API_KEY]", #"new AcmeClient\(\)"#))
        tree.write("good/r.yaml", rule("    reads: [ACME_API_KEY]\n    via: sdk acme", #"new AcmeClient\(\)"#))
        var set = try RuleSet.builtIn()
        XCTAssertThrowsError(try set.addDirectory(tree.path + "/group")) { error in
            XCTAssertEqual("\(error)", "\(tree.path)/group/r.yaml: rule 'acme-sdk': a rule with `reads` names its variables there, not in a group")
        }
        XCTAssertThrowsError(try set.addDirectory(tree.path + "/novia")) { error in
            XCTAssertEqual("\(error)", "\(tree.path)/novia/r.yaml: rule 'acme-sdk': `reads` needs at least one name and a `via` (what reads them)")
        }
        try set.addDirectory(tree.path + "/good")
        tree.write("repo/src/acme.ts", "import { AcmeClient } from \"acme\";\nexport const client = new AcmeClient();\n")
        let result = ScanEngine(rules: set, fingerprinter: Fixtures.fingerprinter).scan([Root(name: "repo", path: tree.path + "/repo")])
        XCTAssertEqual(result.readers.map { "\($0.line_) \($0.rule) \($0.via ?? "-")" }, ["ACME_API_KEY repo/src/acme.ts:2:23 acme-sdk sdk acme"])
    }
}
