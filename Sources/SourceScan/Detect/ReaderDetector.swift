#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSupport
import PCRE

/// A reader found in one file, before the file's position table turns offsets into line:column.
struct FoundReader {
    var name: String
    var offset: Int
    var rule: String
    /// A library that reads the name itself (`sdk @upstash/qstash`), for a `reads` rule.
    var via: String? = nil
    /// The rule's index in its detector and where its match ended, when the bytes after the read
    /// say a default may follow (`EnvDefaults.mayFollow`); -1 otherwise, and for a constant map's
    /// names, which have no default of their own.
    var ruleIndex = -1
    var matchEnd = -1
}

/// Runs the reader rules over one tokenized file. A match counts only if it starts in code.
struct ReaderDetector {
    let rules: [ReaderRule]
    /// The distinct keywords of all rules (several rules share `process.env`), searched once per file.
    let keywords: [[UInt8]]
    /// Per rule, the bit mask of its keywords in `keywords` (`KeywordSet.bit`).
    let ruleMasks: [UInt64]
    let keywordSet: KeywordSet
    /// Per rule, its pattern compiled anchored and where its matches can start (`ReaderAnchors`),
    /// or nil: the rule is searched for through the whole file.
    let anchored: [AnchoredRule?]
    /// The anchors' texts of all rules, found in one pass (nil when no rule has anchors).
    let anchorScan: AnchorScan?

    struct AnchoredRule {
        let regex: Regex
        /// Indices into `anchorScan.texts`, and where in each text a match starts.
        let anchors: [(text: Int, start: Int)]
    }

    /// `anchored: false` searches every rule through the whole file (the tests compare the two).
    init(rules: [ReaderRule], anchored useAnchors: Bool = true) {
        self.rules = rules
        var texts: [[UInt8]] = []
        anchored = rules.map { rule in
            guard useAnchors, rule.bracedList == nil, let anchors = ReaderAnchors.anchors(of: rule.regex.pattern),
                  // Without a start optimization: the anchored tries are at places found already.
                  let regex = try? Regex(rule.regex.pattern, options: [.anchored, .noStartOptimize]) else { return nil }
            return AnchoredRule(regex: regex, anchors: anchors.map { anchor in
                if let t = texts.firstIndex(of: anchor.text) { return (t, anchor.start) }
                texts.append(anchor.text)
                return (texts.count - 1, anchor.start)
            })
        }
        anchorScan = texts.isEmpty ? nil : AnchorScan(texts: texts)
        var keywords: [[UInt8]] = []
        var masks: [UInt64] = []
        for rule in rules {
            var mask: UInt64 = 0
            for k in rule.keywords {
                if let i = keywords.firstIndex(of: k) { mask |= KeywordSet.bit(i) } else {
                    keywords.append(k)
                    mask |= KeywordSet.bit(keywords.count - 1)
                }
            }
            masks.append(mask)
        }
        self.keywords = keywords
        ruleMasks = masks
        keywordSet = KeywordSet(keywords)
    }

    /// The keyword prefilter: which keywords occur in the file. Zero means no rule can match, and
    /// the file need not be tokenized for readers at all.
    func keywordsPresent(in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        keywordSet.present(in: bytes)
    }

