import Foundation
import XCTest

final class InitCommandTests: XCTestCase {
    /// On PlanB, init infers the repos, production (/planb/, planb/) and staging (/planb-staging/)
    /// with their evidence, and the file it writes drives `drift` to the same findings.
    func testStarterConfigForPlanB() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-init-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("secretmap.yml").path
        let roots = CLI.planb.map { CLI.packageRoot.appendingPathComponent($0).path }
        let run = try CLI.run(["init", "--output", config] + roots)
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        XCTAssertTrue(text.contains("  production: { ssm: /planb/, secrets_manager_prefix: planb/, github_environment: production }\n    # evidence: web/.github/workflows/deploy-app.yml:30\n"), text)
        XCTAssertTrue(text.contains("  staging: { ssm: /planb-staging/, github_environment: staging }\n    # evidence: web/scripts/push-staging-secrets.sh:6\n    # evidence: web/.github/workflows/ci.yml:20\n"), text)
        XCTAssertTrue(text.contains("  vault: { cli: bao, mount: secret, paths: [planb] }"), text)

        // The fixtures are not git checkouts: the GitHub repository is the one thing to fill in.
        // It is written commented out, so the file as written reads no made-up repository.
        XCTAssertTrue(text.contains("  # github: { repos: [OWNER/REPO] }   # fill in the GitHub OWNER/REPO of web (no GitHub remote in the checkout), then uncomment\n"), text)
        try text.replacingOccurrences(of: "  # github: { repos: [OWNER/REPO] }", with: "  github: { repos: [planb/web] }").write(toFile: config, atomically: true, encoding: .utf8)
        let key = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Fixtures/planb/fingerprint.key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let drift = try CLI.run(["drift", "--config", config, "--snapshot", "Fixtures/planb/stores-snapshot.json", "--format", "json"],
                                environment: ["SECRETMAP_FINGERPRINT_KEY": key])
        XCTAssertEqual(drift.status, 0, drift.stderr)
        let findings = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, 15)

        let again = try CLI.run(["init", "--output", config] + roots)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("exists: pass --force"), again.stderr)
    }
}
