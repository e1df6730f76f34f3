import XCTest
import PCRE
@testable import SourceScan

/// Every tokenizer, context finder and reader rule on mangled source: truncated at every kind of
/// boundary, bytes flipped to quotes, braces, backslashes and invalid UTF-8. Debug builds check
/// every index, so an out-of-range access fails the test. (Coverage-guided fuzzing is the
/// robustness issue's job; this is the cheap net that runs on every `swift test`.)
final class MangledInputTests: XCTestCase {
    static let interesting: [UInt8] = Array("\"'`\\{}()[]$#/*\n\r=|?:;,.fFrRbB\u{0}".utf8) + [0xC3, 0xFF, 0x80]

    func sources() throws -> [(Language.Family, [UInt8])] {
        let root = Fixtures.packageRoot.appendingPathComponent("Fixtures")
        var out: [(Language.Family, [UInt8])] = []
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.sorted()
        for rel in files {
            guard let language = Language(fileName: (rel as NSString).lastPathComponent) else { continue }
            out.append((language.family, Array(try Data(contentsOf: root.appendingPathComponent(rel)))))
        }
        return out
    }

    func testMangledSourcesNeverCrashAndKeepTokensInBounds() throws {
        var rng = SplitMix64(seed: 20261126)
        let rules = try RuleSet.builtIn()
        let lexScratch = LexScratch(), matchScratch = MatchScratch()
        var runs = 0
        for (family, original) in try sources() {
            let detector = ReaderDetector(rules: rules.readers.filter { $0.families.contains(family) })
            let contexts = ContextFinders.forFamily(family)
            for round in 0..<60 {
                var bytes = original
                if round % 3 == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1)))) }
                for _ in 0..<(1 + round % 7) where !bytes.isEmpty {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    bytes[at] = Self.interesting[Int(rng.next() % UInt64(Self.interesting.count))]
                }
                bytes.withUnsafeBufferPointer { buf in
                    let lexed = Tokenizers.forFamily(family).tokenize(buf, scratch: lexScratch)
                    for t in lexed.tokens {
                        XCTAssertTrue(t.start <= t.end && t.end <= buf.count, "token out of bounds")
                        XCTAssertTrue(t.valueStart <= t.valueEnd && t.valueEnd <= buf.count, "value out of bounds: \(family) \(t.valueStart)..<\(t.valueEnd) of \(buf.count), token \(t.start)..<\(t.end) tail \(Array(buf.suffix(8)))")
                    }
                    for r in lexed.nonCode { XCTAssertTrue(r.upperBound <= buf.count, "nonCode \(family) \(r) of \(buf.count)") }
                    _ = detector.find(in: buf, lexed: lexed, scratch: matchScratch) { _ in }
                    for site in contexts.sites(in: lexed.tokens, buf) {
                        XCTAssertTrue(lexed.tokens.indices.contains(site.tokenIndex))
                    }
                }
                runs += 1
            }
        }
        XCTAssertGreaterThan(runs, 1000)
    }
}

/// A small deterministic generator, so a failure reproduces.
