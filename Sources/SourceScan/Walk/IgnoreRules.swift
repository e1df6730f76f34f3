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
        /// What most patterns are (`node_modules/`, `.env`, `*.log`): a test on the last path
        /// component, without running the regex. nil: only the regex decides.
        let lastComponent: LastComponent?
    }

    enum LastComponent: Equatable {
        case equals([UInt8])      // `name`: no wildcard, no slash
        case endsWith([UInt8])    // `*suffix`: one leading star, no other wildcard, no slash

        func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
            var start = path.count
            while start > 0 && path[start - 1] != UInt8(ascii: "/") { start -= 1 }
            let component = UnsafeBufferPointer(rebasing: path[start...])
            switch self {
            case .equals(let name): return component.elementsEqual(name)
            case .endsWith(let suffix):
                return component.count >= suffix.count && component[(component.count - suffix.count)...].elementsEqual(suffix)
            }
        }
    }

    /// Folder of the ignore file, relative to the root ("" for the root), without trailing `/`.
    let base: String
    /// `base` + "/" as bytes ("" for the root): the prefix a path must have for this file to apply.
    let basePrefix: [UInt8]
    let patterns: [Pattern]
    /// Whether any pattern can match a file (not only folders): most ignore files list folders.
    let matchesFiles: Bool

    init(base: String, text: String) {
        self.base = base
        basePrefix = base.isEmpty ? [] : Array((base + "/").utf8)
        var patterns: [Pattern] = []
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if let p = IgnoreFile.compile(String(rawLine)) { patterns.append(p) }
        }
        self.patterns = patterns
        matchesFiles = patterns.contains { !$0.directoryOnly }
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
        // `\z` and dot-all: a name is matched whole, whatever bytes it holds (`$` would also
        // match before a final newline, and `.` not across one).
        let source = anchored ? "^" + body + "\\z" : "^(?:.*/)?" + body + "\\z"
        guard let regex = try? Regex(source, options: [.dotAll]) else { return nil }
        return Pattern(regex: regex, negated: negated, directoryOnly: directoryOnly,
                       lastComponent: anchored ? nil : lastComponentTest(line))
    }

    /// The fast test for an unanchored glob, when it is a plain name or `*` + a plain suffix.
    static func lastComponentTest(_ glob: Substring) -> LastComponent? {
        let special: Set<Character> = ["*", "?", "[", "\\", "/"]
        if !glob.contains(where: special.contains) { return .equals(Array(glob.utf8)) }
        let rest = glob.dropFirst()
        if glob.first == "*", !rest.isEmpty, !rest.contains(where: special.contains) { return .endsWith(Array(rest.utf8)) }
        return nil
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

    /// `relativePath` is relative to the root, `/`-separated. Called for every file and folder
    /// of the walk, so it works on the path's bytes in place.
    func isIgnored(_ relativePath: String, isDirectory: Bool) -> Bool {
        var path = relativePath
        return path.withUTF8 { all in
            for file in files.reversed() where isDirectory || file.matchesFiles {
                let prefix = file.basePrefix
                guard all.count > prefix.count, all.starts(with: prefix) else { continue }
                let sub = UnsafeBufferPointer(rebasing: all[prefix.count...])
                for pattern in file.patterns.reversed() where !pattern.directoryOnly || isDirectory {
                    let matched = pattern.lastComponent.map { $0.matches(sub) }
                        ?? ((try? pattern.regex.matchEnd(in: sub, from: 0, scratch: scratch)) ?? nil != nil)
                    if matched { return !pattern.negated }
                }
            }
            return false
        }
    }
}
