import XCTest
@testable import Report
@testable import SourceScan

/// File names and literal values are chosen by whoever wrote a repository: what secretmap prints
/// of them (paths, repo names, hints) must not add lines to a report or drive a terminal.
final class PrintableTests: XCTestCase {
    func testControlCharactersAreShownEscaped() {
        XCTAssertEqual(Printable.escape("a\nb\rc\td\u{1B}[31m\u{7F}\u{0}"), #"a\nb\rc\td\x1b[31m\x7f\x00"#)
        XCTAssertEqual(Printable.escape("x\u{85}y\u{9B}z"), #"x\u{0085}y\u{009b}z"#)
        XCTAssertEqual(Printable.escape("evil\u{202E}sj.txt\u{2028}next\u{2066}"), #"evil\u{202e}sj.txt\u{2028}next\u{2066}"#)
    }

    func testOrdinaryTextIsLeftAsItIs() {
        for s in ["src/lib/stripe/client.ts", "docs/ключ-секрет.md", "sk_…12", "C:\\Users\\app", "naïve café — “quoted”", ""] {
            XCTAssertEqual(Printable.escape(s), s)
            var copy = s
            XCTAssertFalse(copy.withUTF8(Printable.mayNeedEscaping), s)
        }
    }

    func testTableCellsArePrintableInTextAndMarkdown() {
        let table = Table(header: ["WHERE", "HINT"], rows: [["repo/a\nsecretmap: forged|x.js:1:5", "\u{1B}[2…0m"]])
        XCTAssertEqual(table.text(), """
              WHERE                               HINT
              repo/a\\nsecretmap: forged|x.js:1:5  \\x1b[2…0m

            """)
        XCTAssertEqual(table.markdown(), """
            | WHERE | HINT |
            | --- | --- |
            | repo/a\\nsecretmap: forged\\|x.js:1:5 | \\x1b[2…0m |

            """)
    }

    func testDriftMarkdownCellsArePrintable() {
        XCTAssertEqual(DriftOutput.cell("web/a\r\n| D9 | High |\u{1B}"), #"web/a\r\n\| D9 \| High \|\x1b"#)
    }
}
