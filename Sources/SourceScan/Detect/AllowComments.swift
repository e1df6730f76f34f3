import CSupport

/// `secretmap:allow <reason>` comments. The rule (README, `scan --help`):
///
/// - the reason is the rest of the comment's line after the marker (a leading `:` and a closing
///   `*/`, `"""` or `-->` dropped) and needs at least three words, a word being a run of
///   non-blank characters with a letter or a digit in it;
/// - an allow covers one literal: the one it precedes (the comment alone on the line just above
///   the literal, or the token immediately before it on the same line) or the one it ends (the
///   comment after the literal on the same line: the nearest literal before it only).
///
/// An allow without a valid reason accepts nothing: the literal it covers is reported, with a
/// warning naming the comment's file and line. Built only for files that have the marker and a
/// literal, so a scan of a tree without allows pays nothing for it.
struct AllowComments {
    static let marker = Array("secretmap:allow".utf8)
    static let minimumReasonWords = 3

    struct Allow {
        /// nil when the text after the marker is not a reason (fewer than three words).
        var reason: String?
        var tokenIndex: Int
        /// Lines of the comment's first and last byte.
        var firstLine: Int
        var lastLine: Int
        /// Nothing but blanks before the comment on its line.
        var standalone: Bool
    }

    /// A literal of the file the allows may cover: a string the classifier measured, reported or not,
    /// so which literal an allow covers does not depend on `--all-literals`.
    struct Candidate {
        var tokenIndex: Int
        var firstLine: Int
        var lastLine: Int
    }

    private(set) var allows: [Allow] = []

    init(tokens: TokenList, bytes: UnsafeBufferPointer<UInt8>, lines: inout LineTable) {
        for (index, token) in tokens.enumerated() where token.kind == .comment {
            let comment = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
            guard let base = comment.baseAddress,
                  let hit = secretmap_memmem(base, comment.count, Self.marker, Self.marker.count) else { continue }
            let offset = token.start + base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let end = offset + Self.marker.count
            var stop = end
            while stop < token.end && bytes[stop] != 0x0A { stop += 1 }
            var text = string(bytes, end..<stop).trimmingSpaces()
            for closer in ["*/", "\"\"\"", "-->"] where text.hasSuffix(closer) { text = String(text.dropLast(closer.count)).trimmingSpaces() }
            if text.hasPrefix(":") { text = String(text.dropFirst()).trimmingSpaces() }
            var lineStart = token.start
            while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            let standalone = (lineStart..<token.start).allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 }
            allows.append(Allow(reason: Self.isReason(text) ? text : nil, tokenIndex: index,
                                firstLine: lines.position(of: token.start).line,
                                lastLine: lines.position(of: max(token.start, token.end - 1)).line,
                                standalone: standalone))
        }
    }

    static func isReason(_ text: String) -> Bool {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }.count >= minimumReasonWords
    }

    /// For each allow that covers a literal: the candidate's index and the allow. `candidates` are
    /// in token order. A literal covered twice keeps the allow with a reason, else the first.
    func assign(_ candidates: [Candidate]) -> [Int: Allow] {
        var covered: [Int: Allow] = [:]
        for allow in allows {
            // The first candidate after the comment, and the one before it.
            var lo = 0, hi = candidates.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if candidates[mid].tokenIndex < allow.tokenIndex { lo = mid + 1 } else { hi = mid }
            }
            let next = lo < candidates.count ? lo : nil
            let previous = lo > 0 ? lo - 1 : nil
            let target: Int?
            if let n = next, candidates[n].tokenIndex == allow.tokenIndex + 1, candidates[n].firstLine == allow.lastLine {
                target = n  // `x = /* secretmap:allow … */ "…"`
            } else if let p = previous, !allow.standalone, candidates[p].lastLine == allow.firstLine {
                target = p  // `x = "…" // secretmap:allow …`
            } else if let n = next, allow.standalone, candidates[n].firstLine == allow.lastLine + 1 {
                target = n  // the comment alone on the line above
            } else {
                target = nil
            }
            guard let target else { continue }
            if let existing = covered[target], existing.reason != nil || allow.reason == nil { continue }
            covered[target] = allow
        }
        return covered
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
