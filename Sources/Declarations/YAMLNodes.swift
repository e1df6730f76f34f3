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
    /// Every document of a multi-document stream (Kubernetes manifests), or the problem.
    static func composeAll(_ text: String) -> Result<[Node], YAMLProblem> {
        do { return .success(Array(try Yams.compose_all(yaml: text))) } catch {
            return .failure(YAMLProblem(error))
        }
    }

    /// Parses YAML (or JSON, which YAML reads too) into a node tree; a syntax error becomes a
    /// warning with the line the parser stopped at.
    static func compose(_ text: String) -> Result<Node?, YAMLProblem> {
        do { return .success(try Yams.compose(yaml: text)) } catch {
            return .failure(YAMLProblem(error))
        }
    }
}

struct YAMLProblem: Error {
    var line: Int?
    var message: String

    init(_ error: Error) {
        if let y = error as? YamlError {
            switch y {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
                line = mark.line
                message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
                return
            default: break
            }
        }
        line = nil
        message = "\(error)"
    }
}
