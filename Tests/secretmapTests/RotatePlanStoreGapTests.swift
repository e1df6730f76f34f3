import Foundation
import TestSupport
import XCTest

/// `rotate plan` for a secret no store of the environment holds: the runbook is printed, the gap
/// is said on stderr (one line, no value), and the exit status is 1.
final class RotatePlanStoreGapTests: XCTestCase {
    static let canary = "Zq8Xw2Lk9Vb4Nm7Pr3Ts6Yh1Jd5Gf0Ce"

    func tree() -> TempTree {
        let tree = TempTree()
        tree.write("app/src/crypto.js", """
            const key = process.env.FIELD_ENCRYPTION_KEY;
            const stripe = process.env.STRIPE_SECRET_KEY;
            const orphan = process.env.ORPHAN_TOKEN;

            """)
        tree.write("prod.env", "STRIPE_SECRET_KEY=\(Self.canary)\n")
        tree.write("staging.env", "FIELD_ENCRYPTION_KEY=\(Self.canary)\nSTRIPE_SECRET_KEY=\(Self.canary)\n")
        tree.write("secretmap.yml", """
            repos:
              - { name: app, path: app }
            environments:
              production: {}
              staging: {}
            stores:
              env_files:
                - { path: prod.env, environment: production }
                - { path: staging.env, environment: staging }

            """)
        return tree
    }

    func testMissingFromTheEnvironmentExits1() throws {
        let tree = tree()
        let run = try CLI.run(["rotate", "plan", "FIELD_ENCRYPTION_KEY", "--config", tree.path + "/secretmap.yml"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stderr, "secretmap: FIELD_ENCRYPTION_KEY is missing from production (held in staging): the runbook has no store of production to update; add it there first\n")
        XCTAssertTrue(run.stdout.hasPrefix("""
            Rotate FIELD_ENCRYPTION_KEY in production (data-encryption-key)
            Class from name-rule: data-encryption-key; if that is wrong, set it under classes: in secretmap.yml.

            """), run.stdout)
        XCTAssertNil(HostileRepoCanaryTests.leakedWindow(of: Self.canary, in: run.stdout + run.stderr))

        let staging = try CLI.run(["rotate", "plan", "FIELD_ENCRYPTION_KEY", "--env", "staging", "--config", tree.path + "/secretmap.yml"])
        XCTAssertEqual(staging.status, 0, staging.stderr)
        XCTAssertEqual(staging.stderr, "")
    }

    func testInNoStoreExits1() throws {
        let tree = tree()
        let run = try CLI.run(["rotate", "plan", "ORPHAN_TOKEN", "--config", tree.path + "/secretmap.yml"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stderr, "secretmap: ORPHAN_TOKEN is in no store: there is no value to rotate yet; add it to the stores of production first, or check the name\n")
        XCTAssertTrue(run.stdout.hasPrefix("Rotate ORPHAN_TOKEN in production"), run.stdout)
    }

    func testHeldInTheEnvironmentExits0() throws {
        let tree = tree()
        let run = try CLI.run(["rotate", "plan", "STRIPE_SECRET_KEY", "--config", tree.path + "/secretmap.yml"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertTrue(run.stdout.contains("[stores] Update the env file "), run.stdout)
        XCTAssertNil(HostileRepoCanaryTests.leakedWindow(of: Self.canary, in: run.stdout))
    }
}
