import Declarations
import PCRE
import SourceScan

/// The code libFuzzer drives: each target takes arbitrary bytes and runs one parser over them,
/// checking what a parser promises (tokens inside the input, in order; declarations on real lines).
/// A violated promise is a crash, so the fuzzer keeps the input.
public enum FuzzTargets {
    public static let names = ["javascript", "python", "swift", "readers", "yaml-workflow", "env-file", "task-definition",
                               "script", "hcl", "compose", "kubernetes", "tools"]

    /// Runs `name` on `bytes`; false for an unknown target.
    @discardableResult
    public static func run(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name {
        case "javascript": tokenize(.javascript, bytes)
        case "python": tokenize(.python, bytes)
        case "swift": tokenize(.swift, bytes)
        case "readers": readers(bytes)
        case "yaml-workflow": declarations(bytes, file: ".github/workflows/deploy.yml")
        case "env-file": declarations(bytes, file: ".env.example"); declarations(bytes, file: ".env.local")
        case "task-definition": declarations(bytes, file: "task-definition.json")
        case "script": declarations(bytes, file: "scripts/push.sh"); declarations(bytes, file: "Makefile")
        case "hcl": declarations(bytes, file: "main.tf")
        case "compose": declarations(bytes, file: "docker-compose.yml"); declarations(bytes, file: "Dockerfile")
        case "kubernetes": declarations(bytes, file: "deploy/templates/deployment.yaml")
        case "tools": declarations(bytes, file: "package.json"); declarations(bytes, file: "prisma/schema.prisma")
        default: return false
        }
        return true
    }

    // nonisolated(unsafe), these scratch buffers: libFuzzer runs one input at a time, on one thread.
    nonisolated(unsafe) static let scratch = LexScratch()

    static func tokenize(_ family: Language.Family, _ bytes: UnsafeBufferPointer<UInt8>) {
        let lexed = Tokenizers.forFamily(family).tokenize(bytes, scratch: scratch)
        var previous = 0
        for t in lexed.tokens {
            precondition(t.start >= 0 && t.start <= t.end && t.end <= bytes.count, "token out of the input")
            precondition(t.valueStart >= t.start && t.valueEnd <= t.end && t.valueStart <= t.valueEnd, "string value outside its token")
            if t.kind != .string { precondition(t.start >= previous || t.interpolated, "tokens out of order") }
            previous = max(previous, t.start)
        }
        for r in lexed.nonCode { precondition(r.lowerBound >= 0 && r.upperBound <= bytes.count, "non-code range out of the input") }
    }

    static let rules = try! RuleSet.builtIn()
    // nonisolated(unsafe): one input at a time, on libFuzzer's one thread.
    nonisolated(unsafe) static let matchScratch = MatchScratch()

    /// Every reader rule of every language, through the same path as a scan.
    static func readers(_ bytes: UnsafeBufferPointer<UInt8>) {
        for family in Language.Family.allCases {
            let lexed = Tokenizers.forFamily(family).tokenize(bytes, scratch: scratch)
            let found = rules.readers(in: bytes, family: family, lexed: lexed, scratch: matchScratch)
            for r in found { precondition(r.offset >= 0 && r.offset <= bytes.count, "reader offset out of the input") }
        }
    }

    static func declarations(_ bytes: UnsafeBufferPointer<UInt8>, file: String) {
        let text = String(decoding: bytes, as: UTF8.self)
        // Lines as the parsers and people count them: line feeds. (Splitting the String on "\n"
        // missed every CRLF, one Character in Swift, and flagged a right line as out of range.)
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        for d in DeclarationScanner.fuzzParse(text, path: file) {
            precondition(d.line >= 1 && d.line <= lines + 1, "declaration on a line the input does not have")
        }
    }
}
