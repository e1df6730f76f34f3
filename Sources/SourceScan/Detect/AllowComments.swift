import CSupport

/// `secretmap:allow <reason>` comments: a literal on the comment's line or the line below is
/// accepted, with the reason recorded. An allow without a reason accepts nothing and is reported,
/// so every exception in a codebase says why it exists.
struct AllowComments {
    static let marker = Array("secretmap:allow".utf8)

    struct Allow {
        var reason: String?
        /// Only code-free on its line: then it covers the line below too.
        var standalone: Bool
    }
    /// Line of the marker → the allow.
    private(set) var byLine: [Int: Allow] = [:]

    init(tokens: TokenList, bytes: UnsafeBufferPointer<UInt8>, lines: inout LineTable) {
        for token in tokens where token.kind == .comment {
            let comment = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
            guard let base = comment.baseAddress,
                  let hit = secretmap_memmem(base, comment.count, Self.marker, Self.marker.count) else { continue }
            let offset = token.start + base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let end = offset + Self.marker.count
            var stop = end
            while stop < token.end && bytes[stop] != 0x0A { stop += 1 }
            // The reason: the rest of the comment's line, without a closing `*/` or `"""`.
            var text = string(bytes, end..<stop).trimmingSpaces()
            for closer in ["*/", "\"\"\"", "-->"] where text.hasSuffix(closer) { text = String(text.dropLast(closer.count)).trimmingSpaces() }
            if text.hasPrefix(":") { text = String(text.dropFirst()).trimmingSpaces() }
            var lineStart = token.start
            while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            let standalone = (lineStart..<token.start).allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 }
            byLine[lines.position(of: offset).line] = Allow(reason: text.isEmpty ? nil : text, standalone: standalone)
        }
    }

    /// The allow that covers a literal on `line`: on the same line, or alone on the line above.
    func covering(line: Int) -> (line: Int, reason: String?)? {
        if let a = byLine[line] { return (line, a.reason) }
        if let a = byLine[line - 1], a.standalone { return (line - 1, a.reason) }
        return nil
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
