#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSupport

/// Fixed text at every place a reader rule's match can start, read from the rule's pattern:
/// `\bprocess\.env\??\.…` starts at `process.env`; `(?<=(?<![\w$.])getEnv)\(…` starts after
/// `getEnv`, at the `(` of `getEnv(`. The detector tries the pattern, compiled anchored, only
/// where such a text occurs, instead of letting PCRE2 search the file from each match on: its
/// search stops at every byte a match may begin with (every `(` for a call rule, every `e` for
/// `environ`) and tries the whole pattern there.
struct ReaderAnchor: Hashable {
    /// Bytes that occur wherever a match starts.
    let text: [UInt8]
    /// Where in `text` the match starts: after a lookbehind's text, 0 otherwise.
    let start: Int
}

enum ReaderAnchors {
    /// The shortest text worth looking for: a shorter one occurs too often to save anything.
    static let minimumLength = 4

    /// Every place a match of `pattern` (compiled without options) can start, as fixed texts;
    /// nil when the pattern does not say: a class or an optional byte first, an inline option
    /// (`(?i)`), a text shorter than `minimumLength`. Such a rule is searched for as before.
    static func anchors(of pattern: String) -> [ReaderAnchor]? {
        let p = Array(pattern.utf8)
        guard !hasUnsupportedSyntax(p) else { return nil }
        return alternatives(p, 0..<p.count)
    }

    /// The anchors of each top-level branch of `range`; nil if any branch has none.
    private static func alternatives(_ p: [UInt8], _ range: Range<Int>) -> [ReaderAnchor]? {
        guard let branches = split(p, range) else { return nil }
        var result: [ReaderAnchor] = []
        for branch in branches {
            guard let anchors = self.branch(p, branch) else { return nil }
            for a in anchors where !result.contains(a) { result.append(a) }
        }
        return result
    }

    /// One branch: assertions that match no bytes (`\b`, `(?<!…)`), at most one lookbehind of
    /// fixed texts (`(?<=…)`), then the fixed text the branch starts with, or a group whose
    /// branches are read the same way (`(?:\bprocess\.env\[|(?<=env)\()`).
    private static func branch(_ p: [UInt8], _ range: Range<Int>) -> [ReaderAnchor]? {
        var i = range.lowerBound
        var before: [[UInt8]]?
        while i < range.upperBound {
            if p[i] == backslash && i + 1 < range.upperBound && p[i + 1] == UInt8(ascii: "b") { i += 2; continue }
            if starts(p, i, "(?<!") {
                guard let close = closing(p, i), close < range.upperBound else { return nil }
                i = close + 1
                continue
            }
            if starts(p, i, "(?<=") {
                guard before == nil, let close = closing(p, i), close < range.upperBound,
                      let texts = lookbehindTexts(p, i + 4..<close) else { return nil }
                before = texts
                i = close + 1
                continue
            }
            break
        }
        if before == nil && i < range.upperBound && (starts(p, i, "(?:") || starts(p, i, "(?|")) {
            guard let close = closing(p, i), close < range.upperBound else { return nil }
            // A group that may be skipped or repeated says nothing about where a match starts.
            if close + 1 < range.upperBound && isQuantifier(p[close + 1]) { return nil }
            return alternatives(p, i + 3..<close)
        }
        let (text, _) = literal(p, i, range.upperBound)
        let anchors = (before ?? [[]]).map { ReaderAnchor(text: $0 + text, start: $0.count) }
        guard anchors.allSatisfy({ $0.text.count >= minimumLength }) else { return nil }
        return anchors
    }

