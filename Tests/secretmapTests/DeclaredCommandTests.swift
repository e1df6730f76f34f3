import Foundation
import XCTest

final class DeclaredCommandTests: XCTestCase {
    func testTextOutputListsNamesWithPlaceAndStore() throws {
        let run = try CLI.run(["declared", "Fixtures/planb/web"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        XCTAssertEqual(lines.first, "Declared names: 23 in 49 places")
        XCTAssertTrue(lines.contains("GA4_ID task-definition-secret web/.github/workflows/deploy-app.yml:37 aka GA4_MEASUREMENT_ID, ssm /planb/GA4_MEASUREMENT_ID"), run.stdout)
        XCTAssertTrue(run.stderr.contains("note: web/scripts/push-staging-secrets.sh:9: name $GH_SECRET_NAME is built at run time"), run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix("secretmap: read 12 files in 1 root; 49 declarations, 0 warnings, 1 note\n"), run.stderr)
    }

    func testJSONFeedsTheInventory() throws {
        let run = try CLI.run(["declared", "--format", "json", "Fixtures/planb/web", "worker=Fixtures/planb/worker"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let declarations = try XCTUnwrap(object["declarations"] as? [[String: Any]])
        XCTAssertEqual(declarations.count, 53)
        let supabase = try XCTUnwrap(declarations.first { $0["name"] as? String == "SUPABASE_SERVICE_ROLE_KEY" && $0["kind"] as? String == "task-definition-secret" })
        XCTAssertEqual(supabase["repo"] as? String, "web")
        XCTAssertEqual(supabase["path"] as? String, ".github/workflows/deploy-app.yml")
        XCTAssertEqual(supabase["line"] as? Int, 33)
        XCTAssertEqual(supabase["store"] as? String, "secretsmanager")
        XCTAssertEqual(supabase["storePath"] as? String, "planb/supabase")
        XCTAssertEqual(supabase["jsonKey"] as? String, "service_role")
        XCTAssertEqual(declarations.filter { $0["repo"] as? String == "worker" }.count, 4)
    }

    func testAMissingRootIsAUsageError() throws {
        let run = try CLI.run(["declared", "Fixtures/planb/nope"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("Fixtures/planb/nope"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }
}
