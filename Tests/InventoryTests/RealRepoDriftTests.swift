import XCTest
@testable import Declarations
@testable import Inventory
@testable import SourceScan
@testable import Stores

/// Drift on small systems written from the patterns of real monorepos (issue 16): each finding
/// exactly, as `rule NAME repo/path:line` (the finding's place), and what must stay quiet.
final class RealRepoDriftTests: XCTestCase {
    func read(_ name: String, _ at: String) -> Reader { DriftExample.read(name, at) }

    func declare(_ name: String, _ kind: Declaration.Kind, _ at: String, _ configure: (inout Declaration) -> Void = { _ in }) -> Declaration {
        DriftExample.declare(name, kind, at, configure)
    }

    /// Every rule's findings, each as `rule NAME[@environment] repo/path:line`.
    func drift(_ build: (inout DriftExample) -> Void) -> [String] {
        DriftExample(expected: [], build).findings().map { f in
            "\(f.rule) \(f.name)\(f.environment.map { "@\($0)" } ?? "") " + (f.location.map(\.text) ?? "-")
        }
    }

    // MARK: Item 1: a commented .env.example line documents the name

    /// `# CRON_TOKEN=` and `#CRON_TOKEN=value` are documentation: the name is in the example,
    /// switched off. It was reported env-example-absent ("no .env.example lists it").
    func testACommentedExampleLineCountsAsDocumented() {
        for commentedAt in ["web/.env.example:4", "api/.env.example:9"] {
            let findings = drift {
                $0.readers = [read("CRON_TOKEN", "web/src/cron.ts:2")]
                $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3"),
                                   declare("SESSION_SECRET", .envExample, "web/.env.example:1"),
                                   declare("CRON_TOKEN", .envExample, commentedAt) { $0.commented = true }]
                $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)]),
                               DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)])]
            }
            XCTAssertEqual(findings, ["declared-unread SESSION_SECRET web/.env.example:1"], commentedAt)
        }
    }

    /// The same system with no example line for the name at all is still reported, at the reader.
    func testAnUnlistedNameIsStillAbsent() {
        let findings = drift {
            $0.readers = [read("CRON_TOKEN", "web/src/cron.ts:2")]
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3"),
                               declare("SESSION_SECRET", .envExample, "web/.env.example:1")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)]),
                           DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)])]
        }
        XCTAssertEqual(findings, ["env-example-absent CRON_TOKEN web/src/cron.ts:2", "declared-unread SESSION_SECRET web/.env.example:1"])
    }
}
