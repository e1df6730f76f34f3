import Foundation
import XCTest
@testable import Declarations
@testable import Inventory
@testable import SourceScan
@testable import Stores
import TestSupport

/// Readers the scan missed on real monorepos (issue 16), written from their patterns as one small
/// repository on disk and run through scan, declarations, inventory and drift: a library that
/// reads its own variables (an SDK's default client, `dj_database_url.config()`), a project's
/// `assertEnv("X")`, prisma's schema, a shell script, `"X" in os.environ`, the NAME_FILE
/// convention (`process.env[`${key}_FILE`]`); and code of a published
/// npm package (a CLI), whose users set what it reads.
final class ImpliedReaderDriftTests: XCTestCase {
    static let canary = "q7Xv2LmN9pRt4KwZs8HyB3cJd6FgUe1A"

    func repository() -> TempTree {
        let tree = TempTree()
        tree.write("app/.env.example", """
            ANTHROPIC_API_KEY=
            QSTASH_CURRENT_SIGNING_KEY=
            QSTASH_NEXT_SIGNING_KEY=
            PARTNER_API_KEY=
            DATABASE_URL=
            DEPLOY_BUCKET_SECRET=
            UNUSED_API_SECRET=\(Self.canary)
            SESSION_SECRET=
            SESSION_SECRET_FILE=

            """)
        tree.write("app/lib/environment.ts", "export const env = new Proxy(process.env, {\n  get(target, key) {\n    const path = target[`${String(key)}_FILE`];\n    return path ? readFileSync(path, \"utf8\") : target[key];\n  },\n});\n")
        tree.write("app/lib/session.ts", "export const secret = process.env.SESSION_SECRET;\n")
        tree.write("app/package.json", #"{ "name": "app", "private": true, "scripts": { "dev": "next dev" } }"#)
        tree.write("app/lib/ai.ts", "import { anthropic } from \"@ai-sdk/anthropic\";\nexport const model = anthropic(\"claude-3-haiku\");\n")
        tree.write("app/lib/cron.ts", "import { Receiver } from \"@upstash/qstash\";\nconst receiver = new Receiver();\nexport const verify = receiver.verify;\n")
        tree.write("app/lib/partner.ts", "import { assertEnv } from \"./assert-env\";\nexport const headers = { Authorization: `Bearer ${assertEnv(\"PARTNER_API_KEY\")}` };\n")
        tree.write("app/lib/stripe.ts", "export const key = process.env.STRIPE_SECRET_KEY;\n")
        tree.write("app/prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n")
        tree.write("app/scripts/push.sh", """
            #!/bin/sh
            STAGE=prod
            # uses $COMMENTED_TOKEN only in this comment
            AWS_PROFILE="${AWS_PROFILE:-default}"
            aws s3 sync dist "s3://bucket-$STAGE" --sse-kms-key-id "${DEPLOY_BUCKET_SECRET}" --profile "$AWS_PROFILE"

            """)
        tree.write("app/settings.py", "import os\nimport dj_database_url\nDATABASES = {\"default\": dj_database_url.config(conn_max_age=60)}\nif \"SENTRY_AUTH_TOKEN\" in os.environ:\n    SENTRY = True\n")
        tree.write("app/packages/cli/package.json", #"{ "name": "@acme/cli", "bin": { "acme": "dist/index.js" } }"#)
        tree.write("app/packages/cli/src/deploy.ts", "export const token = process.env.ACME_ACCESS_TOKEN;\n")
        return tree
    }

    func run(_ tree: TempTree) throws -> (Inventory, [DriftFinding]) {
        let rules = try RuleSet.builtIn()
        let fingerprinter = Fingerprinter(key: "secretmap-tests")
        let roots = [Root(name: "app", path: tree.path + "/app")]
        let scan = ScanEngine(rules: rules, fingerprinter: fingerprinter).scan(roots)
        let declared = DeclarationScanner(fingerprinter: fingerprinter).scan(roots)
        let stores = StoreSnapshot(takenAt: "2026-11-27T00:00:00Z", keyId: "k", listings: [])
        let inventory = InventoryBuilder(rules: rules, environments: []).build(scan: scan, declared: declared, stores: stores)
        var options = DriftRules.Options()
        options.platformVariables = rules.platformVariables
        return (inventory, DriftRules(options: options).evaluate(inventory, stores: stores))
    }

    func readers(_ inventory: Inventory, _ name: String) -> [String] {
        (inventory.record(name)?.readers ?? []).map { r in
            r.text + (r.via.map { " via \($0)" } ?? "") + (r.published == true ? " published" : "")
        }
    }

    /// Before: declared-unread for the five names read by a library, a helper, a schema or a
    /// script ("remove the declaration" breaks them), and read-undeclared for the CLI's token.
    func testImpliedReadersCountAndAPublishedPackagesReadIsNotOurs() throws {
        let tree = repository()
        let (inventory, findings) = try run(tree)
        XCTAssertEqual(findings.map { "\($0.rule) \($0.name) " + ($0.location.map(\.text) ?? "-") }, [
            "read-undeclared SENTRY_AUTH_TOKEN app/settings.py:4",
            "read-undeclared STRIPE_SECRET_KEY app/lib/stripe.ts:1",
            "declared-unread UNUSED_API_SECRET app/.env.example:7",
        ])
        XCTAssertEqual(readers(inventory, "ANTHROPIC_API_KEY"), ["app/lib/ai.ts:1 via sdk @ai-sdk/anthropic"])
        XCTAssertEqual(readers(inventory, "QSTASH_CURRENT_SIGNING_KEY"), ["app/lib/cron.ts:2 via sdk @upstash/qstash"])
        XCTAssertEqual(readers(inventory, "QSTASH_NEXT_SIGNING_KEY"), ["app/lib/cron.ts:2 via sdk @upstash/qstash"])
        XCTAssertEqual(readers(inventory, "PARTNER_API_KEY"), ["app/lib/partner.ts:2"])
        XCTAssertEqual(readers(inventory, "DATABASE_URL"), ["app/settings.py:3 via library dj-database-url",
                                                            "app/prisma/schema.prisma:3 via tool prisma"])
        XCTAssertEqual(readers(inventory, "DEPLOY_BUCKET_SECRET"), ["app/scripts/push.sh:5 via tool shell script"])
        XCTAssertEqual(readers(inventory, "AWS_PROFILE"), ["app/scripts/push.sh:4 via tool shell script"])
        XCTAssertEqual(readers(inventory, "ACME_ACCESS_TOKEN"), ["app/packages/cli/src/deploy.ts:1 published"])
        XCTAssertEqual(readers(inventory, "SESSION_SECRET_FILE"), ["app/lib/environment.ts:3 via convention NAME_FILE"])
        XCTAssertNil(inventory.record("STAGE"), "the script sets STAGE itself")
        XCTAssertNil(inventory.record("COMMENTED_TOKEN"), "a comment is not a read")

        // The example's value never reaches the inventory or a finding.
        let encoder = JSONEncoder()
        let text = String(decoding: try encoder.encode(inventory), as: UTF8.self)
            + findings.map { $0.summary + $0.evidence.joined() + $0.fix }.joined()
        for start in 0...(Self.canary.count - 6) {
            let window = String(Self.canary.dropFirst(start).prefix(6))
            XCTAssertFalse(text.contains(window), "canary window \(window) in the output")
        }
    }

    /// A library's read and a published package's read never ask for a declaration on their own:
    /// with no example listing the names, neither is read-undeclared nor env-example-unlisted,
    /// while the same name read by our code by name is.
    func testImpliedAndPublishedReadsAskForNoDeclaration() {
        func findings(_ readers: [Reader]) -> [String] {
            DriftExample(expected: []) {
                $0.readers = readers
                $0.declarations = [DriftExample.declare("SESSION_SECRET", .envExample, "web/.env.example:1"),
                                   DriftExample.declare("ANTHROPIC_API_KEY", .workflowSecret, "web/.github/workflows/ci.yml:9"),
                                   DriftExample.declare("ACME_ACCESS_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:10")]
            }.findings().filter { $0.name != "SESSION_SECRET" }.map { "\($0.rule) \($0.name)" }
        }
        let sdk = Reader(name: "ANTHROPIC_API_KEY", repo: "web", path: "lib/ai.ts", line: 1, language: "typescript",
                         rule: "js-sdk-ai-sdk-anthropic", via: "sdk @ai-sdk/anthropic")
        let published = Reader(name: "ACME_ACCESS_TOKEN", repo: "web", path: "packages/cli/src/deploy.ts", line: 1,
                               language: "typescript", rule: "js-process-env-member", published: true)
        XCTAssertEqual(findings([sdk, published]), [])
        var byName = sdk; byName.via = nil
        var ours = published; ours.published = nil
        XCTAssertEqual(findings([byName, ours]), ["env-example-unlisted ACME_ACCESS_TOKEN", "env-example-unlisted ANTHROPIC_API_KEY"])
    }
}
