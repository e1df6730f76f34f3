/// Just enough of HCL (Terraform's syntax) to read block headers and the string attributes in
/// them: comments, strings with `${…}` interpolation, heredocs, braces. Not an evaluator.
struct HCLToken {
    enum Kind: Equatable { case word, string, open, close, equals, other }
    var kind: Kind
    var text: String
    var line: Int
}

/// A lexing or nesting problem: the line and a fixed phrase, never text of the file.
struct HCLError: Error { var line: Int; var message: String }

enum HCLLexer {
    static func tokens(_ text: String) throws -> [HCLToken] {
        let b = Array(text.utf8)
        var out: [HCLToken] = []
        var i = 0, line = 1
        func isWord(_ c: UInt8) -> Bool {
            (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D || c == 0x2E
        }
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x0A: line += 1; i += 1
            case 0x20, 0x09, 0x0D: i += 1
            case 0x23: while i < b.count, b[i] != 0x0A { i += 1 }                       // # comment
            case 0x2F where i + 1 < b.count && b[i + 1] == 0x2F: while i < b.count, b[i] != 0x0A { i += 1 }
            case 0x2F where i + 1 < b.count && b[i + 1] == 0x2A:                          // /* … */
                let start = line
                i += 2
                while i + 1 < b.count, !(b[i] == 0x2A && b[i + 1] == 0x2F) { if b[i] == 0x0A { line += 1 }; i += 1 }
                guard i + 1 < b.count else { throw HCLError(line: start, message: "unterminated /* comment") }
                i += 2
            case 0x22:                                                                    // "…${…}…"
                let start = line
                var j = i + 1, depth = 0
                var value: [UInt8] = []
                while j < b.count {
                    let d = b[j]
                    if d == 0x0A && depth == 0 { throw HCLError(line: start, message: "unterminated string") }
                    if d == 0x0A { line += 1 }
                    if d == 0x5C, j + 1 < b.count { value += [d, b[j + 1]]; j += 2; continue }
                    if d == 0x24 || d == 0x25, j + 1 < b.count, b[j + 1] == 0x7B { depth += 1; value += [d, 0x7B]; j += 2; continue }
                    if depth > 0, d == 0x7D { depth -= 1 } else if depth == 0, d == 0x22 { break }
                    value.append(d); j += 1
                }
                guard j < b.count else { throw HCLError(line: start, message: "unterminated string") }
                out.append(HCLToken(kind: .string, text: String(decoding: value, as: UTF8.self), line: start))
                i = j + 1
            case 0x3C where i + 1 < b.count && b[i + 1] == 0x3C:                          // <<EOF / <<-EOF
                let start = line
                var j = i + 2
                if j < b.count, b[j] == 0x2D { j += 1 }
                let m = j
                while j < b.count, isWord(b[j]) { j += 1 }
                let marker = String(decoding: b[m..<j], as: UTF8.self)
                guard !marker.isEmpty else { out.append(HCLToken(kind: .other, text: "<", line: line)); i += 1; continue }
                var found = false
                while j < b.count {
                    if b[j] == 0x0A {
                        line += 1
                        var k = j + 1
                        while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
                        var e = k
                        while e < b.count, b[e] != 0x0A, b[e] != 0x0D { e += 1 }
                        if String(decoding: b[k..<e], as: UTF8.self) == marker { found = true; j = e; break }
                    }
                    j += 1
                }
                // The marker is a word of the file: the message names the problem, never the word.
                guard found else { throw HCLError(line: start, message: "unterminated heredoc") }
                out.append(HCLToken(kind: .other, text: "heredoc", line: start))
                i = j
            case 0x7B: out.append(HCLToken(kind: .open, text: "{", line: line)); i += 1
            case 0x7D: out.append(HCLToken(kind: .close, text: "}", line: line)); i += 1
            case 0x3D where !(i + 1 < b.count && b[i + 1] == 0x3D):
                out.append(HCLToken(kind: .equals, text: "=", line: line)); i += 1
            default:
                if isWord(c) {
                    var j = i
                    while j < b.count, isWord(b[j]) { j += 1 }
                    out.append(HCLToken(kind: .word, text: String(decoding: b[i..<j], as: UTF8.self), line: line))
                    i = j
                } else {
                    out.append(HCLToken(kind: .other, text: String(UnicodeScalar(c)), line: line)); i += 1
                }
            }
        }
        return out
    }
}

/// A block (`resource "aws_ssm_parameter" "stripe" { … }`) with its labels and the simple
/// attributes written directly in it (`name = "/planb/X"`, `sensitive = true`).
struct HCLBlock {
    var labels: [String]          // ["resource", "aws_ssm_parameter", "stripe"]
    var line: Int
    var attributes: [String: (value: String, line: Int)] = [:]
}

enum HCLBlocks {
    /// Every block at any depth, closed in source order; unbalanced braces are an error.
    static func blocks(_ tokens: [HCLToken]) throws -> [HCLBlock] {
        var done: [HCLBlock] = []
        var stack: [HCLBlock] = []
        var header: [HCLToken] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            switch t.kind {
            case .open:
                let labels = header.filter { $0.kind == .word || $0.kind == .string }.map(\.text)
                stack.append(HCLBlock(labels: labels, line: header.first?.line ?? t.line))
                header = []
            case .close:
                guard let block = stack.popLast() else { throw HCLError(line: t.line, message: "unexpected }") }
                done.append(block)
                header = []
            case .equals:
                if let name = header.last, name.kind == .word, i + 1 < tokens.count, !stack.isEmpty {
                    let value = tokens[i + 1]
                    if value.kind == .string || value.kind == .word {
                        stack[stack.count - 1].attributes[name.text] = (value.text, value.line)
                    }
                }
                header = []
            default:
                if let last = header.last, last.line != t.line { header = [] }
                header.append(t)
            }
            i += 1
        }
        if let open = stack.last { throw HCLError(line: open.line, message: "block opened here is never closed") }
        return done
    }
}
