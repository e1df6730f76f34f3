/// Human edits that survive regeneration: `<!-- secretmap:keep NAME -->` … `<!-- /secretmap:keep -->`.
/// The generated document has empty blocks where people write (owners, notes, decisions); when
/// the document is written again, each block takes the text it had in the old file.
public enum KeepBlocks {
    static let open = "<!-- secretmap:keep "
    static let close = "<!-- /secretmap:keep -->"

    /// NAME → the text between the markers, from an existing document.
    public static func parse(_ document: String) -> [String: String] {
        var out: [String: String] = [:]
        var rest = Substring(document)
        while let start = rest.range(of: open) {
            guard let nameEnd = rest[start.upperBound...].range(of: " -->"),
                  let end = rest[nameEnd.upperBound...].range(of: close) else { break }
            let name = String(rest[start.upperBound..<nameEnd.lowerBound])
            var body = String(rest[nameEnd.upperBound..<end.lowerBound])
            if body.hasPrefix("\n") { body.removeFirst() }
            out[name] = body
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// A block, holding what the old document had there (or `placeholder`).
    public static func block(_ name: String, kept: [String: String], placeholder: String) -> String {
        "\(open)\(name) -->\n\(kept[name] ?? placeholder + "\n")\(close)\n"
    }
}
