import XCTest
import Report
@testable import SourceScan

/// Trees built to break a scanner: each gives the right findings, says what it skipped, and the
/// scan goes on.
final class PathologicalTreeTests: XCTestCase {
    /// A 50 MB minified bundle on one line: scanned whole above the size limit, in linear time.
    func testFiftyMegabytesOnOneLine() throws {
        let tree = TempTree()
        let unit = "var a=process.env.BUNDLED||0;/*" + String(repeating: "x", count: 67) + "*/"   // 100 bytes
        let count = 500_000
        tree.write("dist/app.min.js", String(repeating: unit, count: count))
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)]) { $0.maxFileSize = 64 << 20 }
        XCTAssertEqual(result.readers.count, count)
        XCTAssertEqual(result.readers.last.map { "\($0.line):\($0.column)" }, "1:\((count - 1) * 100 + 19)")
        XCTAssertEqual(result.summary.bytesScanned, 50_000_000)
    }

    func testAFileOfNULBytesIsSkippedAsBinaryAndSaidSo() throws {
        let tree = TempTree()
        tree.writeBytes("zeros.js", [UInt8](repeating: 0, count: 100_000))
        tree.write("ok.ts", "export const k = process.env.AFTER_NULS;\n")
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)])
        XCTAssertEqual(result.readers.map(\.line_), ["AFTER_NULS r/ok.ts:1:30"])
        XCTAssertEqual(result.skipped.map { "\($0.path) \($0.reason.rawValue)" }, ["zeros.js binary"])
    }

    /// CRLF and LF mixed in one file, and a lone CR (old Mac) that is not a line break for the
    /// editors users open the file in.
    func testMixedLineEndingsKeepLineNumbersRight() throws {
        let tree = TempTree()
        tree.write("mixed.py", "import os\r\nA = os.environ['ONE']\nB = os.getenv('TWO')\r\n\r\nC = os.environ.get('THREE')\n")
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)])
        XCTAssertEqual(result.readers.map(\.line_), ["ONE r/mixed.py:2:17", "TWO r/mixed.py:3:16", "THREE r/mixed.py:5:21"])
    }

    func testPathsWithSpacesAndNonASCIICharacters() throws {
        let tree = TempTree()
        tree.write("apps/mon app/src/réglages ünï.ts", "const t = process.env.PATH_WITH_SPACES;\n")
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)])
        XCTAssertEqual(result.readers.map(\.line_), ["PATH_WITH_SPACES r/apps/mon app/src/réglages ünï.ts:1:23"])
    }

    func testOneHundredThousandEmptyFiles() throws {
        let tree = TempTree()
        let fm = FileManager.default
        for d in 0..<100 {
            let dir = tree.root.appendingPathComponent("d\(d)")
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            for f in 0..<1000 { _ = fm.createFile(atPath: dir.appendingPathComponent("f\(f).js").path, contents: nil) }
        }
        tree.write("d0/reader.js", "process.env.AMONG_EMPTY_FILES\n")
        let result = try Fixtures.scan([Root(name: "r", path: tree.path)])
        XCTAssertEqual(result.readers.map(\.line_), ["AMONG_EMPTY_FILES r/d0/reader.js:1:13"])
        XCTAssertEqual(result.summary.filesScanned, 100_001)
    }

    /// A rule that backtracks catastrophically on a file hits PCRE2's limit: one warning naming the
    /// file and the rule, the other rules and files still scanned.
    func testARuleThatHitsTheBacktrackingLimitIsReportedOnceAndTheScanGoesOn() throws {
        var rules = try RuleSet.builtIn()
        try rules.add(yaml: """
        readers:
          - id: test-exponential
            description: catastrophic on purpose
            languages: [javascript]
            keywords: ["process.env"]
            pattern: 'process\\.env\\.(?<name>(?:[A-Z]+)+)!'
            match: []
            no-match: []
        """, fileName: "test.yaml")
        let tree = TempTree()
        tree.write("bomb.js", "process.env." + String(repeating: "A", count: 40) + "\nprocess.env." + String(repeating: "B", count: 40) + "\nconst ok = process.env.STILL_FOUND; // the '!' PCRE2 needs before it tries at all\n")
        tree.write("other.js", "const x = process.env.OTHER_FILE;\n")
        var options = ScanOptions()
        options.threads = 2
        let result = ScanEngine(rules: rules, options: options, fingerprinter: Fixtures.fingerprinter).scan([Root(name: "r", path: tree.path)])
        XCTAssertEqual(result.warnings.map { "\($0.path): \($0.message)" },
                       ["bomb.js: rule 'test-exponential' hit the PCRE2 backtracking limit; its matches in this file may be incomplete"])
        XCTAssertEqual(result.readers.filter { $0.rule != "test-exponential" }.map(\.line_).sorted(),
                       ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA r/bomb.js:1:13", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB r/bomb.js:2:13",
                        "OTHER_FILE r/other.js:1:23", "STILL_FOUND r/bomb.js:3:24"])
    }
}
