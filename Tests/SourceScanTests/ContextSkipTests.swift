import XCTest
import TestSupport
@testable import SourceScan

/// The context finders jump over code outside every class (and, in Python, `__init__`) instead of
/// stepping through each token. The jump must never change a site: on every fixture, on tricky
/// hand-written cases and on mangled copies of both, the sites with and without it are compared.
final class ContextSkipTests: XCTestCase {
    static let cases: [(Language.Family, String)] = [
        (.python, "x = 1; class A:\n    token = \"abcdefghijklmnopqrstuvwx\"\n"),
        (.python, "async def __init__(self, key=\"abcdefghijklmnopqrstuvwx\"):\n    self.k = \"abcdefghijklmnopqrstuvwy\"\n"),
        (.python, "def outer():\n    class Inner:\n        secret = \"abcdefghijklmnopqrstuvwx\"\n    return Inner\nplain = \"abcdefghijklmnopqrstuvwz\"\n"),
        (.python, "# comment\nclass A(\n    Base):\n    key: str = \"abcdefghijklmnopqrstuvwx\"\n\ndef f(): pass\nclass B: k = \"abcdefghijklmnopqrstuvwy\"\n"),
        (.python, "foo(1); def __init__(self, a=\"abcdefghijklmnopqrstuvwx\"): self.b = \"abcdefghijklmnopqrstuvwy\"\n"),
        (.python, "x = [\n  1,\n]\nclass A:\n    def __init__(self):\n        self.t = x or \"abcdefghijklmnopqrstuvwx\"\n"),
        (.python, "y = 1 \\\n  + 2\nclass \\\n  A:\n    t = \"abcdefghijklmnopqrstuvwx\"\n"),
        (.javascript, "const o = { a: { b: 1 } };\nfunction f() { class X { k = \"abcdefghijklmnopqrstuvwx\"; constructor(t = \"abcdefghijklmnopqrstuvwy\") { this.t = t || \"abcdefghijklmnopqrstuvwz\"; } } }\nobj.class = 1;\nclass Y extends f(() => {}) { z = 'abcdefghijklmnopqrstuvwx' }\n"),
        (.swift, "let a = [1]\nstruct S { let k = \"abcdefghijklmnopqrstuvwx\"; init(t: String = \"abcdefghijklmnopqrstuvwy\") { self.t = \"abcdefghijklmnopqrstuvwz\" } }\nclass func f() {}\nextension S { static let e = \"abcdefghijklmnopqrstuvwx\" }\n"),
    ]

    func sources() throws -> [(Language.Family, [UInt8])] {
        let root = Fixtures.packageRoot.appendingPathComponent("Fixtures")
        var out = Self.cases.map { ($0.0, Array($0.1.utf8)) }
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.sorted()
        for rel in files {
            guard let language = Language(fileName: (rel as NSString).lastPathComponent) else { continue }
            out.append((language.family, Array(try Data(contentsOf: root.appendingPathComponent(rel)))))
        }
        return out
    }

    func sites(_ family: Language.Family, _ tokens: TokenList, _ bytes: UnsafeBufferPointer<UInt8>, skipping: Bool) -> [String] {
        let found: [LiteralSite]
        switch family {
        case .python: found = ContextFinders.python.sites(in: tokens, bytes, skipping: skipping)
        case .javascript: found = ContextFinders.javascript.sites(in: tokens, bytes, skipping: skipping)
        case .swift: found = ContextFinders.swift.sites(in: tokens, bytes, skipping: skipping)
        }
        return found.map { "\($0.tokenIndex) \($0.context.rawValue) \($0.target ?? "-")" }
    }

    func testJumpingNeverChangesASite() throws {
        var rng = SplitMix64(seed: 20261127)
        let scratch = LexScratch()
        var compared = 0, withSites = 0
        for (family, original) in try sources() {
            for round in 0..<40 {
                var bytes = original
                if round > 0 {
                    for _ in 0..<(1 + round % 5) where !bytes.isEmpty {
                        let at = Int(rng.next() % UInt64(bytes.count))
                        bytes[at] = MangledInputTests.interesting[Int(rng.next() % UInt64(MangledInputTests.interesting.count))]
                    }
                }
                bytes.withUnsafeBufferPointer { buf in
                    var lexed = Tokenizers.forFamily(family).tokenize(buf, scratch: scratch)
                    defer { scratch.recycle(&lexed) }
                    let stepped = sites(family, lexed.tokens, buf, skipping: false)
                    let jumped = sites(family, lexed.tokens, buf, skipping: true)
                    XCTAssertEqual(jumped, stepped, "\(family) round \(round): \(String(decoding: buf.prefix(200), as: UTF8.self))")
                    compared += 1
                    if !stepped.isEmpty { withSites += 1 }
                }
            }
        }
        XCTAssertGreaterThan(withSites, 100, "the comparison must see files with sites")
        XCTAssertGreaterThan(compared, 1000)
    }

    /// The hand-written cases find what they were written for.
    func testCasesHaveTheirSites() throws {
        let scratch = LexScratch()
        var bytes = Array(Self.cases[2].1.utf8)
        let found = bytes.withUnsafeMutableBufferPointer { buf -> [String] in
            let b = UnsafeBufferPointer(buf)
            let lexed = Tokenizers.forFamily(.python).tokenize(b, scratch: scratch)
            return sites(.python, lexed.tokens, b, skipping: true)
        }
        XCTAssertEqual(found.map { $0.split(separator: " ").dropFirst().joined(separator: " ") }, ["field-initializer secret"])
    }
}
