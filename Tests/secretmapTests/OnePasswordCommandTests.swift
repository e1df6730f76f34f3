import Foundation
import XCTest

/// 1Password secret references (`op://vault/item/field`) in an env example, a real env file and
/// compose: `declared` says where each value lives, and the audit's inventory map has a row per
/// vault and item (how values get in: by hand; read by: the files holding the references).
/// Before, the references were names with nowhere to point.
final class OnePasswordCommandTests: XCTestCase {
    let canary = "opK4t8Wq1Zm6Xp3Lr9Bv2Nc7Hd5Jg0FyQ"

    func testReferencesAreDeclaredAndMappedInTheAudit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-1password-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ path: String, _ text: String) throws {
            let file = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try write("web/.env.example", "STRIPE_SECRET_KEY=op://Production/Stripe/secret key\nSENTRY_DSN=op://Production/Sentry/dsn\n")
        try write("web/.env", "STRIPE_SECRET_KEY=\"op://Production/Stripe/secret key\"\nLOCAL_TOKEN=\(canary)\n")
        try write("web/compose.yaml", "services:\n  web:\n    build: .\n    environment:\n      SESSION_SECRET: op://Production/Stripe/session\n")
        try write("web/app.py", "import os\nos.environ[\"STRIPE_SECRET_KEY\"]\nos.environ[\"SESSION_SECRET\"]\n")
        try write("secretmap.yml", "repos:\n  - { name: web, path: web }\n")

        let declared = try CLI.run(["declared", dir.appendingPathComponent("web").path])
        XCTAssertEqual(declared.status, 0, declared.stderr)
        for line in ["STRIPE_SECRET_KEY  env-example          web/.env.example:1  1password Production/Stripe/secret key",
                     "SENTRY_DSN         env-example          web/.env.example:2  1password Production/Sentry/dsn",
                     "SESSION_SECRET     compose-environment  web/compose.yaml:5  job web, 1password Production/Stripe/session"] {
            XCTAssertTrue(declared.stdout.contains(line), declared.stdout)
        }
        let audit = try CLI.run(["audit", "--config", dir.appendingPathComponent("secretmap.yml").path, "--output", "-"],
                                environment: ["SECRETMAP_FINGERPRINT_KEY": "1password-tests"])
        XCTAssertEqual(audit.status, 0, audit.stderr)
        XCTAssertTrue(audit.stdout.contains("""
        | 1password `Production/Sentry` | — | 1 referenced (not listed) | by hand | web/.env.example |
        | 1password `Production/Stripe` | — | 2 referenced (not listed) | by hand | web/.env, web/.env.example, web/compose.yaml |

        """), audit.stdout)
        let chars = Array(canary)
        for text in [declared.stdout, declared.stderr, audit.stdout, audit.stderr] {
            for i in 0...(chars.count - 6) { XCTAssertFalse(text.contains(String(chars[i..<i + 6])), "a piece of a value") }
        }
    }
}
