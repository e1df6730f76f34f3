/// Text that is safe to print where a person or a log parser reads lines: a terminal, a CI log,
/// a Markdown file, a GitHub workflow command.
///
/// File and folder names are chosen by whoever wrote the repository, and a literal's characters
/// by whoever wrote the code: a newline in a file name would add lines of the attacker's choosing
/// to a report or to stderr (a forged "scanned, 0 literals" summary, a fake `::error` command), and
/// an ESC byte in a hint would drive the reader's terminal. Every path, repo name, hint and warning
/// printed outside JSON/SARIF (which escape with JSON's own rules) goes through `escape`.
///
/// Shown escaped: `\n`, `\r`, `\t` as themselves; other C0 controls and DEL as `\xNN`; C1 controls
/// (U+0080–U+009F, NEL and the 8-bit CSI among them) and the characters that move or reorder text
/// (U+2028/U+2029 line and paragraph separators, the bidi embeddings, overrides and isolates) as
/// `\u{NNNN}`. A backslash is left as it is: the escapes only have to be harmless and visible,
/// not reversible, and ordinary Windows-style names stay as written.
public enum Printable {
    /// `text` as it is when it holds nothing to escape (one pass over its bytes, no copy), else an
    /// escaped copy.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { mayNeedEscaping($0) } ? escaped(text) : text
    }

    /// Whether `escape` would change these UTF-8 bytes: one test per byte for a C0 control or DEL,
    /// or a lead byte (0xC2, 0xE2) that may start a C1 control, a separator or a bidi control, and
    /// only then a look at the bytes after it (`…`, U+2026, in every hint, is not escaped).
    /// Ordinary paths are ASCII without controls and never look further.
    public static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x20 || b == 0x7F { return true }
            if b == 0xC2, i + 1 < n, bytes[i + 1] <= 0x9F { return true }  // U+0080–U+009F
            if b == 0xE2, i + 2 < n {
                let b1 = bytes[i + 1], b2 = bytes[i + 2]
                if b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xA8 && b2 <= 0xAE)) { return true }  // U+200E/F, U+2028–U+202E
                if b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9 { return true }  // U+2066–U+2069
            }
            i += 1
        }
        return false
    }

    /// Whether one scalar is shown escaped.
    @inline(__always)
    static func needsEscape(_ v: UInt32) -> Bool {
        v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029
            || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x200E || v == 0x200F
    }

    private static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard needsEscape(v) else { out.append(scalar); continue }
            switch v {
            case 0x0A: out.append(contentsOf: "\\n".unicodeScalars)
            case 0x0D: out.append(contentsOf: "\\r".unicodeScalars)
            case 0x09: out.append(contentsOf: "\\t".unicodeScalars)
            case ..<0x80: out.append(contentsOf: ("\\x" + hex(v, digits: 2)).unicodeScalars)
            default: out.append(contentsOf: ("\\u{" + hex(v, digits: 4) + "}").unicodeScalars)
            }
        }
        return String(out)
    }

    private static func hex(_ v: UInt32, digits: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
