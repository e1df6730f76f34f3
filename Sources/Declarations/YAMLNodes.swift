import SourceScan
import Yams

/// Walking Yams node trees with the line each node starts on.
extension Node {
    /// 1-based line where the node starts.
    var line: Int { mark?.line ?? 0 }

    /// Every mapping in the tree, depth first, with its key path.
    func mappings(_ visit: (Node.Mapping, [String]) -> Void, path: [String] = []) {
        switch self {
        case .mapping(let m):
            visit(m, path)
            for (k, v) in m { v.mappings(visit, path: path + [k.string ?? ""]) }
        case .sequence(let s):
            for v in s { v.mappings(visit, path: path + ["[]"]) }
        default: break
        }
    }
}

enum YAMLText {
    /// YAML also breaks lines at a lone CR, NEL, LS and PS; everything else here (the scanner, the
    /// regex passes over the same text, editors' line numbers in CI logs) counts LF only. Those
    /// become spaces before parsing, so a node's line is the line a person sees (found by fuzzing:
    /// a task definition with lone CRs was declared on a line the file does not have).
    static func lineFeedsOnly(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) else { return text }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let p = previous, p == "\r" { out.append(scalar == "\n" ? "\r" : " ") }
            if scalar != "\r" { out.append(scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : scalar) }
            previous = scalar
        }
        if previous == "\r" { out.append(" ") }
        return String(out)
    }

    /// Every document of a multi-document stream (Kubernetes manifests): those before a broken
    /// document are kept, with the problem (category and position, never text).
    static func composeAll(_ text: String) -> (documents: [Node], problem: YAMLProblem?) {
        SafeYAML.composeAll(lineFeedsOnly(text))
    }

    /// Parses YAML (or JSON, which YAML reads too) into a node tree; a syntax error becomes a
    /// warning with the line the parser stopped at, and no text of the file.
    static func compose(_ text: String) -> Result<Node?, YAMLProblem> {
        SafeYAML.compose(lineFeedsOnly(text))
    }
}

extension Node.Mapping {
    /// The entries with YAML merge keys expanded (`<<: *defaults`, `<<: [*a, *b]`), as compose
    /// and GitHub read them: a key written in the mapping wins over a merged one, and among merged
    /// mappings the first listed wins. A merged entry keeps its node, so it is placed on its line
    /// in the anchor's definition; `<<` itself is never an entry (it is not a name).
    var mergedEntries: [(key: Node, value: Node)] {
        guard contains(where: { $0.key.string == "<<" }) else { return map { ($0.key, $0.value) } }
        var own: [(key: Node, value: Node)] = [], merged: [(key: Node, value: Node)] = []
        for (key, value) in self {
            guard key.string == "<<" else { own.append((key, value)); continue }
            let sources: [Node]
            switch value {
            case .sequence(let s): sources = Array(s)
            default: sources = [value]
            }
            for case .mapping(let m) in sources { merged += m.mergedEntries }
        }
        var seen = Set(own.compactMap { $0.key.string })
        for entry in merged where seen.insert(entry.key.string ?? "").inserted { own.append(entry) }
        return own
    }
}