    func find(in bytes: UnsafeBufferPointer<UInt8>, lexed: LexedFile, scratch: MatchScratch,
              present: UInt64? = nil, limitHit: (ReaderRule) -> Void) -> [FoundReader] {
        var found: [FoundReader] = []
        let present = present ?? keywordsPresent(in: bytes)
        let occurrences = anchorOccurrences(in: bytes, present: present)
        for (index, rule) in rules.enumerated() where ruleMasks[index] & present != 0 {
            let before = found.count
            var limited = false
            do {
                var pos = 0
                var candidates = Candidates(anchored[index], occurrences)
                while pos < bytes.count, let m = try candidates.next(rule, in: bytes, from: pos, scratch) {
                    guard lexed.isCode(m.range.lowerBound) else { pos = m.range.lowerBound + 1; continue }
                    pos = max(m.range.upperBound, m.range.lowerBound + 1)
                    if case .fixed(let names) = rule.shape {
                        // A library's own reads: each name at the match (the import, the call).
                        for name in names { found.append(FoundReader(name: name, offset: m.range.lowerBound, rule: rule.id, via: rule.via)) }
                        continue
                    }
                    guard let group = m.group else { continue }
                    switch rule.shape {
                    case .list:
                        for (name, offset) in Self.destructuredNames(bytes, group) {
                            let end = EnvDefaults.mayFollowEntry(bytes, nameOffset: offset) ? m.range.upperBound : -1
                            found.append(FoundReader(name: name, offset: offset, rule: rule.id, ruleIndex: index, matchEnd: end))
                        }
                    case .name:
                        let end = EnvDefaults.mayFollow(bytes, matchEnd: m.range.upperBound, arguments: rule.takesDefaultArgument)
                            ? m.range.upperBound : -1
                        found.append(FoundReader(name: string(bytes, group), offset: group.lowerBound, rule: rule.id,
                                                 ruleIndex: index, matchEnd: end))
                    case .map:
                        // Each name the map lists is read here, at the lookup.
                        for name in ConstantMaps.values(of: Array(UnsafeBufferPointer(rebasing: bytes[group])), in: bytes, lexed: lexed,
                                                            usedAt: group.lowerBound) {
                            found.append(FoundReader(name: name, offset: group.lowerBound, rule: rule.id))
                        }
                    case .fixed: break
                    }
                }
            } catch {
                limited = true
            }
            // `requires` (e.g. `from os import environ`) is checked only when the pattern found
            // something: the pattern is the cheaper search, and usually finds nothing.
            if let requires = rule.requires, found.count > before {
                do {
                    if try !hasCodeMatch(requires, bytes, lexed, scratch) { found.removeSubrange(before...) }
                } catch {
                    found.removeSubrange(before...)
                    limited = true
                }
            }
            if limited { limitHit(rule) }
        }
        return found
    }

    /// Where the anchors of the rules whose keywords occur are, by text (empty for the others).
    private func anchorOccurrences(in bytes: UnsafeBufferPointer<UInt8>, present: UInt64) -> [[Int]] {
        guard let anchorScan else { return [] }
        var wanted = [Bool](repeating: false, count: anchorScan.texts.count), any = false
        for (index, plan) in anchored.enumerated() where ruleMasks[index] & present != 0 {
            for anchor in plan?.anchors ?? [] { wanted[anchor.text] = true; any = true }
        }
        return any ? anchorScan.occurrences(in: bytes, wanted: wanted) : []
    }

    /// A rule's next match: for an anchored rule, the first place its anchors list, at or after
    /// the position asked for, where the anchored pattern matches (the leftmost match, as every
    /// match starts at such a place); for another, PCRE2's search (`firstMatch`).
    struct Candidates {
        let regex: Regex?
        let starts: [Int]
        var index = 0

        init(_ plan: AnchoredRule?, _ occurrences: [[Int]]) {
            guard let plan else { regex = nil; starts = []; return }
            regex = plan.regex
            if plan.anchors.count == 1, let only = plan.anchors.first {
                starts = only.start == 0 ? occurrences[only.text] : occurrences[only.text].map { $0 + only.start }
            } else {
                starts = plan.anchors.flatMap { anchor in occurrences[anchor.text].map { $0 + anchor.start } }.sorted()
            }
        }

        mutating func next(_ rule: ReaderRule, in bytes: UnsafeBufferPointer<UInt8>, from pos: Int,
                           _ scratch: MatchScratch) throws -> GroupMatch? {
            guard let regex else { return try ReaderDetector.firstMatch(rule, in: bytes, from: pos, scratch) }
            while index < starts.count {
                let start = starts[index]
                index += 1
                guard start >= pos else { continue }
                if let m = try regex.firstMatch(in: bytes, from: start, scratch: scratch, group: rule.nameGroup) { return m }
            }
            return nil
        }
    }

