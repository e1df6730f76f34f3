import XCTest
@testable import Declarations
@testable import Inventory
@testable import SourceScan
@testable import Stores

/// Each drift rule on a small made-up system: the exact findings, and what must stay quiet.
final class DriftRuleTests: XCTestCase {

    struct System {
        var readers: [Reader] = []
        var literals: [Literal] = []
        var declarations: [Declaration] = []
        var listings: [StoreListing] = []
        var environments = ["production", "staging"]
        var takenAt = "2026-11-27T00:00:00Z"
    }

    // The building blocks and the run are the rules' own examples' (DriftExample): one way to
    // make a small system, whether a rule's example or a test across rules.
    func read(_ name: String, _ at: String = "web/src/a.ts:1") -> Reader { DriftExample.read(name, at) }

    func declare(_ name: String, _ kind: Declaration.Kind, _ at: String, _ configure: (inout Declaration) -> Void = { _ in }) -> Declaration {
        DriftExample.declare(name, kind, at, configure)
    }

    func ssm(_ env: String, _ prefix: String, _ entries: [(String, String?)], modified: String = "2026-11-01T00:00:00Z", complete: Bool = true) -> StoreListing {
        DriftExample.ssm(env, prefix, entries, modified: modified, complete: complete)
    }

    /// Every rule's findings on the system, across rules (a rule's own examples see only its own).
    func drift(_ system: System) -> [String] {
        let example = DriftExample(expected: []) {
            $0.readers = system.readers; $0.literals = system.literals; $0.declarations = system.declarations
            $0.listings = system.listings; $0.environments = system.environments; $0.takenAt = system.takenAt
        }
        return example.findings().map { "\($0.severity.rawValue) \($0.name) \($0.environment ?? "-") \($0.rule) \($0.owner)" }
    }

    func testContractMissingIsHighAndClaimsTheMissingFact() {
        var s = System()
        s.readers = [read("WEBHOOK_SIGNING_SECRET")]
        s.declarations = [declare("WEBHOOK_SIGNING_SECRET", .taskDefinitionSecret, "web/taskdef.json:4") { $0.store = .ssm; $0.storePath = "/p/WEBHOOK_SIGNING_SECRET" },
                          declare("WEBHOOK_SIGNING_SECRET", .envExample, "web/.env.example:1")]
        s.listings = [ssm("production", "/p/", []), ssm("staging", "/s/", [("WEBHOOK_SIGNING_SECRET", nil)])]
        XCTAssertEqual(drift(s), ["High WEBHOOK_SIGNING_SECRET production contract-missing unassigned"])
    }

    func testAnUnreadableStoreIsUnknownNeverMissing() {
        var s = System()
        s.readers = [read("WEBHOOK_SIGNING_SECRET")]
        s.declarations = [declare("WEBHOOK_SIGNING_SECRET", .taskDefinitionSecret, "web/taskdef.json:4") { $0.store = .ssm; $0.storePath = "/p/WEBHOOK_SIGNING_SECRET" },
                          declare("WEBHOOK_SIGNING_SECRET", .envExample, "web/.env.example:1")]
        s.listings = [ssm("production", "/p/", [], complete: false), ssm("staging", "/s/", [("WEBHOOK_SIGNING_SECRET", nil)])]
        XCTAssertEqual(drift(s), [])
    }

    func testParityNamesTheReaderAndEnvExampleWorksBothWays() {
        var s = System()
        s.readers = [read("SESSION_SECRET", "web/src/session.ts:3"), read("CRON_TOKEN", "web/src/cron.ts:2")]
        s.declarations = [declare("SESSION_SECRET", .envExample, "web/.env.example:1"), declare("OLD_WEBHOOK_SECRET", .envExample, "web/.env.example:2"),
                          declare("CRON_TOKEN", .taskDefinitionSecret, "web/taskdef.json:3") { $0.store = .ssm; $0.storePath = "/p/CRON_TOKEN" }]
        s.listings = [ssm("production", "/p/", [("SESSION_SECRET", nil), ("CRON_TOKEN", nil), ("OLD_WEBHOOK_SECRET", nil)]),
                      ssm("staging", "/s/", [("CRON_TOKEN", nil)])]
        XCTAssertEqual(drift(s), [
            "High SESSION_SECRET staging parity-missing unassigned",
            "Medium OLD_WEBHOOK_SECRET staging parity-missing unassigned",
            "Low CRON_TOKEN - env-example-absent unassigned",
            "Low OLD_WEBHOOK_SECRET - declared-unread unassigned",
        ])
    }

    func testWorkflowSecretsAgainstGitHub() {
        var s = System()
        s.declarations = [declare("NPM_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:9"),
                          declare("DEPLOY_KEY", .workflowSecret, "web/.github/workflows/ci.yml:20") { $0.environment = "production" },
                          declare("GITHUB_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:30")]
        var repo = StoreListing(kind: .github, location: "acme/web")
        repo.secrets = [StoredSecret(name: "OLD_SLACK_TOKEN", path: "acme/web/OLD_SLACK_TOKEN")]
        var prod = StoreListing(kind: .github, location: "acme/web@production", environment: "production")
        prod.secrets = [StoredSecret(name: "DEPLOY_KEY", path: "acme/web@production/DEPLOY_KEY")]
        s.listings = [repo, prod]
        XCTAssertEqual(drift(s), [
            "High NPM_TOKEN - workflow-secret-missing unassigned",
            "Low OLD_SLACK_TOKEN - github-secret-unreferenced unassigned",
        ])
    }

