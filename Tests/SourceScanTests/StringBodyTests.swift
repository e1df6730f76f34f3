import XCTest
import PCRE
import TestSupport
@testable import SourceScan

/// The tokenizers' string and comment bodies are byte loops (StringBodies.swift) that replaced
/// anchored PCRE2 patterns. Each loop must stop exactly where its pattern's match ends, from every
/// start offset of many random subjects made of the bytes the bodies care about.
final class StringBodyTests: XCTestCase {
    static let alphabet: [UInt8] = Array("\"'`\\{}()$#/*\nab ".utf8) + [0xC3, 0x00]

    /// Compares `loop` with `pattern` from every offset of 3,000 random subjects.
    func assertSameEnd(_ pattern: String, file: StaticString = #filePath, line: UInt = #line,
                       _ loop: (inout LexCursor) -> Void) {
        let regex = try! Regex(pattern, options: [.anchored])
        let scratch = LexScratch()
        let match = MatchScratch()
        var random = SplitMix64(seed: 0x5EC2E7)
        var failed = false
        for _ in 0..<3_000 where !failed {
            let subject = (0..<Int(random.next() % 24)).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] }
            subject.withUnsafeBufferPointer { bytes in
                for start in 0...bytes.count {
                    let expected = (try! regex.matchEnd(in: bytes, from: start, scratch: match)) ?? start
                    var cursor = LexCursor(bytes, scratch: scratch, dollarInIdentifiers: false)
                    cursor.pos = start
                    loop(&cursor)
                    if cursor.pos != expected {
                        XCTFail("\(pattern) on \(Array(bytes)) from \(start): loop ends at \(cursor.pos), pattern at \(expected)",
                                file: file, line: line)
                        failed = true  // one counterexample is enough
                        return
                    }
                }
            }
        }
    }

    func testJavaScriptBodies() {
        assertSameEnd(#"(?:[^"\\\n]++|\\[\s\S])*+"#) { $0.lineStringBody(BodyStops("\"\\\n")) }
        assertSameEnd(#"(?:[^'\\\n]++|\\[\s\S])*+"#) { $0.lineStringBody(BodyStops("'\\\n")) }
        assertSameEnd(#"(?:[^`\\$]++|\\[\s\S]|\$(?!\{))*+"#) { $0.templateBody(BodyStops("`\\$")) }
        assertSameEnd(#"[\s\S]*?\*/"#) { $0.skipPast(UInt8(ascii: "*"), UInt8(ascii: "/")) }
    }

    func testSwiftBodies() {
        assertSameEnd(#"(?:[^"\\\n]++|\\[^(])*+"#) { $0.lineStringBody(BodyStops("\"\\\n"), interpolationParen: true) }
        assertSameEnd(#"(?:[^"\\]++|\\[^(]|"(?!""))*+"#) {
            $0.tripleStringBody(BodyStops("\"\\"), quote: UInt8(ascii: "\""), interpolationParen: true)
        }
        assertSameEnd(#"[\s\S]*?/#"#) { $0.skipPast(UInt8(ascii: "/"), UInt8(ascii: "#")) }
    }

    func testPythonBodies() {
        for q in ["'", "\""] {
            let u = UInt8(ascii: q == "'" ? "'" : "\"")
            assertSameEnd("(?:[^\(q)\\\\\\n]++|\\\\[\\s\\S])*+") {
                $0.pythonStringBody(BodyStops(q + "\\\n"), quote: u, triple: false, formatted: false)
            }
            assertSameEnd("(?:[^\(q)\\\\\\n{]++|\\\\[\\s\\S]|\\{\\{)*+") {
                $0.pythonStringBody(BodyStops(q + "\\\n{"), quote: u, triple: false, formatted: true)
            }
            assertSameEnd("(?:[^\(q)\\\\]++|\\\\[\\s\\S]|\(q)(?!\(q)\(q)))*+") {
                $0.pythonStringBody(BodyStops(q + "\\"), quote: u, triple: true, formatted: false)
            }
            assertSameEnd("(?:[^\(q)\\\\{]++|\\\\[\\s\\S]|\\{\\{|\(q)(?!\(q)\(q)))*+") {
                $0.pythonStringBody(BodyStops(q + "\\{"), quote: u, triple: true, formatted: true)
            }
        }
    }
}
