/// What a note may quote of the file it is about. Notes name what could not be known (a name
/// built at run time, a file a script reads that is not in the checkout), and that name is text
/// of the file: it is shown only when it is shaped like a name or a path, never when it could be
/// a value (`$(printf sk_live_…)`, `/app/${TOKEN:-sk_live_…}`).
enum MessageText {
    static let hidden = "(not shown)"

    /// A name expression: name characters, `/`, `.`, `-`, `$`, braces, brackets, `@`; no word
    /// shaped like a generated key.
    static func name(_ raw: String) -> String {
        shown(raw, extra: "_./-${}[]@")
    }

    /// A path a file names: name characters, `/`, `.`, `-`.
    static func path(_ raw: String) -> String {
        shown(raw, extra: "_./-")
    }

    private static func shown(_ raw: String, extra: String) -> String {
        let allowed = Set(extra.utf8)
        guard !raw.isEmpty, raw.utf8.count <= 200,
              raw.utf8.allSatisfy({ isAlphanumeric($0) || allowed.contains($0) }) else { return hidden }
        let words = raw.utf8.split(whereSeparator: { !isAlphanumeric($0) && $0 != 0x5F })
        return words.contains(where: { looksGenerated($0) }) ? hidden : raw
    }

    /// 16 or more characters mixing upper case, lower case and digits: the shape of a generated
    /// key or token, not of a name someone chose.
    static func looksGenerated<S: Collection>(_ bytes: S) -> Bool where S.Element == UInt8 {
        bytes.count >= 16 && bytes.contains { $0 >= 0x41 && $0 <= 0x5A } && bytes.contains { $0 >= 0x61 && $0 <= 0x7A }
            && bytes.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39)
    }
}
