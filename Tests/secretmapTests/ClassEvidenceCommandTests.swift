import Foundation
import TestSupport
import XCTest

/// The inventory in `drift --format json` carries each record's class and the evidence that
/// decided it; `classes:` in secretmap.yml overrides a class, and a bad class is refused with
/// its line.
final class ClassEvidenceCommandTests: XCTestCase {
    static let canary = "Hv7Rt2Qm9Xc4Lp8Zs1Wd6Kb3Nf5Gj0Ya"

    func testInventoryJSONCarriesClassAndEvidence() throws {
        let tree = TempTree()
        tree.write("app/src/app.js", """
            const a = process.env.ANALYTICS_CONN;
            const b = process.env.SMTP_PASSWORD;
            const c = process.env.DEPLOY_TOKEN;
            const d = process.env.STRIPE_SECRET_KEY;

            """)
        tree.write("app/.github/workflows/ci.yml", """
            name: ci
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: ./deploy.sh
                    env:
                      DEPLOY_TOKEN: ${{ vars.DEPLOY_TOKEN }}

            """)
        tree.write("prod.env", "ANALYTICS_CONN=postgres://app:\(Self.canary)@db.internal:5432/app\nSMTP_PASSWORD=true\n")
        tree.write("secretmap.yml", """
            repos:
              - { name: app, path: app }
            environments:
              production: {}
            stores:
              env_files:
                - { path: prod.env, environment: production }
            classes:
              STRIPE_SECRET_KEY: config

            """)
        let run = try CLI.run(["drift", "--config", tree.path + "/secretmap.yml", "--format", "json"])
        XCTAssertNil(HostileRepoCanaryTests.leakedWindow(of: Self.canary, in: run.stdout + run.stderr))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stderr)
        let records = try XCTUnwrap(object["inventory"] as? [[String: Any]])
        let envFile = try XCTUnwrap(records.first { $0["name"] as? String == "ANALYTICS_CONN" }?["stores"] as? [[String: Any]])
        let envPath = try XCTUnwrap(envFile.first?["path"] as? String)
        XCTAssertTrue(envPath.hasSuffix("prod.env:1"), envPath)
        let lines = records.map { r -> String in
            let e = r["classEvidence"] as? [String: String] ?? [:]
            return "\(r["name"] as? String ?? "?") \(r["secretClass"] as? String ?? "?") \(e["source"] ?? "?") \(e["detail"] ?? "?")"
        }
        XCTAssertEqual(lines, [
            "ANALYTICS_CONN platform value-shape env-file \(envPath): credential-url",
            "DEPLOY_TOKEN config workflow-vars app/.github/workflows/ci.yml:9",
            "SMTP_PASSWORD config value-shape env-file \(envPath.dropLast(2)):2: boolean",
            "STRIPE_SECRET_KEY config config-override secretmap.yml:9",
        ])
    }

    /// The issue's pattern: flags, limits and public identifiers named like secrets raise no
    /// finding; credentials named like configuration (and an encryption key) do.
    func testDriftFindingsFollowTheDecidedClasses() throws {
        let tree = TempTree()
        tree.write("app/.env.example", """
            ENABLE_EMAIL_PASSWORD=
            PASSWORD_RESET_DISABLED=
            GOOGLE_CLIENT_ID=
            SENTRY_ENVIRONMENT=
            AUTH_RATE_LIMIT=
            DATABASE_URL_UNPOOLED=
            CALENDSO_ENCRYPTION_KEY=

            """)
        tree.write("app/src/db.js", """
            const a = process.env.POSTGRES_PRISMA_URL;
            const b = process.env.NEXT_DEBUG_AUTH;
            const c = process.env.CALENDSO_ENCRYPTION_KEY;
            const d = process.env.SESSION_LIFETIME_MINUTES;

            """)
        tree.write("secretmap.yml", "repos:\n  - { name: app, path: app }\nenvironments:\n  production: {}\n")
        let run = try CLI.run(["drift", "--config", tree.path + "/secretmap.yml", "--format", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stderr)
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]]).map { "\($0["severity"] ?? "?") \($0["id"] ?? "?")" }
        XCTAssertEqual(findings, [
            "Medium env-example-missing:CALENDSO_ENCRYPTION_KEY:production",
            "Medium env-example-missing:DATABASE_URL_UNPOOLED:production",
            "Medium read-undeclared:POSTGRES_PRISMA_URL",
            "Low declared-unread:DATABASE_URL_UNPOOLED",
        ])
    }

    func testABadClassIsRefusedWithItsLine() throws {
        let tree = TempTree()
        tree.write("app/src/app.js", "const d = process.env.STRIPE_SECRET_KEY;\n")
        tree.write("secretmap.yml", """
            repos:
              - { name: app, path: app }
            environments:
              production: {}
            classes:
              STRIPE_SECRET_KEY: platform
              LEGACY_KEY: secret

            """)
        let config = tree.path + "/secretmap.yml"
        let run = try CLI.run(["drift", "--config", config, "--format", "json"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "secretmap: \(config):7: classes.LEGACY_KEY must be one of build-time-public, config, data-encryption-key, internal-minted, platform\n")
    }
}
