import Foundation
import XCTest
@testable import SourceScan

/// Assignments through an env object are writes, not reads (issue 17 item 6), as
/// `process.env.X = …` is for the reader rules.
final class EnvObjectWriteTests: XCTestCase {
    /// A test's set-up that assigns through the object (`env.X = …`, `env["X"] = …`,
    /// `delete env.X`) writes, as `process.env.X = …` does (issue 17 item 6); `??=` and `===`
    /// still read.
    func testWritesThroughAnObjectAreNotReads() throws {
        let found = try objectReaders([
            "app/env.server.ts": EnvObjectFormTests.envServer,
            "test/setup.test.ts": """
            import { env } from "../app/env.server";
            env.PORT = "1";
            delete env.SESSION_SECRET;
            env["PORT"] = "2";
            env.SESSION_SECRET ??= "x";
            if (env.PORT === "3") {}
            """,
        ])
        XCTAssertEqual(found, [
            "SESSION_SECRET app/env.server.ts:2:27 env (app/env.server.ts:3)",
            "PORT app/env.server.ts:2:55 env (app/env.server.ts:3)",
            "SESSION_SECRET test/setup.test.ts:5:5 env (app/env.server.ts:3) test",
            "PORT test/setup.test.ts:6:9 env (app/env.server.ts:3) test",
        ])
    }
}
