import Foundation
import TestSupport
import XCTest

/// A secret read only through a t3-env object: `scan --format json` lists its consumer with the
/// object as evidence, and `drift` no longer calls it declared-unread.
final class EnvObjectCommandTests: XCTestCase {
    /// A default value in the schema: no 6-character run of it may reach any output.
    static let canary = "Vq8rT2mXk9LpZw4sNc7Hd1YbGf6JuE3aQo"

    func assertNoCanary(_ run: CLI.Run, file: StaticString = #filePath, line: UInt = #line) {
        let chars = Array(Self.canary)
        for start in 0...(chars.count - 6) {
            let window = String(chars[start..<start + 6])
            XCTAssertFalse(run.stdout.contains(window) || run.stderr.contains(window), "canary run \(window)", file: file, line: line)
        }
    }

    func tree() -> TempTree {
        let tree = TempTree()
        tree.write("web/src/env.mjs", """
        import { createEnv } from "@t3-oss/env-nextjs";
        import { z } from "zod";

        export const env = createEnv({
          server: { STRIPE_SECRET_KEY: z.string().default("\(Self.canary)") },
          experimental__runtimeEnv: process.env,
        });
        """)
        tree.write("web/src/lib/stripe.ts", "import { env } from \"~/env\";\n\nexport const key = env.STRIPE_SECRET_KEY;\n")
        tree.write("web/.env.example", "STRIPE_SECRET_KEY=\n")
        tree.write("secretmap.yml", "repos:\n  - { name: web, path: web }\nenvironments:\n  production: {}\n")
        return tree
    }

    func testScanJSONListsReadsThroughTheObject() throws {
        let tree = tree()
        let run = try CLI.run(["scan", "--format", "json", tree.path + "/web"])
        XCTAssertEqual(run.status, 0, run.stderr)
        assertNoCanary(run)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let readers = try XCTUnwrap(doc["readers"] as? [[String: Any]])
        XCTAssertEqual(readers.map { "\($0["name"]!) \($0["path"]!):\($0["line"]!) \($0["rule"]!) \($0["via"] ?? "-")" }, [
            "STRIPE_SECRET_KEY src/env.mjs:5 env-object env (src/env.mjs:4)",
            "STRIPE_SECRET_KEY src/lib/stripe.ts:3 env-object env (src/env.mjs:4)",
        ])
    }

    func testDriftDoesNotCallANameReadThroughTheObjectUnread() throws {
        let tree = tree()
        let run = try CLI.run(["drift", "--config", tree.path + "/secretmap.yml", "--format", "json"])
        XCTAssertFalse(run.stdout.contains("declared-unread"), run.stdout)
        assertNoCanary(run)
        XCTAssertTrue(run.stdout.contains("\"findings\""), run.stdout + run.stderr)
    }
}
