import PCRE

/// Per-thread state the tokenizers reuse: PCRE2 match data, the token buffer, and the non-code
/// ranges of the last file (handed back with `recycle`), so a worker does not allocate them anew
/// for every file.
public final class LexScratch {
    let match = MatchScratch()
    var spare = LexedFile()
    /// Where the file being lexed gets its tokens (see `LexCursor.emit`), kept from file to file.
    var tokenBuffer: UnsafeMutablePointer<Token>
    var tokenCapacity: Int

    public init() {
        tokenCapacity = 1 << 14
        tokenBuffer = .allocate(capacity: tokenCapacity)
    }

    deinit { tokenBuffer.deallocate() }

    /// Gives a finished file's arrays back for the next file.
    public func recycle(_ lexed: inout LexedFile) {
        spare = lexed
        spare.tokens = TokenList()  // it names this scratch as owner: kept, that is a cycle
        lexed = LexedFile()
    }

    func take() -> LexedFile {
        var out = LexedFile()
        swap(&out, &spare)
        out.tokens = TokenList()
        out.nonCode.removeAll(keepingCapacity: true)
        out.formWordTokens.removeAll(keepingCapacity: true)
        return out
    }
}

/// The byte cursor shared by the three tokenizers: position, output, and the token kinds every
/// language has in common (identifiers, numbers, punctuation, line comments).
struct LexCursor {
    let b: UnsafeBufferPointer<UInt8>
    var pos = 0
    var out = LexedFile()
    /// The tokens so far, in the scratch's buffer: appending to an Array checks its uniqueness
    /// and capacity through a runtime call per token, and a file has a token every few bytes.
    /// `finish` hands them out in place (`TokenList`).
    var tokens: UnsafeMutablePointer<Token>
    var tokenCount = 0
    var tokenCapacity: Int
    let scratch: LexScratch
    /// `$` is an identifier character in JavaScript only.
    let dollarInIdentifiers: Bool
    /// Off: every token through the tokenizer's `switch`, without `plainTokens` runs (the
    /// reference TokenizerRunTests compares the runs with).
    var plainRuns = true
    /// Read from the static table once per file: a static read in the loop costs a `swift_once`.
    let operatorChars = LexCursor.operatorTable

    init(_ bytes: UnsafeBufferPointer<UInt8>, scratch: LexScratch, dollarInIdentifiers: Bool) {
        self.init(bytes, scratch: scratch, classes: dollarInIdentifiers ? LexCursor.classesWithDollar : LexCursor.classesPlain)
    }

    /// `classes`: a tokenizer's own table (`makeClasses(dollar:lead:)`), whose high four bits
    /// say what a byte begins, so its loop dispatches on the byte `plainTokens` stopped at.
    init(_ bytes: UnsafeBufferPointer<UInt8>, scratch: LexScratch, classes: UnsafePointer<UInt8>) {
        b = bytes
        self.scratch = scratch
        self.classes = classes
        dollarInIdentifiers = classes[0x24] & LexCursor.identStartBit != 0
        out = scratch.take()
        tokens = scratch.tokenBuffer
        tokenCapacity = scratch.tokenCapacity
    }

    @inline(__always) mutating func emit(_ token: Token) {
        if tokenCount == tokenCapacity { growTokens() }
        (tokens + tokenCount).initialize(to: token)
        tokenCount &+= 1  // below the capacity, an Int
    }

    @inline(never) mutating func growTokens() {
        tokenCapacity *= 2
        tokens = tokens.movedToNewAllocation(count: tokenCount, capacity: tokenCapacity)
        scratch.tokenBuffer = tokens  // the scratch owns the buffer
        scratch.tokenCapacity = tokenCapacity
    }

    // nonisolated(unsafe): tables filled once, before any reader, and never written again.
    nonisolated(unsafe) static let classesPlain = table(makeClasses(dollar: false))
    nonisolated(unsafe) static let classesWithDollar = table(makeClasses(dollar: true))

