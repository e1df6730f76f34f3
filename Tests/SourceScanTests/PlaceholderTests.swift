import XCTest
@testable import SourceScan

/// The placeholder rules (rules/literals.yaml `placeholders:`) and the measuring of a hard-coded
/// default: what a compose, script, Dockerfile or code default is reported as.
final class PlaceholderTests: XCTestCase {
    let rules = try! RuleSet.builtIn()

    func testObviousPlaceholdersAreMarkedByTheirRule() {
        let cases: [(String, String?)] = [
            ("", "empty"), ("changeme", "change-me"), ("CHANGE_ME_IN_PRODUCTION", "change-me"), ("xxxxxxxx", "filler"),
            ("***", "filler"), ("<your-api-key>", "angle-brackets"), ("your_secret_here", "your-value"), ("example", "placeholder-words"),
            ("placeholder", "placeholder-words"), ("secret", "placeholder-words"), ("password", "placeholder-words"), ("test", "placeholder-words"),
            ("dummy", "placeholder-words"), ("${SECRET_KEY}", "interpolation"), ("http://localhost:8080", "local-url"),
            ("postgres://postgres:postgres@localhost:5432/app", "local-url"), ("postgres://app:app@db/app", "local-url"),
            ("redis://redis:6379", "local-url"), ("http://minio:9000", "local-url"), ("app:app@db", "local-url"),
            ("admin:admin@10.0.0.5:5432", "same-user-and-password"),
            ("minioadmin", "placeholder-words"), ("mysecret", "placeholder-words"), ("clickhouse", "placeholder-words"), ("django-insecure-q8Zr2VxN4kLmP0aT7yWcE5sB", "django-insecure"),
            // Real-looking values are not placeholders.
            ("q8Zr2VxN4kLmP0aT7yWcE5sB", nil), ("postgres://app:Zq8v2LmX4pN7@db.internal:5432/app", nil), ("https://api.stripe.com", nil),
            ("us-east-1", nil), ("3000", nil), ("true", nil),
        ]
        for (value, rule) in cases {
            XCTAssertEqual(rules.placeholderRule(value), rule, value)
            XCTAssertEqual(rules.isPlaceholder(value), rule != nil, value)
        }
    }

    func testEveryPlaceholderRuleHasPassingExamples() {
        XCTAssertEqual(rules.placeholders.count, 13)
        let ids = Set(rules.placeholders.map(\.id))
        XCTAssertEqual(rules.exampleFailures(of: ids), [])
        for rule in rules.placeholders {
            XCTAssertFalse(rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty, rule.id)
        }
    }

    /// A user's placeholder rule with a failing example is refused, as every other rule.
    func testAUserPlaceholderRuleIsCheckedByItsExamples() throws {
        var set = RuleSet()
        try set.add(yaml: """
            min-length: 20
            min-entropy: 3.0
            not-secret: []
            placeholders:
              - { id: acme-dev, description: d, pattern: '^acme-dev-', match: ['acme-dev-key'], no-match: ['acme-dev-key', 'prod'] }
            """, fileName: "literals.yaml")
        XCTAssertEqual(set.exampleFailures(), [RuleExampleFailure(rule: "acme-dev", problem: "must not match `acme-dev-key`")])
        XCTAssertTrue(set.isPlaceholder("acme-dev-123"))
    }

    /// A default is measured as the scan measures a literal, tied to its variable; short values
    /// are still fingerprinted (a store holding `changeme` must be found) and never secret-like.
    func testADefaultIsMeasuredAndTiedToItsName() {
        let fingerprinter = Fingerprinter(key: "placeholder-tests")
        let measure = EnvironmentDefaults(rules: rules, fingerprinter: fingerprinter)
        let random = "Kq7Zp2Lw9Xv4Nc8Rt3Bm6Yh1Jd5Fg0Qs"
        let l = measure.literal(random, name: "SESSION_SECRET", context: .composeDefault, repo: "r", path: "docker-compose.yml", line: 4,
                                column: 30, language: "compose")
        XCTAssertEqual([l.target, l.context, l.hint, l.fingerprint, l.language], ["SESSION_SECRET", "compose-default", "Kq7…Qs",
                                                                                  fingerprinter.fingerprint(random), "compose"])
        XCTAssertEqual([l.line, l.column, l.length], [4, 30, 32])
        XCTAssertEqual(l.secretLike, true)
        XCTAssertEqual(l.placeholder, false)
        XCTAssertNil(l.issuer)

        let p = measure.literal("changeme", name: "SESSION_SECRET", context: .shellDefault, repo: "r", path: "s.sh", line: 1, language: "shell")
        XCTAssertEqual([p.hint, p.fingerprint], ["cha…me", fingerprinter.fingerprint("changeme")])
        XCTAssertEqual([p.secretLike, p.placeholder], [false, true])

        let stripe = measure.literal("sk_live_" + random, name: "STRIPE_SECRET_KEY", context: .dockerfileEnv, repo: "r", path: "Dockerfile",
                                     line: 2, language: "dockerfile")
        XCTAssertEqual(stripe.issuer, "Stripe")
        XCTAssertEqual(stripe.secretLike, true)
        // A placeholder with an issuer's prefix is still a placeholder, not a secret.
        let filler = measure.literal("sk_live_xxxxxxxxxxxxxxxx", name: "STRIPE_SECRET_KEY", context: .dockerfileEnv, repo: "r", path: "Dockerfile",
                                     line: 3, language: "dockerfile")
        XCTAssertEqual([filler.secretLike, filler.placeholder], [false, true])
    }
}
