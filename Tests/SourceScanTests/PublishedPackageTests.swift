import XCTest
@testable import SourceScan

/// Code of a published npm package (a CLI, a build extension) runs on its users' machines: its
/// readers are marked `published` (issue 16: trigger.dev's packages/cli-v3 and packages/build
/// read the customer's VERCEL_TOKEN, TRIGGER_ACCESS_TOKEN…). The nearest package.json decides.
final class PublishedPackageTests: XCTestCase {
    func testReadersInAPublishedPackageAreMarked() throws {
        let tree = TempTree()
        tree.write("repo/package.json", #"{ "name": "monorepo", "private": true, "workspaces": ["apps/*", "packages/*"] }"#)
        tree.write("repo/apps/web/package.json", #"{ "name": "web", "private": true, "exports": "./index.js" }"#)
        tree.write("repo/apps/web/src/a.ts", "export const a = process.env.WEB_SECRET;\n")
        tree.write("repo/packages/cli/package.json", #"{ "name": "@acme/cli", "bin": { "acme": "dist/index.js" } }"#)
        tree.write("repo/packages/cli/src/deploy/run.ts", "export const t = process.env.ACME_ACCESS_TOKEN;\n")
        tree.write("repo/packages/build/package.json", #"{ "name": "@acme/build", "exports": { ".": "./dist/index.js" } }"#)
        tree.write("repo/packages/build/src/ext.ts", "export const v = process.env.VERCEL_ACCESS_TOKEN;\n")
        tree.write("repo/packages/sdk/package.json", #"{ "name": "@acme/sdk", "publishConfig": { "access": "public" } }"#)
        tree.write("repo/packages/sdk/index.js", "module.exports = process.env.ACME_API_KEY;\n")
        tree.write("repo/packages/internal/package.json", #"{ "name": "@acme/internal", "version": "1.0.0" }"#)
        tree.write("repo/packages/internal/db.ts", "export const d = process.env.INTERNAL_DATABASE_URL;\n")
        tree.write("repo/packages/broken/package.json", "{ \"bin\": ")
        tree.write("repo/packages/broken/x.ts", "export const b = process.env.BROKEN_TOKEN;\n")
        tree.write("repo/tools/seed.py", "import os\nos.environ.get(\"SEED_TOKEN\")\n")
        let result = try Fixtures.scan([Root(name: "repo", path: tree.path + "/repo")])
        XCTAssertEqual(result.readers.map { "\($0.name) \($0.path)" + ($0.isPublished ? " published" : "") }, [
            "WEB_SECRET apps/web/src/a.ts",
            "BROKEN_TOKEN packages/broken/x.ts",
            "VERCEL_ACCESS_TOKEN packages/build/src/ext.ts published",
            "ACME_ACCESS_TOKEN packages/cli/src/deploy/run.ts published",
            "INTERNAL_DATABASE_URL packages/internal/db.ts",
            "ACME_API_KEY packages/sdk/index.js published",
            "SEED_TOKEN tools/seed.py",
        ])
    }

    /// The answer is asked once per reader and remembered for the last file: the same path under
    /// another root, or another file, is looked up again.
    func testTheLastFilesAnswerIsForThatFileAndRootOnly() {
        let tree = TempTree()
        tree.write("a/pkg/package.json", #"{ "name": "@acme/cli", "bin": "cli.js" }"#)
        tree.write("a/pkg/x.ts", "")
        tree.write("a/app/package.json", #"{ "name": "app", "private": true, "bin": "cli.js" }"#)
        tree.write("b/pkg/package.json", #"{ "name": "pkg", "version": "1.0.0" }"#)
        var packages = PublishedPackages()
        let a = tree.path + "/a", b = tree.path + "/b"
        let asked = [("pkg/x.ts", a), ("pkg/x.ts", a), ("pkg/x.ts", b), ("pkg/x.ts", b), ("pkg/x.ts", a),
                     ("app/y.ts", a), ("pkg/z/w.ts", a), ("pkg/z/w.ts", b)]
        XCTAssertEqual(asked.map { packages.isPublished($0.0, root: $0.1) }, [true, true, false, false, true, false, true, false])
    }

    /// The NAME_FILE convention's reader (`*_FILE`) is no variable: two repositories both using it
    /// share no name.
    func testAConventionReaderIsNoSharedName() throws {
        let tree = TempTree()
        let proxy = "export const env = new Proxy(process.env, {\n  get: (t, k) => t[`${String(k)}_FILE`] ?? t[k],\n});\n"
        tree.write("a/env.ts", proxy)
        tree.write("b/env.ts", proxy)
        let result = try Fixtures.scan([Root(name: "a", path: tree.path + "/a"), Root(name: "b", path: tree.path + "/b")])
        XCTAssertEqual(result.readers.map(\.line_), ["*_FILE a/env.ts:2:19", "*_FILE b/env.ts:2:19"])
        XCTAssertEqual(result.sharedReaders.map(\.name), [])
    }
}
