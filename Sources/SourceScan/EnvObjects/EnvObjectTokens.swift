/// The workers' test for a JavaScript module that may build an env object, on the tokens the
/// tokenizer produced anyway (it emits every identifier and punctuation mark of code): one pass
/// over tokens instead of passes over the bytes (`mayDefineJavaScript`, three `memmem` passes,
/// was a tenth of the scan's instructions). The same forms: `createEnv`, `cleanEnv`,
/// `(process.env)`, `(process.env,`, `= process.env;` or at a line's end, `export default {`,
/// `export default new`, `export const|let|var NAME[: Type] = {` on one line.
extension EnvObjectFollower {
    static let createEnvWord = Array("createEnv".utf8), cleanEnvWord = Array("cleanEnv".utf8)
    static let processWord = Array("process".utf8), envWord = Array("env".utf8), exportWord = Array("export".utf8)
    static let defaultWord = Array("default".utf8), newWord = Array("new".utf8)
    static let declarationWords = ["const", "let", "var"].map { Array($0.utf8) }

    /// The test over every token: the reference `mayDefine(_:_:)` must agree with (its test runs
    /// both), and what callers without the tokenizer's candidate list use.
    static func mayDefine(tokens list: TokenList, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let tokens = list.buffer
        var i = 0
        while i < tokens.count {
            if beginsForm(tokens, i, b) { return true }
            i += 1
        }
        return false
    }

    /// The workers' test: only the tokens the JavaScript tokenizer listed as possible first words
    /// of a form (`LexedFile.formWordTokens`: identifiers of 6 to 9 bytes starting with `c`, `p`
    /// or `e`). Looking at every token was 70 M instructions on one corpus repository (about 7 a
    /// token), for the few tokens that can begin a form; the tokenizer knows an identifier's
    /// length and first byte as it emits it.
    static func mayDefine(_ lexed: LexedFile, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let tokens = lexed.tokens.buffer
        return lexed.formWordTokens.withUnsafeBufferPointer { candidates in
            for i in candidates where beginsForm(tokens, Int(i), b) { return true }
            return false
        }
    }

    /// Whether a form begins at token `i`. The tokens in place, without TokenList's checked
    /// subscript. Only an identifier of 6 to 9 bytes starting with `c`, `p` or `e` can begin a
    /// form; everything else costs a load and two compares.
    @inline(__always)
    static func beginsForm(_ tokens: UnsafeBufferPointer<Token>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func spells(_ t: Token, _ word: [UInt8]) -> Bool {
            t.kind == .identifier && t.end - t.start == word.count && b[t.start..<t.end].elementsEqual(word)
        }
        @inline(__always) func mark(_ t: Token, _ c: UInt8) -> Bool { t.kind == .punct && t.end - t.start == 1 && b[t.start] == c }
        func newlineBetween(_ from: Int, _ to: Int) -> Bool {
            var p = from
            while p < to { if b[p] == 0x0A { return true }; p += 1 }
            return false
        }
        let n = tokens.count
        let t = tokens[i]
        guard t.kind == .identifier else { return false }
        let length = t.end &- t.start
        guard UInt(bitPattern: length &- 6) < 4 else { return false }  // 6...9
        switch b[t.start] {
        case 0x63:  // c
            return length == 9 ? spells(t, createEnvWord) : length == 8 && spells(t, cleanEnvWord)
        case 0x70:  // p
            guard length == 7, spells(t, processWord), i >= 1, i + 2 < n, mark(tokens[i + 1], 0x2E), spells(tokens[i + 2], envWord)
            else { return false }
            let before = tokens[i - 1], next: Token? = i + 3 < n ? tokens[i + 3] : nil
            if mark(before, 0x28), let next, mark(next, 0x29) || mark(next, 0x2C) { return true }     // (process.env) (process.env,
            if mark(before, 0x3D) {                                                                    // = process.env
                guard let next else { return true }
                if mark(next, 0x3B) { return true }
                if !mark(next, 0x2E) && !mark(next, 0x5B) && newlineBetween(tokens[i + 2].end, next.start) { return true }
            }
            return false
        case 0x65:  // e
            guard length == 6, spells(t, exportWord), i + 2 < n else { return false }
            let next = tokens[i + 1], after = tokens[i + 2]
            if spells(next, defaultWord) {
                if mark(after, 0x7B) || spells(after, newWord) { return true }
            } else if declarationWords.contains(where: { spells(next, $0) }) {
                // To the `=` on the same line (a name and maybe a type), then `{`.
                var j = i + 2
                while j + 1 < n, j < i + 40, !newlineBetween(tokens[j - 1].end, tokens[j].start) {
                    if mark(tokens[j], 0x3D) { return mark(tokens[j + 1], 0x7B) }
                    j += 1
                }
            }
            return false
        default: return false
        }
    }
}