    /// The texts of a lookbehind whose every branch is assertions then a fixed text to its end.
    private static func lookbehindTexts(_ p: [UInt8], _ range: Range<Int>) -> [[UInt8]]? {
        guard let branches = split(p, range) else { return nil }
        var texts: [[UInt8]] = []
        for branch in branches {
            var i = branch.lowerBound
            while i < branch.upperBound {
                if p[i] == backslash && i + 1 < branch.upperBound && p[i + 1] == UInt8(ascii: "b") { i += 2; continue }
                if starts(p, i, "(?<!") {
                    guard let close = closing(p, i), close < branch.upperBound else { return nil }
                    i = close + 1
                    continue
                }
                break
            }
            let (text, end) = literal(p, i, branch.upperBound)
            guard end == branch.upperBound, !text.isEmpty else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// The fixed bytes from `from` on: plain characters and escaped punctuation (`\.`), up to the
    /// first class, group, escape of a letter or metacharacter. A character that a quantifier may
    /// drop or repeat (`?`, `*`, `{`) ends the text before it; one that `+` repeats, after it.
    private static func literal(_ p: [UInt8], _ from: Int, _ end: Int) -> (text: [UInt8], end: Int) {
        var text: [UInt8] = []
        var i = from
        while i < end {
            let byte: UInt8, width: Int
            if p[i] == backslash {
                guard i + 1 < end, !isWordByte(p[i + 1]), p[i + 1] < 0x80 else { break }
                byte = p[i + 1]
                width = 2
            } else {
                guard !metacharacters.contains(p[i]), p[i] < 0x80 else { break }
                byte = p[i]
                width = 1
            }
            let next = i + width
            if next < end && p[next] != UInt8(ascii: "+") && isQuantifier(p[next]) { break }
            text.append(byte)
            i = next
            if next < end && p[next] == UInt8(ascii: "+") { break }
        }
        return (text, i)
    }

    /// The ranges of `range` between its top-level `|`s; nil when a group or class does not close.
    private static func split(_ p: [UInt8], _ range: Range<Int>) -> [Range<Int>]? {
        var result: [Range<Int>] = []
        var start = range.lowerBound, i = range.lowerBound
        while i < range.upperBound {
            switch p[i] {
            case backslash: i += 2
            case UInt8(ascii: "["):
                guard let close = classEnd(p, i), close < range.upperBound else { return nil }
                i = close + 1
            case UInt8(ascii: "("):
                guard let close = closing(p, i), close < range.upperBound else { return nil }
                i = close + 1
            case UInt8(ascii: "|"):
                result.append(start..<i)
                i += 1
                start = i
            default: i += 1
            }
        }
        guard i == range.upperBound else { return nil }
        result.append(start..<range.upperBound)
        return result
    }

    /// The `)` closing the `(` at `open`, past escapes and classes.
    private static func closing(_ p: [UInt8], _ open: Int) -> Int? {
        var depth = 0, i = open
        while i < p.count {
            switch p[i] {
            case backslash: i += 2; continue
            case UInt8(ascii: "["):
                guard let close = classEnd(p, i) else { return nil }
                i = close
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The `]` ending the class that opens at `open` (`[]a]` and `[^]a]` hold a `]`).
    private static func classEnd(_ p: [UInt8], _ open: Int) -> Int? {
        var i = open + 1
        if i < p.count && p[i] == UInt8(ascii: "^") { i += 1 }
        if i < p.count && p[i] == UInt8(ascii: "]") { i += 1 }
        while i < p.count {
            if p[i] == backslash { i += 2; continue }
            if p[i] == UInt8(ascii: "[") && i + 1 < p.count && p[i + 1] == UInt8(ascii: ":") {
                // A POSIX class, `[:alpha:]`.
                guard let end = find(p, ":]", from: i + 2) else { return nil }
                i = end + 2
                continue
            }
            if p[i] == UInt8(ascii: "]") { return i }
            i += 1
        }
        return nil
    }

    /// Syntax this reading does not follow: inline options (`(?i)` changes what a text matches),
    /// verbs (`(*SKIP)`), `\K` (moves the match's start), quoting (`\Q…\E`), comments, `\c`.
    private static func hasUnsupportedSyntax(_ p: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < p.count {
            if p[i] == backslash {
                if [UInt8(ascii: "K"), UInt8(ascii: "Q"), UInt8(ascii: "E"), UInt8(ascii: "c")].contains(p[i + 1]) { return true }
                i += 2
                continue
            }
            if p[i] == UInt8(ascii: "(") && p[i + 1] == UInt8(ascii: "*") { return true }
            if p[i] == UInt8(ascii: "(") && p[i + 1] == UInt8(ascii: "?") && i + 2 < p.count
                && Array("imnsxJU^-#)".utf8).contains(p[i + 2]) { return true }
            i += 1
        }
        return false
    }

    private static let backslash = UInt8(ascii: "\\")
    private static let metacharacters = Array("^$.|?*+()[]{}#".utf8)
    private static func isQuantifier(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "?") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") || c == UInt8(ascii: "{")
    }
    private static func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == 0x5F
    }
    private static func starts(_ p: [UInt8], _ i: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= p.count else { return false }
        return (0..<n).allSatisfy { p[i + $0] == s.utf8Start[$0] }
    }
    private static func find(_ p: [UInt8], _ s: StaticString, from: Int) -> Int? {
        var i = from
        while i < p.count { if starts(p, i, s) { return i }; i += 1 }
        return nil
    }
}

/// The anchors' texts of one language's rules, found in one pass per byte pair: the texts are
/// grouped by a pair of adjacent bytes they hold (all of the built-in rules' but `config(` hold
/// `nv`), every position of a pair is listed by a SIMD compare (csupport.c), and the texts of its
/// group are compared there (their first four bytes as one word, then the rest).
final class AnchorScan: @unchecked Sendable {  // immutable after init
    let texts: [[UInt8]]
    /// A text of a group: where its bytes are, the offset of the group's pair in it, and its
    /// first four bytes as one word, compared first at each place the pair is.
    struct Member {
        let text: Int, offset: Int, length: Int
        let head: UInt32
        let bytes: UnsafePointer<UInt8>
    }
    /// A pair and its texts.
    struct Group {
        let first: UInt8, second: UInt8
        let members: [Member]
    }
    let groups: [Group]
    private let storage: UnsafeMutablePointer<UInt8>

    /// `texts`: each at least four bytes long (`ReaderAnchors.minimumLength`).
    init(texts: [[UInt8]]) {
        precondition(texts.allSatisfy { $0.count >= 4 }, "an anchor text holds a byte pair and a word")
        self.texts = texts
        storage = .allocate(capacity: texts.reduce(0) { $0 + $1.count })
        var starts: [UnsafePointer<UInt8>] = []
        var offset = 0
        for text in texts {
            (storage + offset).initialize(from: text, count: text.count)
            starts.append(UnsafePointer(storage + offset))
            offset += text.count
        }
        groups = Self.groups(texts).map { pair, members in
            Group(first: pair.0, second: pair.1, members: members.map { t, offset in
                Member(text: t, offset: offset, length: texts[t].count,
                       head: UnsafeRawPointer(starts[t]).loadUnaligned(as: UInt32.self), bytes: starts[t])
            })
        }
    }

    deinit { storage.deallocate() }

    /// Where each text occurs in `bytes`, in order, for the texts `wanted` marks (empty otherwise).
    func occurrences(in bytes: UnsafeBufferPointer<UInt8>, wanted: [Bool]) -> [[Int]] {
        var found = [[Int]](repeating: [], count: texts.count)
        guard let base = bytes.baseAddress, bytes.count >= 2 else { return found }
        let n = bytes.count, capacity = 256
        withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity) { positions in
            for group in groups {
                let members = group.members.filter { wanted[$0.text] }
                if members.isEmpty { continue }
                var from = 0
                while from < n {
                    var next = 0
                    let count = secretmap_pair_positions(base, n, from, group.first, group.second,
                                                         positions.baseAddress!, capacity, &next)
                    for k in 0..<count {
                        let position = positions[k]
                        for m in members {
                            let at = position - m.offset
                            guard at >= 0, at + m.length <= n,
                                  UnsafeRawPointer(base + at).loadUnaligned(as: UInt32.self) == m.head,
                                  memcmp(base + at + 4, m.bytes + 4, m.length - 4) == 0 else { continue }
                            found[m.text].append(at)
                        }
                    }
                    from = next
                }
            }
        }
        return found
    }

    /// Greedy: the pair held by the most texts not yet grouped (the rarer pair on a tie, by
    /// how common its bytes are in code), until every text has one. Each text with the offset
    /// of the pair in it.
    private static func groups(_ texts: [[UInt8]]) -> [((UInt8, UInt8), [(Int, Int)])] {
        var groups: [((UInt8, UInt8), [(Int, Int)])] = []
        var left = Array(texts.indices)
        while !left.isEmpty {
            var best: (pair: UInt16, count: Int, rarity: Int)?
            var seen = Set<UInt16>()
            for t in left {
                for j in 0..<texts[t].count - 1 {
                    let pair = UInt16(texts[t][j]) << 8 | UInt16(texts[t][j + 1])
                    guard seen.insert(pair).inserted else { continue }
                    let count = left.filter({ offset(of: pair, in: texts[$0]) != nil }).count
                    let rarity = Self.rarity(texts[t][j]) + Self.rarity(texts[t][j + 1])
                    if let b = best, (b.count, b.rarity, b.pair) >= (count, rarity, pair) { continue }
                    best = (pair, count, rarity)
                }
            }
            let pair = best!.pair
            let members = left.compactMap { t in offset(of: pair, in: texts[t]).map { (t, $0) } }
            groups.append(((UInt8(pair >> 8), UInt8(pair & 0xFF)), members))
            left.removeAll { t in members.contains { $0.0 == t } }
        }
        return groups
    }

    private static func offset(of pair: UInt16, in text: [UInt8]) -> Int? {
        text.indices.dropLast().first { UInt16(text[$0]) << 8 | UInt16(text[$0 + 1]) == pair }
    }

    /// Bytes of source code from the most common on (as csupport.c ranks them); others rank rarest.
    private static let common = Array(" etaoinsrlcdupmhfg.(),;=\"'\n\tby_wvk:x/{}[]>-<0123456789".utf8)
    private static func rarity(_ c: UInt8) -> Int { common.firstIndex(of: c) ?? common.count }
}
