import Foundation
import XCTest

/// init's env-file store: the developers' own `.env` (ignored by git, beside an example) is the
/// store; a committed `.env.test` / `.env.development` is a fixture. On outline, init configured
/// the committed fixtures as stores, and drift reported their test values as reused secrets.
final class InitEnvFileStoreTests: XCTestCase {
    let canary = "Qz7mW2vN9xK4pL8rT3yB6cF1hJ5dS0gA"

    func testOnlyTheIgnoredEnvBesideAnExampleIsAStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-init-env-\(UUID())")
        let repo = dir.appendingPathComponent("app")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("web"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ path: String, _ text: String) throws { try text.write(to: repo.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        try write(".gitignore", ".env\n.env.local\n")
        try write(".env.example", "STRIPE_SECRET_KEY=\n")
        try write(".env", "STRIPE_SECRET_KEY=\(canary)\n")
        try write(".env.test", "STRIPE_SECRET_KEY=sk_test_fixture\n")
        try write(".env.development", "STRIPE_SECRET_KEY=sk_test_dev\n")
        try write("web/.env.example", "SESSION_SECRET=\n")
        try write("web/.env.local", "SESSION_SECRET=\(canary)\n")
        // A link named .env is never offered as a store.
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("api"), withIntermediateDirectories: true)
        try write("api/.env.example", "API_TOKEN=\n")
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("api/.env").path, withDestinationPath: "/etc/hostname")

        let config = dir.appendingPathComponent("secretmap.yml").path
        let run = try CLI.run(["init", "--output", config, repo.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        XCTAssertTrue(text.contains("""
          env_files:
            - { path: app/.env }   # beside app/.env.example, ignored by git
            - { path: app/web/.env.local }   # beside app/web/.env.example, ignored by git
          # not stores: app/.env.development, app/.env.test (not ignored by git: committed fixtures; their names are read as declarations)

        """), text)
        XCTAssertFalse(text.contains("api/.env }"), text)
        for output in [text, run.stdout, run.stderr] {
            XCTAssertFalse(output.contains(String(canary.prefix(6))), output)
        }
    }
}
