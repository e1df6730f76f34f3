import Foundation
import TestSupport
import XCTest

/// Issue 17 item 2's done-when, on a real repository's shape: trigger.dev's
/// `docker/services-compose.yml` gives its app service literal secrets (`SESSION_SECRET:
/// secret123`, an `ENCRYPTION_KEY`) and loads `../.env`; a deployment that copied the file kept
/// them, and its env file (the store) holds the same values. `literal-equals-stored` fires for
/// each, at the compose line, and no value reaches any output.
final class DefaultStoredRealShapeTests: XCTestCase {
    static let encryptionCanary = "Hd4Xq9Km2Tz7Lw1Rb6Nc3Vp8Jf5Gs0Ya"

    func testAStoreKeepingTheComposeDefaultsIsLiteralEqualsStored() throws {
        let tree = TempTree()
        tree.write("trigger/docker/services-compose.yml", """
            services:
              db:
                image: postgres:14
                environment:
                  POSTGRES_PASSWORD: postgres
              app:
                build:
                  context: ../
                env_file:
                  - ../.env
                environment:
                  DATABASE_URL: postgres://postgres:postgres@db:5432/postgres?schema=public
                  SESSION_SECRET: secret123
                  ENCRYPTION_KEY: \(Self.encryptionCanary)
                  PORT: 3030
            """)
        tree.write("trigger/.env.example", "SESSION_SECRET=\nENCRYPTION_KEY=\nMAGIC_LINK_SECRET=\n")
        tree.write("trigger/apps/webapp/env.server.ts", """
            export const sessionSecret = process.env.SESSION_SECRET;
            export const encryptionKey = process.env.ENCRYPTION_KEY;
            export const magicLinkSecret = process.env.MAGIC_LINK_SECRET;
            """)
        tree.write("prod.env", "SESSION_SECRET=secret123\nENCRYPTION_KEY=\(Self.encryptionCanary)\nMAGIC_LINK_SECRET=Pq7Wz2Kx9Lm4Tb1Rv6Nc8Hd3Jf5Gs0Ua\n")
        tree.write("key", "k7Qw2Zr9Lp4Xv8Nc3Hm6Td1Fb5Js0Ya")
        let config = tree.write("secretmap.yml", """
            repos:
              - { name: trigger, path: trigger }
            environments:
              production: {}
            stores:
              env_files:
                - { path: prod.env, environment: production }
            fingerprint_key: { file: key }
            """)
        let drift = try CLI.run(["drift", "--config", config, "--format", "json"])
        XCTAssertTrue([0, 1].contains(drift.status), drift.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as? [String: Any], drift.stderr)
        let records = try XCTUnwrap(doc["inventory"] as? [[String: Any]])
        func storePath(_ name: String) -> String {
            ((records.first { $0["name"] as? String == name }?["stores"] as? [[String: Any]])?.first?["path"] as? String) ?? "?"
        }
        let findings = (doc["findings"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "literal-equals-stored" }
        XCTAssertEqual(findings.map { f -> String in
            let at = f["location"] as? [String: Any] ?? [:]
            return "\(f["severity"]!) \(f["name"]!) \(at["repo"]!)/\(at["path"]!):\(at["line"]!)"
        }, ["High ENCRYPTION_KEY trigger/docker/services-compose.yml:14", "High SESSION_SECRET trigger/docker/services-compose.yml:13"])
        XCTAssertEqual(findings.map { $0["summary"] as? String ?? "" }, [
            "the value of ENCRYPTION_KEY in env-file \(storePath("ENCRYPTION_KEY")) is hard-coded at trigger/docker/services-compose.yml:14 (default of ENCRYPTION_KEY, Hd4…Ya)",
            "the value of SESSION_SECRET in env-file \(storePath("SESSION_SECRET")) is hard-coded at trigger/docker/services-compose.yml:13 (placeholder default of SESSION_SECRET, sec…23); that value is a placeholder default, never replaced by a real one",
        ])
        for output in [drift.stdout, drift.stderr] {
            XCTAssertNil(HostileRepoCanaryTests.leakedWindow(of: Self.encryptionCanary, in: output))
        }
    }
}
