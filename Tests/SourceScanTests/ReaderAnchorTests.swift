import PCRE
import TestSupport
import XCTest
@testable import SourceScan

/// A reader rule whose pattern starts at fixed text is tried, anchored, only where that text
/// occurs (ReaderAnchors.swift). It must find exactly what the search through the whole file
/// finds, in the same order, and read the anchors from the pattern no more boldly than PCRE2
/// matches it.
final class ReaderAnchorTests: XCTestCase {
    func anchors(_ pattern: String) -> [String]? {
        ReaderAnchors.anchors(of: pattern)?.map { a in
            let text = String(decoding: a.text, as: UTF8.self)
            return a.start == 0 ? text : "\(text)@\(a.start)"
        }
    }

    func testAnchorsAreTheFixedTextAMatchStartsWith() {
        XCTAssertEqual(anchors(#"(?<!\bdelete\s)\bprocess\.env\??\.(?<name>[A-Za-z_$][\w$]*+)"#), ["process.env"])
        XCTAssertEqual(anchors(#"\bos\.environ\[\s*[rRuU]?(["'])(?<name>\w+)\1"#), ["os.environ["])
        XCTAssertEqual(anchors(#"(?<![\w.])(?<!\bdel\s)environ(?|\[x\]|\.get)"#), ["environ"])
        // After a lookbehind of fixed texts, the match starts inside the anchor.
        XCTAssertEqual(anchors(#"(?<=(?<![\w$.])env|(?<![\w$.])getEnv)\(\s*(["'`])(?<name>\w+)\1"#), ["env(@3", "getEnv(@6"])
        XCTAssertEqual(anchors(#"(?:(?<=\bos\.environ\.get)\(|(?<=\bos\.environ)\[|(?<=(?<![\w.])env)\()\s*(?<map>\w+)"#),
                       ["os.environ.get(@14", "os.environ[@10", "env(@3"])
        XCTAssertEqual(anchors(#"process\.env\.X|getenv\("#), ["process.env.X", "getenv("])
        // A byte that a quantifier may drop ends the text before it; one that `+` repeats, after it.
        XCTAssertEqual(anchors(#"abcde?f"#), ["abcd"])
        XCTAssertEqual(anchors(#"abcd+e"#), ["abcd"])
        XCTAssertEqual(anchors(#"abcd{2}"#), nil, "abc is too short")
        XCTAssertEqual(anchors(#"new\s+Receiver"#), nil, "new is too short")
    }

    func testNoAnchorsWhereThePatternDoesNotFixTheStart() {
        XCTAssertNil(anchors(#"\b[cC]onfigService\.get"#), "a class first")
        XCTAssertNil(anchors(#"(?i)process\.env"#), "an inline option changes what the text matches")
        XCTAssertNil(anchors(#"(?:process\.env)?\.getenv"#), "an optional group")
        XCTAssertNil(anchors(#"process\.env|[ab]cdef"#), "a branch without a text")
        XCTAssertNil(anchors(#"(?<=env\b)\("#), "a lookbehind that is not a fixed text to its end")
        XCTAssertNil(anchors(#"process\Kenv"#), #"\K moves the start"#)
        XCTAssertNil(anchors(#"(?<name>process)\.env"#), "a group that captures")
        XCTAssertNil(anchors(#"\{(?<list>[^{}]*)\}\s*=\s*process\.env"#))
    }

    /// The built-in rules searched by anchors; the rest (a class or a brace first, or a short
    /// text) are searched for as before.
    func testBuiltInRulesWithAnchors() throws {
        let rules = try RuleSet.builtIn().readers
        let anchored = rules.filter { ReaderAnchors.anchors(of: $0.regex.pattern) != nil && $0.bracedList == nil }.map(\.id)
        XCTAssertEqual(anchored, [
            "js-process-env-member", "js-process-env-index", "js-import-meta-env", "js-deno-env-get", "js-bun-env",
            "js-env-wrapper", "js-env-via-map", "js-sdk-ai-sdk-anthropic",
            "py-os-environ-index", "py-os-environ-get", "py-os-getenv", "py-imported-environ", "py-imported-getenv",
            "py-env-wrapper", "py-environ-via-map", "py-dj-database-url-config", "py-dj-database-url-config-env",
            "py-decouple-config", "swift-processinfo-environment", "swift-vapor-environment-get", "swift-getenv",
        ])
    }

    /// Pair positions across vector blocks and more than one batch of positions.
    func testOccurrencesAreEveryPlaceATextIs() {
        let scan = AnchorScan(texts: [Array("process.env".utf8), Array("getEnv(".utf8), Array("config(".utf8)])
        var rng = SplitMix64(seed: 5)
        let pieces = ["process.env", "getEnv(", "config(", "nv", "env", "g(", " ", "x", "process.en", "\n"]
        for _ in 0..<200 {
            let text = (0..<Int(rng.next() % 400)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            let expected = scan.texts.map { t in
                bytes.count < t.count ? [] : (0...(bytes.count - t.count)).filter { Array(bytes[$0..<$0 + t.count]) == t }
            }
            let found = bytes.withUnsafeBufferPointer { scan.occurrences(in: $0, wanted: [true, true, true]) }
            XCTAssertEqual(found, expected, text.debugDescription)
            let some = bytes.withUnsafeBufferPointer { scan.occurrences(in: $0, wanted: [false, true, false]) }
            XCTAssertEqual(some, [[], expected[1], []])
        }
    }

    func readers(_ text: String, _ detector: ReaderDetector, _ family: Language.Family) -> [String] {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { b in
            let buf = UnsafeBufferPointer(b)
            let lexed = Tokenizers.forFamily(family).tokenize(buf, scratch: LexScratch())
            return detector.find(in: buf, lexed: lexed, scratch: MatchScratch()) { _ in }
                .map { "\($0.rule) \($0.name) \($0.offset) \($0.ruleIndex) \($0.matchEnd)" }
        }
    }

    func testAnchoredFindsWhatTheWholeSearchFinds() throws {
        let rules = try RuleSet.builtIn().readers
        let pieces: [Language.Family: [String]] = [
            .javascript: ["process.env", ".", "?.", "[", "]", "'A_1'", "\"B\"", "`C`", "X", "Y_Z", " ", "\n", "(", ")",
                          "env", "getEnv", "readEnv", "assertEnv", ".get", "import.meta.env", "Bun.env", "Deno.env.get(",
                          "{ A, B }", " = ", "delete ", "|| 'v'", "// ", "'", "MAP", "$", "x.env", "nv",
                          "process.env.A_1", "process.env['B']", "getEnv('C')", "env(`D`)", "import.meta.env.E"],
            .python: ["os.environ", "os.getenv", "environ", "getenv", ".get", "[", "]", "(", ")", "'A'", "\"B_2\"",
                      "r'C'", " ", "\n", "env", "env.str", "require_env", "config", "del ", ", 'v'", " or 'w'", "# ",
                      "MAP", "from os import environ, getenv\n", "from decouple import config\n",
                      "dj_database_url.config(", "env='D'", "x.", "nv"],
            .swift: ["ProcessInfo.processInfo.environment", "Environment.get", "getenv", "[", "]", "(", ")", "\"A\"",
                     " ", "\n", "?? \"v\"", "// ", ".", "nv", "ProcessInfo.processInfo.environment[\"B\"]",
                     "Environment.get(\"C\")", "getenv(\"D\")"],
        ]
        var rng = SplitMix64(seed: 29)
        for family in Language.Family.allCases {
            let familyRules = rules.filter { $0.families.contains(family) }
            let fast = ReaderDetector(rules: familyRules), whole = ReaderDetector(rules: familyRules, anchored: false)
            XCTAssertNotNil(fast.anchorScan)
            XCTAssertNil(whole.anchorScan)
            let words = pieces[family]!
            var total = 0
            for _ in 0..<1500 {
                let text = (0..<Int(rng.next() % 60)).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined()
                let expected = readers(text, whole, family)
                XCTAssertEqual(readers(text, fast, family), expected, text.debugDescription)
                total += expected.count
            }
            XCTAssertGreaterThan(total, 200, "the generated \(family) code must hold readers to compare")
        }
    }
}