    func testReadButDeclaredNowhereAndStoredButUnused() {
        var s = System()
        s.readers = [read("HMAC_SECRET", "api/src/hmac.py:4"), read("APP_URL")]
        s.listings = [ssm("production", "/p/", [("LEGACY_API_KEY", nil)]), ssm("staging", "/s/", [])]
        XCTAssertEqual(drift(s), [
            "Medium HMAC_SECRET - read-undeclared unassigned",
            "Low LEGACY_API_KEY - stored-unused unassigned",
        ])
        s.listings[0].secrets = []
        s.declarations = [declare("HMAC_SECRET", .envExample, "api/.env.example:1")]
        s.listings[1].secrets = [StoredSecret(name: "HMAC_SECRET", path: "/s/HMAC_SECRET")]
        XCTAssertEqual(drift(s), ["Medium HMAC_SECRET production env-example-missing unassigned"])
    }

    func testValueRules() {
        var s = System()
        s.readers = ["STRIPE_SECRET_KEY", "SESSION_SECRET", "COOKIE_SECRET", "NEXT_PUBLIC_STRIPE_KEY"].map { read($0) }
        s.declarations = s.readers.map { declare($0.name, .envExample, "web/.env.example:1") }
        var prod = ssm("production", "/p/", [("STRIPE_SECRET_KEY", "f-test"), ("SESSION_SECRET", "f-shared"), ("COOKIE_SECRET", "f-shared"),
                                              ("NEXT_PUBLIC_STRIPE_KEY", "f-public")])
        prod.secrets[0].valueRule = "stripe-secret-key"; prod.secrets[0].valueIsTest = true
        prod.secrets[3].valueRule = "stripe-secret-key"
        let staging = ssm("staging", "/s/", [("STRIPE_SECRET_KEY", "f-stage"), ("SESSION_SECRET", "f-shared"), ("COOKIE_SECRET", "f-cookie"),
                                              ("NEXT_PUBLIC_STRIPE_KEY", "f-public-2")])
        s.listings = [prod, staging]
        XCTAssertEqual(drift(s).filter { !$0.contains("issuer-rotation-unknown") }, [
            "High NEXT_PUBLIC_STRIPE_KEY production secret-in-public-variable unassigned",
            "High SESSION_SECRET staging value-shared-with-production unassigned",
            "High STRIPE_SECRET_KEY production test-key-in-production payments",
            "Medium COOKIE_SECRET - value-reused unassigned",
        ])
    }

    func testLiteralEqualToAStoredValue() {
        var s = System()
        s.readers = [read("CALLBACK_TOKEN")]
        s.declarations = [declare("CALLBACK_TOKEN", .envExample, "web/.env.example:1")]
        s.literals = [Literal(repo: "lambda", path: "index.js", line: 9, column: 5, length: 40, context: "constructor-default", target: "token",
                              fingerprint: "f-cb", hint: "abc…yz", issuer: nil, entropy: 4.5, secretLike: true, language: "javascript")]
        s.listings = [ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")]), ssm("staging", "/s/", [("CALLBACK_TOKEN", "f-cb2")])]
        XCTAssertEqual(drift(s), ["High CALLBACK_TOKEN - literal-equals-stored unassigned"])
    }

    func testAgesAndTenants() {
        var s = System()
        s.readers = [read("STRIPE_SECRET_KEY"), read("POSTMARK_SERVER_TOKEN")]
        s.declarations = s.readers.map { declare($0.name, .envExample, "web/.env.example:1") }
        s.listings = [ssm("production", "/p/", [("STRIPE_SECRET_KEY", nil)], modified: "2025-06-01T00:00:00Z"),
                      ssm("staging", "/s/", [("STRIPE_SECRET_KEY", nil)]),
                      ssm("production", "/p2/", [("POSTMARK_SERVER_TOKEN", nil)]), ssm("staging", "/s2/", [("POSTMARK_SERVER_TOKEN", nil)])]
        var tenants = StoreListing(kind: .postgres, location: "postgres:DB")
        tenants.tenantSecrets = [TenantSecretSummary(name: "BUBBLE_API_TOKEN", tenants: 3, oldestUpdate: nil, newestUpdate: nil,
                                                     olderThan90Days: 2, olderThan180Days: 1, olderThan365Days: 0)]
        s.listings.append(tenants)
        XCTAssertEqual(drift(s), [
            "Medium STRIPE_SECRET_KEY - stale payments",
            "Low BUBBLE_API_TOKEN - tenant-secrets-stale unassigned",
            "Low POSTMARK_SERVER_TOKEN - issuer-rotation-unknown unassigned",
        ])
    }
}
