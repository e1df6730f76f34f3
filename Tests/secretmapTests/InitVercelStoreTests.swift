import Foundation
import XCTest

/// init and Vercel: a repository that declares Vercel variables (vercel.json's `env`, `vercel env
/// add`) gets a commented `stores.vercel` with its evidence; the project's name is not in the
/// repository (`.vercel/` is ignored by git), so nothing is made up. Before, init said nothing
/// of Vercel.
final class InitVercelStoreTests: XCTestCase {
    func testAVercelRepositoryGetsACommentedStoreWithItsEvidence() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-init-vercel-\(UUID())")
        let repo = dir.appendingPathComponent("app")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{\n  \"env\": {\n    \"STRIPE_SECRET_KEY\": \"@stripe-secret\"\n  }\n}\n".write(to: repo.appendingPathComponent("vercel.json"), atomically: true, encoding: .utf8)
        try "#!/bin/sh\nvercel env add SESSION_SECRET production\n".write(to: repo.appendingPathComponent("scripts/env.sh"), atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("secretmap.yml").path
        let run = try CLI.run(["init", "--output", config, repo.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        XCTAssertTrue(text.contains("""
          # vercel: { projects: [PROJECT] }   # fill in the Vercel project of app (VERCEL_TOKEN), then uncomment
            # evidence: app/scripts/env.sh:2

        """), text)
    }
}
