import XCTest
@testable import SourceScan

/// The tokenizers lex identifiers, numbers, punctuation and whitespace in runs with their state
/// in registers (`LexCursor.plainTokens`) and everything else through their `switch`. The runs
/// must give exactly what the `switch` alone gives (`plainRuns: false`): the same tokens, non-code
/// ranges and env-object candidates, on the cases where a run must stop (a `.5`, a closing
/// bracket that ends an interpolation, a full token buffer) and on random bytes.
final class TokenizerRunTests: XCTestCase {
    struct Lexed: Equatable {
        var tokens: [Token], nonCode: [Range<Int>], formWords: [Int32]
    }

    func lex(_ bytes: [UInt8], _ family: Language.Family, plainRuns: Bool) -> Lexed {
        bytes.withUnsafeBufferPointer { b in
            let scratch = LexScratch()
            let lexed: LexedFile
            switch family {
            case .javascript: lexed = JavaScriptTokenizer.shared.tokenize(b, scratch: scratch, plainRuns: plainRuns)
            case .python: lexed = PythonTokenizer.shared.tokenize(b, scratch: scratch, plainRuns: plainRuns)
            case .swift: lexed = SwiftTokenizer.shared.tokenize(b, scratch: scratch, plainRuns: plainRuns)
            }
            return Lexed(tokens: Array(lexed.tokens), nonCode: lexed.nonCode, formWords: lexed.formWordTokens)
        }
    }

    func assertSame(_ source: [UInt8], _ family: Language.Family, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let runs = lex(source, family, plainRuns: true), reference = lex(source, family, plainRuns: false)
        XCTAssertEqual(runs.tokens.count, reference.tokens.count, "\(family) \(label): token count", file: file, line: line)
        if let i = runs.tokens.indices.first(where: { $0 < reference.tokens.count && runs.tokens[$0] != reference.tokens[$0] }) {
            XCTFail("\(family) \(label): token \(i) differs: \(runs.tokens[i]) vs \(reference.tokens[i])", file: file, line: line)
        }
        XCTAssertEqual(runs.nonCode, reference.nonCode, "\(family) \(label): non-code ranges", file: file, line: line)
        XCTAssertEqual(runs.formWords, reference.formWords, "\(family) \(label): env-object candidates", file: file, line: line)
    }

    func testRunsStopWhereTheSwitchMustDecide() {
        let javascript = """
            const env = createEnv({ a: .5, b: 1e+5, c: 0x1F, d: a?.b ?? c, e: x >>>= 2 }); export default {}
            let t = `a ${ {k: `${process.env.X}`}.k } b ${ f({}) } c`; cleanEnv(process.env, { $id: #p, customer })
            x = y / 2 / z; r = /a[/]b/gi; if (a) /re/.test(s) // comment
            /* block */ const exporter = 1, processes = 2, elsewhere = 3, cc = 4; obj.constructor.name
            """
        let python = """
            x = f"a {b['k']} {c({1: 2})} {{d}} {e:>{w}}" + rb'\\d' + u"ü" + .5 + 1e-3 + 0o7
            class S(BaseSettings):  # comment
                key: str = os.environ.get("K", "v") or t"x {y}"; tr = bu = fr = 1
            def f(a=(1, [2, {3}]), *, b=...): return a.b.c[0]
            """
        let swift = """
            let s = "a \\(f(g(1), [2: 3])) b \\(x.y) c"; let r = #"raw \\#(v)"#; let m = \"""
            multi \\(a + (b))
            \"""
            struct S { let key = "v"; init?(a: Int = .max) { self.k = a } } // c
            /* nested /* c */ */ let re = #/a+/#; `default`.x; #if DEBUG #endif; $0 + 1.5e+3
            """
        for (source, family) in [(javascript, Language.Family.javascript), (python, .python), (swift, .swift)] {
            assertSame(Array(source.utf8), family, "cases")
            // Every prefix: a run may end at any byte, and an unterminated string or comment there.
            let bytes = Array(source.utf8)
            for end in stride(from: 0, through: bytes.count, by: 1) { assertSame(Array(bytes[..<end]), family, "prefix \(end)") }
        }
    }

    func testRunsGrowTheTokenBufferLikeTheSwitch() {
        // More tokens than a scratch holds at first (16,384): a run stops at the full buffer.
        let source = Array(String(repeating: "a.b(c, 1) + {d} ", count: 2_000).utf8)
        for family in Language.Family.allCases { assertSame(source, family, "long") }
    }

    func testRunsAgreeOnRandomBytes() {
        // Bytes a run decides on, mixed with those it leaves to the switch; a fixed seed.
        let alphabet = Array("abcepxyzEF_$019 .\t\n(){}[];:,=+-*/%<>!?&|^~#'\"`\\@\u{e9}".utf8)
        var state: UInt64 = 0x5EC2E7_3A9
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for round in 0..<400 {
            let bytes = (0..<(next() % 200)).map { _ in alphabet[next() % alphabet.count] }
            for family in Language.Family.allCases { assertSame(bytes, family, "random \(round)") }
        }
    }
}
