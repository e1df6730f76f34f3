/// The languages the scanner tokenizes. Everything else is walked past, not read.
public enum Language: String, Codable, Sendable, CaseIterable {
    case javascript, typescript, python, swift

    /// The tokenizer family: TypeScript is lexed as JavaScript.
    public var family: Family {
        switch self {
        case .javascript, .typescript: return .javascript
        case .python: return .python
        case .swift: return .swift
        }
    }

    public enum Family: String, Codable, Sendable, CaseIterable { case javascript, python, swift }

    public init?(fileName: String) {
        // On the name's bytes: the walker asks for every file of a tree, and finding the last
        // `.` through Characters (grapheme breaking) and comparing Substrings cost more than
        // the rest of listing a file.
        var name = fileName
        guard let language = name.withUTF8({ Language.byExtension($0) }) else { return nil }
        self = language
    }

    private static func byExtension(_ name: UnsafeBufferPointer<UInt8>) -> Language? {
        var dot = name.count - 1
        while dot > 0 && name[dot] != UInt8(ascii: ".") { dot -= 1 }
        guard dot > 0 else { return nil }  // no dot, or only a leading one (`.env`)
        let ext = UnsafeBufferPointer(rebasing: name[(dot + 1)...])
        func equals(_ s: StaticString) -> Bool {
            ext.count == s.utf8CodeUnitCount && ext.elementsEqual(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }
        if equals("js") || equals("jsx") || equals("mjs") || equals("cjs") { return .javascript }
        if equals("ts") || equals("tsx") || equals("mts") || equals("cts") { return .typescript }
        if equals("py") || equals("pyi") { return .python }
        if equals("swift") { return .swift }
        return nil
    }
}
