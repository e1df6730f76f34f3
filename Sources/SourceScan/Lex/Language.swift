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
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        switch fileName[fileName.index(after: dot)...] {
        case "js", "jsx", "mjs", "cjs": self = .javascript
        case "ts", "tsx", "mts", "cts": self = .typescript
        case "py", "pyi": self = .python
        case "swift": self = .swift
        default: return nil
        }
    }
}
