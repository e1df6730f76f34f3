import Foundation
import XCTest

/// init and Fly.io: a fly.toml names its app (`app = "…"`), so init writes `stores.fly` with
/// that app and where it read it, commented (reading it needs FLY_API_TOKEN, and the file's first
/// run must work without credentials). Before, init said nothing of Fly.io's secrets.
final class InitFlyStoreTests: XCTestCase {
    func testFlyTomlNamesTheApp() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-init-fly-\(UUID())")
        let repo = dir.appendingPathComponent("api")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("worker"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# fly.toml app configuration\napp = \"planb-api\"\nprimary_region = \"ams\"\n\n[env]\n  LOG_LEVEL = \"info\"\n"
            .write(to: repo.appendingPathComponent("fly.toml"), atomically: true, encoding: .utf8)
        // Not a plain app name: not taken.
        try "app = \"$(whoami)\"\n".write(to: repo.appendingPathComponent("worker/fly.toml"), atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("secretmap.yml").path
        let run = try CLI.run(["init", "--output", config, repo.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        XCTAssertTrue(text.contains("""
          # fly: { apps: [planb-api] }   # uncomment with FLY_API_TOKEN set; or fly_app per environment
            # evidence: api/fly.toml:2

        """), text)
    }
}
