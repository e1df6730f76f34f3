import XCTest
@testable import Declarations
@testable import Inventory
@testable import SourceScan
@testable import Stores

/// The record of a name carries its hard-coded defaults, from the declarations (compose, scripts,
/// Dockerfiles) and from the scan (code defaults); `literal-equals-stored` fires when a store
/// holds one, and says so when it is a placeholder.
final class EnvironmentDefaultJoinTests: XCTestCase {
    func codeDefault(_ name: String, _ at: String, fingerprint: String, placeholder: Bool = false) -> Literal {
        var l = DriftExample.environmentDefault(name, at, fingerprint: fingerprint, placeholder: placeholder, context: .envDefault)
        l.language = "javascript"
        return l
    }

    func testTheRecordCarriesDefaultsFromDeclarationsAndFromCode() {
        let example = DriftExample(expected: []) {
            $0.readers = [DriftExample.read("SESSION_SECRET", "web/src/session.ts:3")]
            $0.declarations = [DriftExample.declare("SESSION_SECRET", .composeInterpolation, "web/docker-compose.yml:7")]
            $0.defaults = [DriftExample.environmentDefault("SESSION_SECRET", "web/docker-compose.yml:7", fingerprint: "f-compose"),
                           // A script's default of a name nothing else knows makes no record.
                           DriftExample.environmentDefault("VERBOSE", "web/run.sh:2", fingerprint: "f-0", placeholder: true, context: .shellDefault)]
            $0.literals = [codeDefault("SESSION_SECRET", "web/src/session.ts:3", fingerprint: "f-code", placeholder: true)]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", "f-real")])]
        }
        let inventory = build(example)
        let record = inventory.record("SESSION_SECRET")!
        XCTAssertEqual(record.defaults.map { "\($0.context) \($0.repo)/\($0.path):\($0.line) \($0.fingerprint)" },
                       ["compose-default web/docker-compose.yml:7 f-compose", "env-default web/src/session.ts:3 f-code"])
        XCTAssertEqual(record.literals.count, 0)
        XCTAssertNil(inventory.record("VERBOSE"))
        XCTAssertEqual(example.lines(of: .literalEqualsStored), [])
    }

    func testAStoreHoldingTheComposeDefaultIsHighWithPathAndLine() {
        let example = DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("SESSION_SECRET", .composeInterpolation, "web/docker-compose.yml:7")]
            $0.defaults = [DriftExample.environmentDefault("SESSION_SECRET", "web/docker-compose.yml:7", fingerprint: "f-compose")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SESSION_SECRET", "f-compose")])]
        }
        let findings = example.findings().filter { $0.rule == .literalEqualsStored }
        XCTAssertEqual(findings.map(\.summary), [
            "the value of SESSION_SECRET in ssm /p/SESSION_SECRET is hard-coded at web/docker-compose.yml:7 (default of SESSION_SECRET, abc…yz)",
        ])
        XCTAssertEqual(findings.map { "\($0.severity.rawValue) \($0.location.map { "\($0.repo)/\($0.path):\($0.line)" } ?? "-")" },
                       ["High web/docker-compose.yml:7"])
    }

    /// A settings schema's default (zod `.default("…")`, a pydantic field's `= "…"`) is a
    /// declaration's default like compose's: a store that still holds it is found.
    func testAStoreHoldingASchemaDefaultIsFound() {
        let example = DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("POSTHOG_PROJECT_KEY", .envSchema, "web/app/env.server.ts:359")]
            $0.defaults = [DriftExample.environmentDefault("POSTHOG_PROJECT_KEY", "web/app/env.server.ts:359", fingerprint: "f-schema",
                                                           context: .schemaDefault)]
            $0.listings = [DriftExample.ssm("production", "/p/", [("POSTHOG_PROJECT_KEY", "f-schema")])]
        }
        XCTAssertEqual(example.findings().filter { $0.rule == .literalEqualsStored }.map(\.summary), [
            "the value of POSTHOG_PROJECT_KEY in ssm /p/POSTHOG_PROJECT_KEY is hard-coded at web/app/env.server.ts:359 (default of POSTHOG_PROJECT_KEY, abc…yz)",
        ])
    }

    func testAStoreHoldingAPlaceholderDefaultSaysItIsAPlaceholder() {
        let example = DriftExample(expected: []) {
            $0.readers = [DriftExample.read("ADMIN_PASSWORD", "api/src/admin.ts:2")]
            $0.literals = [codeDefault("ADMIN_PASSWORD", "api/src/admin.ts:2", fingerprint: "f-changeme", placeholder: true)]
            $0.listings = [DriftExample.ssm("production", "/p/", [("ADMIN_PASSWORD", "f-changeme")])]
        }
        XCTAssertEqual(example.findings().filter { $0.rule == .literalEqualsStored }.map(\.summary), [
            "the value of ADMIN_PASSWORD in ssm /p/ADMIN_PASSWORD is hard-coded at api/src/admin.ts:2 (placeholder default of ADMIN_PASSWORD, cha…me); "
                + "that value is a placeholder default, never replaced by a real one",
        ])
    }

    func build(_ example: DriftExample) -> Inventory {
        var scan = ScanResult()
        scan.readers = example.readers
        scan.literals = example.literals
        var declared = DeclarationResult()
        declared.declarations = example.declarations
        declared.defaults = example.defaults
        return InventoryBuilder(rules: try! RuleSet.builtIn(), environments: example.environments)
            .build(scan: scan, declared: declared, stores: StoreSnapshot(takenAt: example.takenAt, keyId: "k", listings: example.listings))
    }
}
