import XCTest
@testable import SourceScan

/// Config files a CLI loads (drizzle.config.ts, knexfile.js/.mjs) are code: the scan already
/// finds their `process.env.X` readers, so a name they read is never declared-unread.
final class ToolConfigScanTests: XCTestCase {
    func testDrizzleAndKnexConfigFilesAreScannedAsCode() throws {
        let tree = TempTree()
        tree.write("drizzle.config.ts", "import { defineConfig } from \"drizzle-kit\";\nexport default defineConfig({\n  dbCredentials: { url: process.env.DRIZZLE_DATABASE_URL! },\n});\n")
        tree.write("knexfile.js", "module.exports = {\n  client: \"pg\",\n  connection: process.env.KNEX_DATABASE_URL,\n};\n")
        tree.write("db/knexfile.mjs", "export default { connection: process.env.MIGRATIONS_DATABASE_URL }\n")
        let result = try Fixtures.scan([Root(name: "t", path: tree.path)])
        XCTAssertEqual(result.readers.map(\.line_), [
            "MIGRATIONS_DATABASE_URL t/db/knexfile.mjs:1:42",
            "DRIZZLE_DATABASE_URL t/drizzle.config.ts:3:37",
            "KNEX_DATABASE_URL t/knexfile.js:3:27",
        ])
    }
}