    /// The leftmost match starting at `from` or later. A destructuring rule (`{ A, B } = process.env`)
    /// would start at every `{` of the file and read on to the next brace; instead its tail is
    /// searched for from the `}` (`} = process.env`: rare), and the list's `{` is the nearest
    /// brace before that `}`. A `{…}` without braces inside has one `}`, and the lists' `{`s come
    /// in the order of their `}`s, so this finds the same matches in the same order
    /// (BracedListTests compares the two on generated code).
    static func firstMatch(_ rule: ReaderRule, in bytes: UnsafeBufferPointer<UInt8>, from: Int,
                           _ scratch: MatchScratch) throws -> GroupMatch? {
        guard let (tail, anchored) = rule.bracedList else {
            return try rule.regex.firstMatch(in: bytes, from: from, scratch: scratch, group: rule.nameGroup)
        }
        var at = from
        while at < bytes.count, try tail.matchEnd(in: bytes, from: at, scratch: scratch) != nil {
            let close = tail.lastMatchStart(scratch)
            var open = close - 1
            while open >= from && bytes[open] != UInt8(ascii: "{") && bytes[open] != UInt8(ascii: "}") { open -= 1 }
            if open >= from && bytes[open] == UInt8(ascii: "{"),
               let m = try anchored.firstMatch(in: bytes, from: open, scratch: scratch, group: rule.nameGroup) { return m }
            at = close + 1
        }
        return nil
    }

    private func hasCodeMatch(_ regex: Regex, _ bytes: UnsafeBufferPointer<UInt8>, _ lexed: LexedFile,
                              _ scratch: MatchScratch) throws -> Bool {
        var pos = 0
        while pos < bytes.count, try regex.matchEnd(in: bytes, from: pos, scratch: scratch) != nil {
            let start = regex.lastMatchStart(scratch)
            if lexed.isCode(start) { return true }
            pos = start + 1
        }
        return false
    }

    /// Splits `A, B: b, C = "x", ...rest` into its keys with their offsets. Rest elements are
    /// not names of variables; quoted keys (`"A-B": x`) are taken without quotes.
    static func destructuredNames(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [(String, Int)] {
        var result: [(String, Int)] = []
        var p = range.lowerBound
        while p < range.upperBound {
            // Start of an entry: skip space.
            while p < range.upperBound, isSpace(bytes[p]) { p += 1 }
            if p + 2 < range.upperBound, bytes[p] == 0x2E, bytes[p + 1] == 0x2E, bytes[p + 2] == 0x2E {
                // ...rest: skip the entry.
            } else {
                var start = p
                var quote: UInt8 = 0
                if p < range.upperBound, bytes[p] == 0x22 || bytes[p] == 0x27 { quote = bytes[p]; p += 1; start = p }
                while p < range.upperBound, isNamePart(bytes[p]) { p += 1 }
                if p > start, quote == 0 || (p < range.upperBound && bytes[p] == quote) {
                    result.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self), start))
                }
            }
            // To the next comma outside brackets and strings.
            var depth = 0
            var inQuote: UInt8 = 0
            while p < range.upperBound {
                let c = bytes[p]
                if inQuote != 0 { if c == inQuote { inQuote = 0 } else if c == 0x5C { p += 1 } }
                else if c == 0x22 || c == 0x27 || c == 0x60 { inQuote = c }
                else if c == 0x28 || c == 0x5B { depth += 1 }
                else if c == 0x29 || c == 0x5D { depth -= 1 }
                else if c == 0x2C && depth == 0 { p += 1; break }
                p += 1
            }
        }
        return result
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    static func isNamePart(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x24 || c >= 0x80
    }
}

@inline(__always)
func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
}
