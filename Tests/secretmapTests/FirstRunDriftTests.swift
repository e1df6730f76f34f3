import Foundation
import TestSupport
import XCTest

/// A new user's first run on a monorepo written from the patterns of issue 16: `init`, then
/// `drift` with no stores. Exactly the true findings: the secret a workflow declares but the
/// example leaves out (env-example-unlisted), and the example name nothing reads; not the
/// commented example line, the platform's GITHUB_SHA, prisma's DATABASE_URL, or postgres's
/// compose environment.
final class FirstRunDriftTests: XCTestCase {
    func testInitThenDriftWithNoStores() throws {
        let tree = TempTree()
        tree.write("web/.env.example", "SESSION_SECRET=\nDATABASE_URL=\n# SENTRY_AUTH_TOKEN=\nOLD_WEBHOOK_SECRET=\nPOSTGRES_PASSWORD=\n")
        tree.write("web/src/app.ts", """
        export const s = process.env.SESSION_SECRET;
        export const w = process.env.STRIPE_WEBHOOK_SECRET;
        export const sha = process.env.GITHUB_SHA;
        export const t = process.env.SENTRY_AUTH_TOKEN;

        """)
        tree.write("web/.github/workflows/deploy.yml", """
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            env:
              STRIPE_WEBHOOK_SECRET: ${{ secrets.STRIPE_WEBHOOK_SECRET }}
              SENTRY_AUTH_TOKEN: ${{ secrets.SENTRY_AUTH_TOKEN }}
            steps:
              - run: npm run deploy

        """)
        tree.write("web/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n")
        tree.write("web/docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n")
        let config = tree.path + "/secretmap.yml"
        let initRun = try CLI.run(["init", "--output", config, tree.path + "/web"])
        XCTAssertEqual(initRun.status, 0, initRun.stderr)
        let drift = try CLI.run(["drift", "--config", config, "--format", "json"],
                                environment: ["SECRETMAP_FINGERPRINT_KEY": "first-run-test-key-0123456789abcdef"])
        XCTAssertEqual(drift.status, 0, drift.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        let lines = findings.map { f -> String in
            let at = f["location"] as? [String: Any]
            return "\(f["rule"] ?? "-") \(f["name"] ?? "-") \(at?["repo"] ?? "-")/\(at?["path"] ?? "-"):\(at?["line"] ?? "-")"
        }
        XCTAssertEqual(lines, [
            "declared-unread OLD_WEBHOOK_SECRET web/.env.example:4",
            "env-example-unlisted STRIPE_WEBHOOK_SECRET web/src/app.ts:2",
        ])

        // The audit document's per-secret table (each name's last row) shows the commented
        // example line, marked, not "—".
        let audit = try CLI.run(["audit", "--config", config, "--output", "-"],
                                environment: ["SECRETMAP_FINGERPRINT_KEY": "first-run-test-key-0123456789abcdef"])
        XCTAssertEqual(audit.status, 0, audit.stderr)
        let row = try XCTUnwrap(audit.stdout.split(separator: "\n").last { $0.hasPrefix("| `SENTRY_AUTH_TOKEN` |") })
        XCTAssertTrue(row.contains("| web/.env.example:3 (commented) |"), String(row))
        // SESSION_SECRET has no store and no issuer: no runbook, a row of the one table of such
        // secrets (section 6) after its per-secret row.
        let session = audit.stdout.split(separator: "\n").filter { $0.hasPrefix("| `SESSION_SECRET` |") }
        XCTAssertTrue(session.contains { $0.contains("| web/.env.example:1 |") }, session.joined(separator: "\n"))
    }
}
