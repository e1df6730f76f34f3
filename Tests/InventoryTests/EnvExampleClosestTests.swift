import XCTest
@testable import Inventory

/// Which .env.example the env-example-unlisted fix names: the reading app's own or the nearest
/// above it, never a sibling app's (trigger.dev's webapp loads the root .env; the fix named
/// apps/supervisor/.env.example because it shared the `apps` folder).
final class EnvExampleClosestTests: XCTestCase {
    func testASiblingAppsExampleIsNotTheReadersExample() {
        let examples: Set = [".env.example", "apps/supervisor/.env.example", "references/demo/.env.example"]
        XCTAssertEqual(EnvExampleUnlisted.closest(examples, to: "apps/webapp/app/env.server.ts"), ".env.example")
        XCTAssertEqual(EnvExampleUnlisted.closest(examples, to: "apps/supervisor/src/index.ts"), "apps/supervisor/.env.example")
    }

    func testTheNearestExampleAboveWins() {
        let examples: Set = [".env.example", "web/.env.example", "web/app/.env.example"]
        XCTAssertEqual(EnvExampleUnlisted.closest(examples, to: "web/src/env.ts"), "web/.env.example")
        XCTAssertEqual(EnvExampleUnlisted.closest(examples, to: "web/app/lib/x.ts"), "web/app/.env.example")
    }

    func testThePlainestNameInOneFolder() {
        let examples: Set = [".env.dev-azure.example", ".env.prod.example", ".env.dev.example"]
        XCTAssertEqual(EnvExampleUnlisted.closest(examples, to: "web/src/env.mjs"), ".env.dev.example")
    }

    func testWithNoExampleAboveTheLongestSharedFolder() {
        let examples: Set = ["apps/web/.env.example", "services/api/.env.example"]
        XCTAssertEqual(EnvExampleUnlisted.closest(examples, to: "apps/worker/src/main.ts"), "apps/web/.env.example")
    }
}
