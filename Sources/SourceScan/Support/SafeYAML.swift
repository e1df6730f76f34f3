import Yams

/// YAML (and JSON, which YAML reads too) parsed so that no error can carry the text it parsed.
///
/// Yams' errors quote the input: a scanner or parser error prints the offending line, a reader
/// error (a control character) prints its line, a duplicate key prints the whole file up to the
/// key. Any of those lines can hold a secret, and they reached stderr and `warnings[]`. Here every
/// error becomes a `YAMLProblem`: a category, a line and a column, and nothing else. The
/// description never contains input text.
///
/// Aliases are bounded too: `&a [*b, *b, …]` nested ten deep is a few hundred bytes that expand to
/// billions of nodes for anything that walks the tree. A document whose expanded size exceeds
/// `nodeBudget` is refused with `.tooManyNodes`.
public enum SafeYAML {
    /// Nodes a document may expand to (aliases counted each time they are used). Real workflows,
    /// manifests and task definitions have a few thousand.
    public static let nodeBudget = 500_000

    /// One document (an empty stream is nil). A stream of several documents is an error.
    public static func compose(_ text: String) -> Result<Node?, YAMLProblem> {
        do {
            let node = try Yams.compose(yaml: text)
            if let node, let problem = overBudget(node) { return .failure(problem) }
            return .success(node)
        } catch {
            return .failure(YAMLProblem(error, in: text))
        }
    }

    /// Every document of a multi-document stream, each on its own: the documents before a broken
    /// one are kept, and the problem says where parsing stopped (a later document can not be
    /// read once the stream is broken).
    public static func composeAll(_ text: String) -> (documents: [Node], problem: YAMLProblem?) {
        var documents: [Node] = []
        do {
            let parser = try Parser(yaml: text)
            while let node = try parser.nextRoot() {
                if let problem = overBudget(node) { return (documents, problem) }
                documents.append(node)
            }
            return (documents, nil)
        } catch {
            return (documents, YAMLProblem(error, in: text))
        }
    }

    /// Whether walking `node` would visit more than the budget; counting stops at the budget, so
    /// the check itself is bounded.
    static func overBudget(_ node: Node) -> YAMLProblem? {
        var remaining = nodeBudget
        func visit(_ node: Node) -> Bool {
            remaining -= 1
            if remaining < 0 { return false }
            switch node {
            case .scalar, .alias: return true
            case .sequence(let s): return s.allSatisfy(visit)
            case .mapping(let m): return m.allSatisfy { visit($0.key) && visit($0.value) }
            }
        }
        return visit(node) ? nil : YAMLProblem(category: .tooManyNodes, line: node.mark?.line, column: node.mark?.column)
    }
}

/// Why a YAML or JSON text could not be read: what kind of problem, and where. Never the text.
public struct YAMLProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Category: String, Sendable {
        case syntax = "syntax error"
        case controlCharacter = "control character"
        case encoding = "invalid UTF-8 or encoding"
        case undefinedAlias = "undefined alias"
        case duplicateKey = "duplicate key"
        case severalDocuments = "more than one document"
        case tooManyNodes = "too many nodes after alias expansion"
        case other = "unreadable"
    }

    public var category: Category
    public var line: Int?
    public var column: Int?

    public init(category: Category, line: Int?, column: Int?) {
        self.category = category
        self.line = line
        self.column = column
    }

    /// `duplicate key at 7:7`, `syntax error at 3`, `undefined alias`.
    public var description: String {
        guard let line else { return category.rawValue }
        return category.rawValue + " at \(line)" + (column.map { ":\($0)" } ?? "")
    }

    /// Maps a Yams error to a category and a position, dropping every string it carries: the
    /// problem texts are libyaml's, but the snippets, contexts and keys are the input's.
    public init(_ error: Error, in text: String) {
        guard let yaml = error as? YamlError else { self.init(category: .other, line: nil, column: nil); return }
        switch yaml {
        case let .reader(problem, offset, _, _):
            let (line, column) = offset.map { Self.position(ofScalarOffset: $0, in: text) } ?? (nil, nil)
            let category: Category = problem.contains("control characters") ? .controlCharacter : .encoding
            self.init(category: category, line: line, column: column)
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _):
            self.init(category: problem.contains("control characters") ? .controlCharacter : .syntax,
                      line: mark.line, column: mark.column)
        case let .composer(context, problem, mark, _):
            let category: Category
            if problem.contains("undefined alias") { category = .undefinedAlias }
            else if context?.text.contains("single document") == true { category = .severalDocuments }
            else { category = .syntax }
            self.init(category: category, line: mark.line, column: mark.column)
        case let .duplicatedKeysInMapping(keys, context):
            let (line, column) = Self.repeatedKey(keys, firstAt: context.mark.line, column: context.mark.column, in: text)
            self.init(category: .duplicateKey, line: line, column: column)
        case .dataCouldNotBeDecoded:
            self.init(category: .encoding, line: nil, column: nil)
        default:
            self.init(category: .other, line: nil, column: nil)
        }
    }

    /// Where a duplicated key is written again: Yams gives the first occurrence, a person fixes
    /// the second. A block mapping's keys start in the same column, so the next line that starts
    /// there with one of the keys and a colon is it; a flow mapping (`{a: 1, a: 2}`) keeps the
    /// first occurrence's place. The keys are used to search, never reported.
    static func repeatedKey(_ keys: [String], firstAt line: Int, column: Int, in text: String) -> (Int, Int) {
        let indent = String(repeating: " ", count: max(0, column - 1))
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 > line {
            guard raw.hasPrefix(indent) else { continue }
            let rest = raw.dropFirst(indent.count)
            for key in keys {
                for quoted in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(quoted) {
                    let after = rest.dropFirst(quoted.count).drop { $0 == " " || $0 == "\t" }
                    if after.hasPrefix(":") { return (index + 1, column) }
                }
            }
        }
        return (line, column)
    }

    /// 1-based line and column of a Unicode-scalar offset (libyaml's reader counts characters).
    static func position(ofScalarOffset offset: Int, in text: String) -> (Int?, Int?) {
        var line = 1, column = 1, index = 0
        for scalar in text.unicodeScalars {
            if index == offset { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        return (line, column)
    }
}

/// What a JSON file's decoding error says, in our words. Foundation's messages carry the coding
/// path (keys of the file, which a hostile baseline or snapshot chooses) and, for malformed
/// JSON, the offending character: only the category is kept, and the name of a missing field
/// (one of ours, not the file's).
public enum JSONProblem {
    public static func category(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "a required field is missing (\(key.stringValue))"
        case DecodingError.typeMismatch, DecodingError.valueNotFound: return "a value has the wrong type"
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty: return "invalid JSON"
        case DecodingError.dataCorrupted: return "a value is not valid"
        default: return "invalid JSON"
        }
    }
}
