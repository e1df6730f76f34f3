import Foundation
import TestSupport
import XCTest

/// The audit document as GitHub renders it: parsed by a CommonMark parser with GFM tables
/// (markdown-it-py, through gfm_tables.py beside this file), every table must parse as a table
/// and every row must have the table's column count, with zero environments or several.
final class AuditDocumentGFMTests: XCTestCase {
    struct Rendered: Decodable {
        struct Table: Decodable { var line: Int; var columns: Int; var cells: [Int] }
        var tables: [Table]
        var strayLines: [Int]
        var largestCell: Int
        var bytes: Int
    }

    /// The document's tables as markdown-it-py parses them; skipped when it is not installed,
    /// except under scripts/test (SECRETMAP_REQUIRE_SERVERS=1), which installs it.
    func rendered(_ document: String) throws -> Rendered {
        let tree = TempTree()
        let file = tree.write("document.md", document)
        let checker = CLI.packageRoot.appendingPathComponent("Tests/secretmapTests/gfm_tables.py").path
        let run = try Script.run("/usr/bin/env", ["python3", checker, file])
        if run.status == 3 || run.status == 127 {
            if LocalServers.required { XCTFail("markdown-it-py is not installed (scripts/install-deps test installs it)") }
            throw XCTSkip("markdown-it-py is not installed (pip install markdown-it-py; scripts/test installs it)")
        }
        XCTAssertEqual(run.status, 0, run.stderr)
        return try JSONDecoder().decode(Rendered.self, from: Data(run.stdout.utf8))
    }

