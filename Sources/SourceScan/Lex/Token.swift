/// One token of a source file, as byte offsets into the file's buffer.
/// Strings carry the range of their contents (inside the quotes) so literal detection can
/// measure and fingerprint them without copying the file.
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case identifier, number, punct, string, comment, regex }
    public var kind: Kind
    /// A template literal, f-string or Swift string with at least one interpolation: not a constant.
    public var interpolated: Bool
    // Offsets are stored as 32 bits (files are capped well below 2 GiB): a token takes 20 bytes
    // instead of 48, and a tokenized file half the memory traffic.
    private var _start: Int32
    private var _end: Int32
    private var _valueStart: Int32
    private var _valueEnd: Int32

    public var start: Int { get { Int(_start) } set { _start = Int32(truncatingIfNeeded: newValue) } }
    public var end: Int { get { Int(_end) } set { _end = Int32(truncatingIfNeeded: newValue) } }
    /// For strings: the contents between the quotes (for an unterminated string, to its end).
    public var valueStart: Int { get { Int(_valueStart) } set { _valueStart = Int32(truncatingIfNeeded: newValue) } }
    public var valueEnd: Int { get { Int(_valueEnd) } set { _valueEnd = Int32(truncatingIfNeeded: newValue) } }

    @inline(__always)
    init(_ kind: Kind, _ start: Int, _ end: Int) {
        self.kind = kind
        interpolated = false
        _start = Int32(truncatingIfNeeded: start); _end = Int32(truncatingIfNeeded: end)
        _valueStart = _start; _valueEnd = _end
    }
}

/// What a tokenizer returns: tokens in source order (an interpolated string comes before the
/// tokens of its interpolations) and the sorted byte ranges that are not code — comments and the
/// text parts of strings. A pattern match that starts in one of those ranges is not a reader.
public struct LexedFile: @unchecked Sendable {  // the tokens are read-only once lexed
    public var tokens = TokenList()
    public var nonCode: [Range<Int>] = []
    /// JavaScript only: the indices of the identifiers of 6 to 9 bytes that start with `c`, `p`
    /// or `e`, in order — the tokens that can begin an env-object form (`createEnv`, `cleanEnv`,
    /// `process`, `export`), so the workers' test (`EnvObjectFollower.mayDefine`) looks at those
    /// instead of every token of the file.
    public var formWordTokens: [Int32] = []

    /// Binary search: is `offset` inside a comment or the text of a string?
    public func isCode(_ offset: Int) -> Bool {
        var lo = 0, hi = nonCode.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let r = nonCode[mid]
            if offset < r.lowerBound { hi = mid } else if offset >= r.upperBound { lo = mid + 1 } else { return false }
        }
        return true
    }

    /// Whether all of `range` lies in one non-code range: text of a string (or a comment) with
    /// no code of an interpolation in it. Binary search, as `isCode`.
    public func isText(_ range: Range<Int>) -> Bool {
        var lo = 0, hi = nonCode.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let r = nonCode[mid]
            if range.lowerBound < r.lowerBound { hi = mid } else if range.lowerBound >= r.upperBound { lo = mid + 1 } else {
                return range.upperBound <= r.upperBound
            }
        }
        return false
    }
}

/// A file's tokens where the tokenizer wrote them: the scratch buffer of the `LexScratch` that
/// lexed the file, read in place instead of copied into an Array (the copy was a memcpy of every
/// token of every file). Valid until that scratch lexes another file; a `LexedFile` made with
/// its own scratch (tests, declarations) keeps it alive through `owner`.
public struct TokenList: RandomAccessCollection {
    let buffer: UnsafeBufferPointer<Token>
    let owner: AnyObject?

    init(_ buffer: UnsafeBufferPointer<Token> = UnsafeBufferPointer(start: nil, count: 0), owner: AnyObject? = nil) {
        self.buffer = buffer
        self.owner = owner
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { buffer.count }
    @inline(__always) public subscript(i: Int) -> Token {
        precondition(i >= 0 && i < buffer.count, "token index out of range")
        return buffer[i]
    }
}

/// Tokenizes one file of a language family. Implementations are stateless values sharing their
/// compiled patterns; all per-file state lives in a `LexCursor`.
public protocol Tokenizer: Sendable {
    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, scratch: LexScratch) -> LexedFile
}

public enum Tokenizers {
    public static func forFamily(_ family: Language.Family) -> any Tokenizer {
        switch family {
        case .javascript: return JavaScriptTokenizer.shared
        case .python: return PythonTokenizer.shared
        case .swift: return SwiftTokenizer.shared
        }
    }

    /// Convenience for tests and rule examples.
    public static func tokenize(_ source: String, as family: Language.Family) -> LexedFile {
        var bytes = Array(source.utf8)
        return bytes.withUnsafeMutableBufferPointer { forFamily(family).tokenize(UnsafeBufferPointer($0), scratch: LexScratch()) }
    }
}
