import Foundation
import SourceScan
import Yams

/// The variables a compose file takes from the shell that runs it, read as compose reads them:
/// only in values (never in keys or comments), `${NAME}` / `${NAME:-default}` / `$NAME`, and
/// `$$` is a literal dollar. An unbraced `$` inside a word (`pa$word`, a bcrypt hash
/// `$2b$10$…`) is part of a value that was pasted in, and no part of a value may become a name.
enum ComposeInterpolation {
    static func declarations(in root: Node, text: String, _ file: SourceFile) -> [Declaration] {
        var out: [Declaration] = []
        placed(in: root, text: text, find: names(in:), spelled: { $0.spelled }) { found, line, _ in
            out.append(file.declare(found.name, .composeInterpolation, line: line))
        }
        // An anchored value used through aliases is the same node, visited once per use: one
        // place is one declaration.
        var seen = Set<String>()
        return out.filter { seen.insert("\($0.name)\u{0}\($0.line)").inserted }
    }

    /// Every value's finds (names, defaults), each placed on its line: a value over several lines
    /// starts on the node's line, and each find is placed on the first line from there that
    /// spells it, looked for only within the value's reach (its own lines, or a few dozen for a
    /// folded one), so the search stays linear. Only values: never keys or comments.
    static func placed<Found>(in root: Node, text: String, find: (String) -> [Found], spelled: (Found) -> String,
                              _ each: (Found, _ line: Int, _ lineText: Substring?) -> Void) {
        let lines = text.textLines()
        func visit(_ node: Node) {
            switch node {
            case .scalar(let scalar):
                let found = find(scalar.string)
                guard !found.isEmpty else { return }
                var from = max(node.line, 1)
                let last = min(lines.count, from + max(64, scalar.string.utf8.lazy.filter { $0 == 0x0A }.count + 2))
                for item in found {
                    var at = from
                    while at <= last, !lines[at - 1].contains(spelled(item)) { at += 1 }
                    if at > last { at = from } else { from = at }
                    each(item, at, at <= lines.count ? lines[at - 1] : nil)
                }
            case .mapping(let mapping):
                for (_, value) in mapping { visit(value) }
            case .sequence(let sequence):
                for item in sequence { visit(item) }
            case .alias:
                break
            }
        }
        visit(root)
    }

    /// Each interpolated name in a value, with how it is spelled (`${NAME` or `$NAME`).
    static func names(in value: String) -> [(name: String, spelled: String)] {
        guard value.utf8.contains(0x24) else { return [] }
        let b = Array(value.utf8)
        var out: [(String, String)] = []
        var i = 0
        let isNameStart = VariableNameBytes.isStart, isNameByte = VariableNameBytes.isByte
        func name(from start: Int) -> Int { VariableNameBytes.end(of: b, from: start) }
        while i < b.count {
            guard b[i] == 0x24, i + 1 < b.count else { i += 1; continue }
            let next = b[i + 1]
            if next == 0x24 { i += 2; continue }                                   // $$: a literal $
            if next == 0x7B, i + 2 < b.count, isNameStart(b[i + 2]) {               // ${NAME…}
                let end = name(from: i + 2)
                if end < b.count, b[end] == 0x7D || b[end] == 0x3A || b[end] == 0x3F || b[end] == 0x2D || b[end] == 0x2B {
                    let n = String(decoding: b[(i + 2)..<end], as: UTF8.self)
                    out.append((n, "${" + n))
                }
                i = end                                                              // a default may hold more
                continue
            }
            if isNameStart(next), i == 0 || !isNameByte(b[i - 1]) {                // $NAME, not inside a word
                let end = name(from: i + 1)
                let n = String(decoding: b[(i + 1)..<end], as: UTF8.self)
                out.append((n, "$" + n))
                i = end
                continue
            }
            i += 1
        }
        return out
    }
}

extension ComposeInterpolation {
    /// The hard-coded defaults of the variables a compose file interpolates: `${NAME:-value}` and
    /// `${NAME-value}`, wherever the file interpolates (any service, whatever its image: the
    /// default is the host variable's, written in this repository). Placed like the declarations:
    /// the first line from the value's start that spells `${NAME`. An anchored value used
    /// through aliases is one place, one literal.
    static func defaultLiterals(in root: Node, text: String, _ file: SourceFile, services: Set<String> = [],
                                _ measure: EnvironmentDefaults?) -> [Literal] {
        var out: [Literal] = []
        var seen = Set<String>()
        placed(in: root, text: text, find: defaults(in:), spelled: { $0.spelled }) { d, at, lineText in
            guard seen.insert("\(d.name)\u{0}\(at)\u{0}\(d.spelled)").inserted else { return }
            let column = lineText.flatMap { line in line.range(of: d.spelled).map { line.distance(from: line.startIndex, to: $0.upperBound) + 1 } } ?? 1
            if let literal = file.defaultLiteral(d.value, of: d.name, .composeDefault, line: at, column: column, language: "compose",
                                                 placeholder: Compose.isServiceAddress(d.value, services: services), measure) {
                out.append(literal)
            }
        }
        return out
    }

    /// Each `${NAME:-default}` / `${NAME-default}` in a value, as compose reads it: `$$` is a
    /// literal `$`; a default that interpolates another variable (`${A:-${B}}`, `${A:-$B}`) is
    /// computed when compose runs, not hard-coded, and is left out. `spelled` is `${NAME:-` or
    /// `${NAME-`: the text just before the default.
    static func defaults(in value: String) -> [(name: String, spelled: String, value: String)] {
        guard value.utf8.contains(0x24) else { return [] }
        let b = Array(value.utf8)
        var out: [(String, String, String)] = []
        var i = 0
        while i < b.count {
            guard b[i] == 0x24, i + 1 < b.count else { i += 1; continue }
            if b[i + 1] == 0x24 { i += 2; continue }                                   // $$
            guard b[i + 1] == 0x7B, i + 2 < b.count, VariableNameBytes.isStart(b[i + 2]) else { i += 1; continue }
            let end = VariableNameBytes.end(of: b, from: i + 2)
            var start = end
            if end + 1 < b.count, b[end] == 0x3A, b[end + 1] == 0x2D { start = end + 2 }   // :-
            else if end < b.count, b[end] == 0x2D { start = end + 1 }                     // -
            guard start > end else { i = end; continue }
            // The closing brace, with nested `${…}` counted and `$$` skipped.
            var depth = 0, j = start, close: Int?
            while j < b.count {
                if b[j] == 0x24, j + 1 < b.count, b[j + 1] == 0x24 { j += 2; continue }
                if b[j] == 0x24, j + 1 < b.count, b[j + 1] == 0x7B { depth += 1; j += 2; continue }
                if b[j] == 0x7D { if depth == 0 { close = j; break }; depth -= 1 }
                j += 1
            }
            guard let close else { i = end; continue }                                    // unclosed: no default
            let raw = String(decoding: b[start..<close], as: UTF8.self)
            let name = String(decoding: b[(i + 2)..<end], as: UTF8.self)
            if !raw.replacingOccurrences(of: "$$", with: "").contains("$") {
                out.append((name, String(decoding: b[i..<start], as: UTF8.self), raw.replacingOccurrences(of: "$$", with: "$")))
            }
            i = start                                                                      // a default may hold more
        }
        return out
    }
}