    /// Every table is one (no line of pipes left as a paragraph) and each row has its columns.
    func assertEveryTableRenders(_ r: Rendered, columns: [Int], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.strayLines, [], "lines of pipes GitHub shows as text", file: file, line: line)
        XCTAssertEqual(r.tables.map(\.columns), columns, file: file, line: line)
        for table in r.tables where table.cells.contains(where: { $0 != table.columns }) {
            XCTFail("the table at line \(table.line) has rows of \(table.cells) cells, not \(table.columns)", file: file, line: line)
        }
    }

    /// Hard-coded defaults are one more table in section 5, and it renders: two columns, the
    /// places folded, placeholders marked, config defaults (a port) left out.
    func testTheHardCodedDefaultsTableRenders() throws {
        let tree = TempTree()
        tree.write("app/docker-compose.yml", """
            services:
              api:
                build: .
                environment:
                  SESSION_SECRET: ${SESSION_SECRET:-Kq7Zp2Lw9Xv4Nc8Rt3Bm6Yh1Jd5Fg0Qs}
                  ADMIN_PASSWORD: changeme
                  PORT: 3000
            """)
        tree.write("app/src/server.js", "const s = process.env.SESSION_SECRET, p = process.env.ADMIN_PASSWORD, port = process.env.PORT;\n")
        tree.write("secretmap.yml", "repos:\n  - { name: app, path: app }\nenvironments: {}\nfingerprint_key: { env: SECRETMAP_FINGERPRINT_KEY }\n")
        let run = try CLI.run(["audit", "--config", tree.path + "/secretmap.yml", "--output", "-"],
                              environment: ["SECRETMAP_FINGERPRINT_KEY": "first-run-test-key-0123456789abcdef"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("""
            | secret | default hard-coded at |
            |---|---|
            | `ADMIN_PASSWORD` | app/docker-compose.yml:6 (cha…me, placeholder) |
            | `SESSION_SECRET` | app/docker-compose.yml:5 (Kq7…Qs) |

            """), run.stdout)
        XCTAssertFalse(run.stdout.contains("`PORT` | app/docker-compose.yml"), run.stdout)
        let r = try rendered(run.stdout)
        XCTAssertEqual(r.strayLines, [])
        XCTAssertTrue(r.tables.contains { $0.columns == 2 && $0.cells == [2, 2, 2] }, "\(r.tables)")
        for table in r.tables where table.cells.contains(where: { $0 != table.columns }) {
            XCTFail("the table at line \(table.line) has rows of \(table.cells) cells, not \(table.columns)")
        }
    }

    /// A first run: no environment configured, no store read. Section 4's delimiter row must
    /// match its header, a secret read in seven files shows three and "and 4 more" (a runbook's
    /// verify step five), and the secrets with neither a store nor an issuer are one table
    /// instead of runbooks of unknowns.
    func testWithNoEnvironmentEveryTableRendersAndLongListsFold() throws {
        let tree = TempTree()
        tree.write("app/.env.example", "STRIPE_SECRET_KEY=\nWIDGET_API_KEY=\n")
        for i in 1...7 { tree.write("app/src/widget\(i).js", "const key = process.env.WIDGET_API_KEY;\n") }
        for i in 1...7 { tree.write("app/src/pay\(i).js", "const stripe = process.env.STRIPE_SECRET_KEY;\n") }
        tree.write("secretmap.yml", """
            repos:
              - { name: app, path: app }
            environments: {}
            stores:
              aws: { region: eu-west-1 }
            fingerprint_key: { env: SECRETMAP_FINGERPRINT_KEY }

            """)
        let run = try CLI.run(["audit", "--config", tree.path + "/secretmap.yml", "--output", "-"],
                              environment: ["SECRETMAP_FINGERPRINT_KEY": "first-run-test-key-0123456789abcdef"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let document = run.stdout
        XCTAssertTrue(document.contains("""
            | secret | class | CI | .env.example | read at | issuer |
            |---|---|---|---|---|---|
            | `STRIPE_SECRET_KEY` | platform | — | app/.env.example:1 | app/src/pay1.js:1<br>app/src/pay2.js:1<br>app/src/pay3.js:1<br>and 4 more | Stripe (https://support.stripe.com/questions/how-do-i-roll-change-update-my-stripe-api-key) |
            | `WIDGET_API_KEY` | platform | — | app/.env.example:2 | app/src/widget1.js:1<br>app/src/widget2.js:1<br>app/src/widget3.js:1<br>and 4 more | unknown |

            """), document)
        // Stripe is the issuer: a runbook. WIDGET_API_KEY has no store and no issuer: a row.
        XCTAssertTrue(document.contains("\n### STRIPE_SECRET_KEY (production)\n\n1. **mint**: Create a new key for production at Stripe"), document)
        XCTAssertTrue(document.contains("4. **verify**: Exercise the code paths that read it and check they use the new value: app/src/pay1.js:1, "
                                        + "app/src/pay2.js:1, app/src/pay3.js:1, app/src/pay4.js:1, app/src/pay5.js:1 and 2 more (`secretmap scan` lists every reader).\n"), document)
        XCTAssertFalse(document.contains("### WIDGET_API_KEY"), document)
        XCTAssertTrue(document.contains("""
            ### Secrets with no store and no known issuer (1)

            No store holds these and no issuer rule recognises them, so a runbook could only say "unknown": \
            add the store that holds each one to secretmap.yml (or an issuer rule), and its runbook appears here.

            | secret | class | declared in | readers |
            |---|---|---|---|
            | `WIDGET_API_KEY` | platform | app/.env.example | 7 |

            """), document)
        // Inventory map (no store: a header alone), platform class (the empty classes say "None
        // found."), per-secret, platform issuers, the table of secrets without a runbook.
        assertEveryTableRenders(try rendered(document), columns: [5, 4, 6, 5, 4])
    }

    /// PlanB: two environments, every store kind, drift findings.
    func testPlanBDocumentEveryTableRenders() throws {
        let run = try CLI.run(["audit", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", "Fixtures/planb/stores-snapshot.json", "--output", "-"])
        XCTAssertEqual(run.status, 0, run.stderr)
        assertEveryTableRenders(try rendered(run.stdout), columns: [5, 4, 4, 4, 4, 8, 2, 5, 7])
    }
}
