import Inventory
import SourceScan

/// The scan's three tables, shared by the text and Markdown renderers: the reader paths grouped
/// by variable name, the hard-coded literals, and the literals found in several places.
enum ScanTables {
    static func where_(_ repo: String, _ path: String, _ line: Int, _ column: Int? = nil) -> String {
        "\(repo)/\(path):\(line)" + (column.map { ":\($0)" } ?? "")
    }

    /// One row per reader; the name only on the first row of its group.
    static func readers(_ result: ScanResult, markdown: Bool) -> Table {
        var table = Table(header: ["NAME", "READ AT", "LANGUAGE"])
        var byName: [String: [Reader]] = [:]
        for r in result.readers { byName[r.name, default: []].append(r) }
        for name in byName.keys.sorted() {
            for (i, r) in byName[name]!.enumerated() {
                let shownName = i == 0 || markdown ? (markdown ? "`\(name)`" : name) : ""
                table.rows.append([shownName, where_(r.repo, r.path, r.line, r.column), r.language])
            }
        }
        return table
    }

    static func literals(_ literals: [Literal]) -> Table {
        var table = Table(header: ["WHERE", "CONTEXT", "TARGET", "LENGTH", "HINT", "ISSUER", "FINGERPRINT"])
        for l in literals {
            let note = l.allowReason.map { " (allowed: \($0))" } ?? (l.secretLike ? "" : " (not secret-like)")
            table.rows.append([where_(l.repo, l.path, l.line, l.column), l.context + note,
                               l.target ?? "-", String(l.length), l.hint, l.issuer ?? "-", l.fingerprint])
        }
        return table
    }

    static func resolved(_ entries: [Baseline.Entry]) -> Table {
        var table = Table(header: ["FILE", "CONTEXT", "TARGET", "HINT", "COUNT", "FINGERPRINT"])
        for e in entries {
            table.rows.append(["\(e.repo)/\(e.path)", e.context, e.target ?? "-", e.hint, String(e.count), e.fingerprint])
        }
        return table
    }

    static func duplicates(_ result: ScanResult) -> Table {
        var table = Table(header: ["FINGERPRINT", "HINT", "PLACES"])
        for d in result.duplicates {
            table.rows.append([d.fingerprint, d.hint, d.occurrences.map { where_($0.repo, $0.path, $0.line) }.joined(separator: ", ")])
        }
        return table
    }

    static func sharedReaders(_ result: ScanResult) -> Table {
        var table = Table(header: ["NAME", "REPOS"])
        for s in result.sharedReaders { table.rows.append([s.name, s.repos.joined(separator: ", ")]) }
        return table
    }

    static func readerNameCount(_ result: ScanResult) -> Int { Set(result.readers.map(\.name)).count }
}
