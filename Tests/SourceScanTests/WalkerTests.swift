import XCTest
@testable import SourceScan

final class WalkerTests: XCTestCase {
    func walk(_ tree: TempTree, _ configure: (inout WalkOptions) -> Void = { _ in }) -> WalkOutcome {
        var options = WalkOptions()
        configure(&options)
        return Walker(options: options).walk([Root(name: "r", path: tree.path)])
    }

    func paths(_ outcome: WalkOutcome) -> [String] { outcome.files.map(\.relativePath) }

    func testGitignoreNegationAnchoringDirectoryOnlyAndDoubleStar() {
        let tree = TempTree()
        tree.write(".gitignore", """
        # comment
        *.gen.ts
        !keep.gen.ts
        /top-only.js
        build/
        docs/**/draft.py
        logs
        """)
        for f in ["a.ts", "x.gen.ts", "keep.gen.ts", "top-only.js", "sub/top-only.js", "build/out.js",
                  "sub/build/out.js", "docs/a/b/draft.py", "docs/draft.py", "docs/a/final.py", "build.js", "logs/l.js"] {
            tree.write(f, "x")
        }
        tree.write("sub/.gitignore", "!x.gen.ts\nlocal.js\n")
        tree.write("sub/x.gen.ts", "x")
        tree.write("sub/local.js", "x")
        tree.write("other/local.js", "x")
        XCTAssertEqual(paths(walk(tree)), [
            "a.ts", "build.js", "docs/a/final.py", "keep.gen.ts", "other/local.js", "sub/top-only.js", "sub/x.gen.ts",
        ])
        XCTAssertEqual(paths(walk(tree) { $0.useIgnoreFiles = false }).count, 15)
    }

    func testGitInfoExcludeAndAlwaysSkippedFolders() {
        let tree = TempTree()
        tree.write(".git/info/exclude", "secret-notes.py\n")
        tree.write(".git/hooks/pre-commit.py", "x")
        tree.write("secret-notes.py", "x")
        tree.write("node_modules/pkg/index.js", "x")
        tree.write(".venv/lib/site.py", "x")
        tree.write("app.py", "x")
        tree.write("README.md", "x")
        let outcome = walk(tree)
        XCTAssertEqual(paths(outcome), ["app.py"])
        XCTAssertEqual(outcome.otherLanguages, 1)
        XCTAssertEqual(outcome.ignored, 1)
    }

    func testSymlinksAreNotFollowedByDefaultAndNeverOutOfTheRootOrIntoALoop() {
        let tree = TempTree()
        let outside = TempTree()
        outside.write("outside.js", "process.env.OUTSIDE")
        tree.write("src/in.js", "x")
        tree.link("src/loop", to: "..")
        tree.link("escape", to: outside.path)
        tree.link("alias.js", to: "src/in.js")
        XCTAssertEqual(paths(walk(tree)), ["src/in.js"])
        XCTAssertTrue(walk(tree).skipped.isEmpty)

        let followed = walk(tree) { $0.followSymlinks = true }
        XCTAssertEqual(paths(followed), ["src/in.js"])
        XCTAssertEqual(followed.skipped.map { "\($0.path) \($0.reason.rawValue)" }.sorted(),
                       ["escape symlinkOutOfRoot", "src/loop symlinkLoop"])
    }

    func testBinaryLargeAndValidFilesAreCountedAndTheScanGoesOn() throws {
        let tree = TempTree()
        tree.writeBytes("bin.js", [0x63, 0x6F, 0x00, 0x6E] + Array("process.env.IN_BINARY".utf8))
        tree.write("big.js", String(repeating: "a", count: 2048) + "process.env.IN_BIG")
        tree.write("ok.js", "const a = process.env.AFTER_BAD_FILES;")
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)]) { $0.maxFileSize = 1024 }
        XCTAssertEqual(result.readers.map(\.line_), ["AFTER_BAD_FILES r/ok.js:1:23"])
        XCTAssertEqual(result.skipped.map { "\($0.path) \($0.reason.rawValue)" }, ["big.js tooLarge", "bin.js binary"])
        XCTAssertEqual(result.summary.skipped, ["tooLarge": 1, "binary": 1])
        XCTAssertEqual(result.summary.filesScanned, 1)
    }

    /// A minified bundle is one huge line: skipped with a warning at the default limit, and
    /// scanned in linear time (every finding's column counted from the previous one) above it.
    func testAHugeSingleLineMinifiedFile() throws {
        let tree = TempTree()
        let unit = "var a=process.env.MINIFIED_READER||\"é\";"   // 40 bytes, 39 scalars
        let count = 150_000                                           // about 6 MiB on one line
        tree.write("dist-min/bundle.min.js", String(repeating: unit, count: count))
        let root = [Root(name: "r", path: tree.path)]
        let skipped = try Fixtures.scan(root)
        XCTAssertEqual(skipped.skipped.map { "\($0.path) \($0.reason.rawValue)" }, ["dist-min/bundle.min.js tooLarge"])

        let scanned = try Fixtures.scan(root) { $0.maxFileSize = 8 << 20 }
        XCTAssertEqual(scanned.readers.count, count)
        XCTAssertEqual(scanned.readers.last.map { "\($0.line):\($0.column)" }, "1:\((count - 1) * 39 + 19)")
    }

    func testInvalidUTF8CRLFAndBOMKeepLinesAndColumnsRight() throws {
        let tree = TempTree()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = "// \u{00E9}\r\nconst s = \"\u{00E9}\u{00E9}\"; const v = process.env.AFTER_ACCENTS;\r\n"
        tree.writeBytes("crlf.js", bom + Array(text.utf8))
        tree.writeBytes("bad.py", Array("x = '".utf8) + [0xFF, 0xFE, 0xC3] + Array("'\ny = os.environ[\"AFTER_INVALID\"]\n".utf8))
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)])
        XCTAssertEqual(result.readers.map(\.line_), ["AFTER_INVALID r/bad.py:2:17", "AFTER_ACCENTS r/crlf.js:2:39"])
    }

    func testRootsAreValidatedWithClearErrors() {
        XCTAssertThrowsError(try Root.validate([Root(name: "x", path: "/no/such/dir")])) {
            XCTAssertEqual("\($0)", "/no/such/dir: no such directory")
        }
        let a = TempTree(), b = TempTree()
        XCTAssertThrowsError(try Root.validate([Root(name: "same", path: a.path), Root(name: "same", path: b.path)])) {
            XCTAssertTrue("\($0)".contains("two roots are named 'same'"))
        }
        XCTAssertEqual(Root.parse("web=../app"), Root(name: "web", path: "../app"))
        XCTAssertEqual(Root.parse("/tmp/some/lambda/").name, "lambda")
    }
}