    /// A table that lives as long as the process.
    static func table<T>(_ values: [T]) -> UnsafePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: values.count)
        p.initialize(from: values, count: values.count)
        return UnsafePointer(p)
    }

    /// Letters, `_` and every non-ASCII byte start identifiers (Unicode identifiers); digits continue them.
    /// `lead(byte)` (0 to 14) goes to the high four bits: what a token starting with the byte is,
    /// for the tokenizer's `switch` (a jump table instead of a chain of compares per token).
    static func makeClasses(dollar: Bool, lead: (UInt8) -> UInt8 = { _ in 0 }) -> [UInt8] {
        var t = (0..<256).map { c -> UInt8 in
            let code = lead(UInt8(c))
            precondition(code < endOfInput >> 4, "a lead code must fit below the end-of-input code")
            return code << 4
        }
        for c in 0..<256 {
            let b = UInt8(c)
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            if letter || b == 0x5F || b >= 0x80 || (dollar && b == 0x24) { t[c] |= identStartBit | identPartBit }
            if b >= 0x30 && b <= 0x39 { t[c] |= identPartBit }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B { t[c] |= spaceBit }
        }
        return t
    }

    var atEnd: Bool { pos >= b.count }
    @inline(__always) func peek(_ k: Int = 0) -> UInt8 { pos + k < b.count ? b[pos + k] : 0 }

    /// Byte classes, one table lookup per byte in the hot loops.
    static let identStartBit: UInt8 = 1, identPartBit: UInt8 = 2, spaceBit: UInt8 = 4
    /// 256 entries indexed by a byte: raw pointers, so the hot loops do no bounds checks.
    let classes: UnsafePointer<UInt8>

    @inline(__always) func isIdentStart(_ c: UInt8) -> Bool { classes[Int(c)] & Self.identStartBit != 0 }
    @inline(__always) func isIdentPart(_ c: UInt8) -> Bool { classes[Int(c)] & Self.identPartBit != 0 }

    /// The class byte given for the end of the input: its lead code (15) is `end` in every
    /// tokenizer's table of leads.
    static let endOfInput: UInt8 = 0xF0

    /// Skips whitespace and returns the class of the byte it stopped at (`endOfInput` at the
    /// end): the path without `plainTokens` runs, which tests compare with it.
    mutating func skipWhitespaceReadingClass() -> UInt8 {
        while pos < b.count {
            let k = classes[Int(b[pos])]
            if k & Self.spaceBit == 0 { return k }
            pos += 1
        }
        return Self.endOfInput
    }

    /// The class of the next byte that is not whitespace, lexing the common tokens before it
    /// (`plainTokens`) unless `plainRuns` is off.
    @inline(__always)
    mutating func nextLead(_ leads: PlainLeads, depth: inout Int, stopAtDepthZeroClose: Bool) -> UInt8 {
        plainRuns ? plainTokens(leads, depth: &depth, stopAtDepthZeroClose: stopAtDepthZeroClose) >> 4 : skipWhitespaceReadingClass() >> 4
    }

    /// The leads (see `makeClasses`) a tokenizer's `plainTokens` run handles itself; `none` for
    /// a kind the language does not have.
    struct PlainLeads {
        static let none: UInt8 = 0xFF
        var identifier: UInt8, digit: UInt8, punct: UInt8
        /// A `.`: punctuation unless a digit follows (`.5`, left to the tokenizer).
        var dot: UInt8 = none
        /// Brackets counted in `depth`; a closing one at depth 0 is left to the tokenizer when
        /// it lexes an interpolation (`stopAtDepthZeroClose`), which may end there.
        var open: UInt8 = none, close: UInt8 = none
        /// JavaScript's identifiers starting with `c`, `p` or `e` (see `identifierListingFormWords`).
        var formLetter: UInt8 = none
    }

    /// Lexes the common tokens — identifiers, numbers, punctuation and whitespace — in one run,
    /// with the position, the token count and the tables in registers: through the cursor (an
    /// `inout` struct) the compiler stores and re-reads them around every token it writes. Stops
    /// at a byte whose lead `leads` does not name (a string, a comment, …), when the token buffer
    /// is full, or at the end, and returns that byte's class (`endOfInput` at the end) for the
    /// tokenizer's `switch`, which lexes one token the ordinary way and calls this again. The
    /// tokens are those the ordinary path emits (`identifier`, `number`, `punct`).
    @inline(__always)
    mutating func plainTokens(_ leads: PlainLeads, depth: inout Int, stopAtDepthZeroClose: Bool) -> UInt8 {
        guard let base = b.baseAddress else { return Self.endOfInput }
        let n = b.count
        let classes = self.classes, ops = operatorChars, buffer = tokens, capacity = tokenCapacity
        var p = pos, count = tokenCount
        var k = Self.endOfInput
        scan: while true {
            while true {
                guard p < n else { k = Self.endOfInput; break scan }
                k = classes[Int(base[p])]
                if k & Self.spaceBit == 0 { break }
                p &+= 1
            }
            guard count < capacity else { break }
            let lead = k >> 4
            let start = p
            let kind: Token.Kind
            if lead == leads.identifier || lead == leads.formLetter {
                p &+= 1
                while p < n && classes[Int(base[p])] & Self.identPartBit != 0 { p &+= 1 }
                kind = .identifier
                if lead == leads.formLetter && UInt(bitPattern: (p &- start) &- 6) < 4 {  // 6...9 bytes
                    out.formWordTokens.append(Int32(truncatingIfNeeded: count))
                }
            } else if lead == leads.punct || lead == leads.open || lead == leads.close || lead == leads.dot {
                if lead == leads.open { depth += 1 }
                else if lead == leads.close {
                    if stopAtDepthZeroClose && depth == 0 { break }
                    depth -= 1
                } else if lead == leads.dot && p &+ 1 < n && base[p &+ 1] >= 0x30 && base[p &+ 1] <= 0x39 { break }
                let ch = base[p]
                p &+= 1
                if ops[Int(ch)] {
                    while p < n && ops[Int(base[p])] && p &- start < 4 { p &+= 1 }
                }
                kind = .punct
            } else if lead == leads.digit {
                p &+= 1
                while p < n {
                    let c = base[p]
                    if classes[Int(c)] & Self.identPartBit != 0 || c == 0x2E { p &+= 1 }  // as `number()`
                    else if (c == 0x2B || c == 0x2D) && (base[p &- 1] | 0x20) == 0x65 { p &+= 1 }
                    else { break }
                }
                kind = .number
            } else {
                break
            }
            (buffer + count).initialize(to: Token(kind, start, p))
            count &+= 1
        }
        pos = p
        tokenCount = count
        return k
    }

    @inline(__always) mutating func identifier() {
        let start = pos
        pos += 1
        while pos < b.count && classes[Int(b[pos])] & Self.identPartBit != 0 { pos += 1 }
        emit(Token(.identifier, start, pos))
    }

    /// `identifier()` for one starting with `c`, `p` or `e` (JavaScript's tokenizer tells those
    /// by their lead), also listing the token in `formWordTokens` when it may begin an env-object
    /// form: 6 to 9 bytes.
    @inline(__always) mutating func identifierListingFormWords() {
        let start = pos
        identifier()
        guard UInt(bitPattern: (pos &- start) &- 6) < 4 else { return }  // 6...9
        out.formWordTokens.append(Int32(truncatingIfNeeded: tokenCount - 1))
    }

    mutating func number() {
        let start = pos
        pos += 1
        while pos < b.count {
            let c = b[pos]
            if isIdentPart(c) || c == 0x2E { pos += 1 }  // digits, hex, suffixes, separators, dot
            else if (c == 0x2B || c == 0x2D) && (b[pos - 1] | 0x20) == 0x65 { pos += 1 }  // 1e+5
            else { break }
        }
        emit(Token(.number, start, pos))
    }

    /// Operators are grouped greedily (`===`, `||`, `??`, `=>`): detectors compare whole operators.
    /// Inlined: a file has a punctuation token every few bytes, and most are one byte.
    @inline(__always) mutating func punct() {
        let start = pos
        let c = b[pos]
        pos += 1
        if operatorChars[Int(c)] {
            while pos < b.count && operatorChars[Int(b[pos])] && pos - start < 4 { pos += 1 }
        }
        emit(Token(.punct, start, pos))
    }

    // nonisolated(unsafe): filled once, before any reader, and never written again.
    nonisolated(unsafe) static let operatorTable: UnsafePointer<Bool> = {
        var t = [Bool](repeating: false, count: 256)
        for c in "=!<>&|?+-*%^~:".utf8 { t[Int(c)] = true }
        return table(t)
    }()

    /// A comment running to the end of the line (the newline is not part of it).
    mutating func lineComment(from start: Int) {
        var p = pos
        while p < b.count && b[p] != 0x0A { p += 1 }
        pos = p
        emit(Token(.comment, start, pos))
        out.nonCode.append(start..<pos)
    }

    /// Marks `start..<end` as string text (not code).
    @inline(__always) mutating func text(_ start: Int, _ end: Int) {
        if end > start { out.nonCode.append(start..<end) }
    }

    /// Bytes at `pos` equal `s`?
    @inline(__always) func at(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= b.count else { return false }
        let p = s.utf8Start
        for i in 0..<n where b[pos + i] != p[i] { return false }
        return true
    }

    func lastSignificant() -> Token? {
        var i = tokenCount - 1
        while i >= 0 {
            if tokens[i].kind != .comment { return tokens[i] }
            i -= 1
        }
        return nil
    }

    func text(of t: Token) -> Substring {
        Substring(decoding: UnsafeBufferPointer(rebasing: b[t.start..<t.end]), as: UTF8.self)
    }

    /// Finishes: the non-code ranges must be sorted for binary search; interpolations append
    /// their text parts out of order.
    mutating func finish() -> LexedFile {
        out.nonCode.sort { $0.lowerBound < $1.lowerBound }
        out.tokens = TokenList(UnsafeBufferPointer(start: tokens, count: tokenCount), owner: scratch)
        return out
    }
}

/// Compiles a built-in body pattern. They are fixed strings, so a failure is a programming error.
func builtinPattern(_ source: String) -> Regex {
    do { return try Regex(source, options: [.anchored]) } catch { fatalError("built-in tokenizer pattern: \(error)") }
}
