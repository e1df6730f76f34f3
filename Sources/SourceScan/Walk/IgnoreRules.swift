import Foundation
import PCRE

/// The patterns of one `.gitignore` (or `.git/info/exclude`), compiled to PCRE2.
/// Semantics follow gitignore(5): `!` re-includes, a trailing `/` matches folders only, a pattern
/// with a `/` elsewhere is anchored to the file's folder, `**` spans folders.
struct IgnoreFile {
    struct Pattern {
        let regex: Regex
        let negated: Bool
        let directoryOnly: Bool
    }
    /// Folder of the ignore file, relative to the root ("" for the root), without trailing `/`.
    let base: String
    let patterns: [Pattern]

    init(base: String, text: String) {
        self.base = base
        var patterns: [Pattern] = []
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if let p = IgnoreFile.compile(String(rawLine)) { patterns.append(p) }
        }
        self.patterns = patterns
    }

    static func compile(_ rawLine: String) -> Pattern? {
        var line = Substring(rawLine)
        if line.hasSuffix("\r") { line = line.dropLast() }
        // Trailing spaces are ignored unless escaped.
        while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line = line.dropLast() }
        if line.isEmpty || line.hasPrefix("#") { return nil }
        var negated = false
        if line.hasPrefix("!") { negated = true; line = line.dropFirst() }
        else if line.hasPrefix("\\!") || line.hasPrefix("\\#") { line = line.dropFirst() }
        var directoryOnly = false
        if line.hasSuffix("/") { directoryOnly = true; line = line.dropLast() }
        if line.isEmpty { return nil }
        let anchored = line.contains("/")
        if line.hasPrefix("/") { line = line.dropFirst() }
        let body = globToRegex(line)
        let source = anchored ? "^" + body + "$" : "^(?:.*/)?" + body + "$"
        guard let regex = try? Regex(source) else { return nil }
        return Pattern(regex: regex, negated: negated, directoryOnly: directoryOnly)
    }

    static func globToRegex(_ glob: Substring) -> String {
        let chars = Array(glob)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                if i + 1 < chars.count, chars[i + 1] == "*" {
                    let atStart = i == 0 || chars[i - 1] == "/"
                    let atEnd = i + 2 == chars.count
                    let slashFollows = i + 2 < chars.count && chars[i + 2] == "/"
                    if atStart && slashFollows { out += "(?:.*/)?"; i += 3; continue }
                    if atStart && atEnd { out += ".*"; i += 2; continue }
                    out += "[^/]*"; i += 2; continue
                }
                out += "[^/]*"
            case "?": out += "[^/]"
            case "[":
                if let close = chars[(i + 1)...].firstIndex(of: "]"), close > i + 1 {
                    var cls = String(chars[(i + 1)..<close])
                    if cls.hasPrefix("!") { cls = "^" + cls.dropFirst() }
                    out += "[" + cls.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                    i = close + 1
                    continue
                }
                out += "\\["
            case "\\":
                if i + 1 < chars.count { out += escape(chars[i + 1]); i += 2; continue }
            default: out += escape(c)
            }
            i += 1
        }
        return out
    }

    static func escape(_ c: Character) -> String {
        "\\^$.|+()[]{}*?/".contains(c) ? "\\" + String(c) : String(c)
    }
}

/// The ignore files in force for one folder during the walk: the root's `.git/info/exclude`,
/// then every `.gitignore` from the root down. Later (deeper) files take precedence, and within
/// a file the last matching pattern wins, as in git.
struct IgnoreStack {
    private(set) var files: [IgnoreFile] = []
    let scratch: MatchScratch

    init(scratch: MatchScratch) { self.scratch = scratch }

    mutating func push(_ file: IgnoreFile) { files.append(file) }
    mutating func pop() { files.removeLast() }

    /// `relativePath` is relative to the root, `/`-separated.
    func isIgnored(_ relativePath: String, isDirectory: Bool) -> Bool {
        for file in files.reversed() {
            let sub: Substring
            if file.base.isEmpty { sub = Substring(relativePath) }
            else if relativePath.hasPrefix(file.base + "/") { sub = relativePath.dropFirst(file.base.count + 1) }
            else { continue }
            var bytes = Array(sub.utf8)
            let decided: Bool? = bytes.withUnsafeMutableBufferPointer { buf in
                for pattern in file.patterns.reversed() where !pattern.directoryOnly || isDirectory {
                    if (try? pattern.regex.matchEnd(in: UnsafeBufferPointer(buf), from: 0, scratch: scratch)) ?? nil != nil {
                        return !pattern.negated
                    }
                }
                return nil
            }
            if let decided { return decided }
        }
        return false
    }
}
