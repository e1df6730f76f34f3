import Inventory
import SourceScan

/// The scan's three tables, shared by the text and Markdown renderers: the reader paths grouped
/// by variable name, the hard-coded literals, and the literals found in several places.
enum ScanTables {
    static func where_(_ repo: String, _ path: String, _ line: Int, _ column: Int? = nil) -> String {
        var out = repo
        out.reserveCapacity(repo.utf8.count + path.utf8.count + 16)
        out += "/"; out += path; out += ":"; out += String(line)
        if let column { out += ":"; out += String(column) }
        return out
    }

    /// One row per reader; the name only on the first row of its group. Within a name, readers
    /// in test files come after the others, marked "(test)".
    static func readers(_ result: ScanResult, markdown: Bool) -> Table {
        var table = Table(header: ["NAME", "READ AT", "LANGUAGE"])
        // Grouped by name in scan order within a name: a sort of indices, not a dictionary of
        // copied readers (a large scan has a hundred thousand).
        let readers = result.readers
        let order = readers.indices.sorted { a, b in
            if readers[a].name != readers[b].name { return readers[a].name < readers[b].name }
            if readers[a].isTest != readers[b].isTest { return !readers[a].isTest }
            return a < b
        }
        table.rows.reserveCapacity(order.count)
        var previousName: String?
        for index in order {
            let r = readers[index]
            let first = r.name != previousName
            previousName = r.name
            let shownName = first || markdown ? (markdown ? "`\(r.name)`" : r.name) : ""
            table.rows.append([shownName, where_(r.repo, r.path, r.line, r.column) + (r.isTest ? " (test)" : ""), r.language])
        }
        return table
    }

    static func literals(_ literals: [Literal]) -> Table {
        var table = Table(header: ["WHERE", "CONTEXT", "TARGET", "LENGTH", "HINT", "ISSUER", "FINGERPRINT"])
        for l in literals {
            let note = l.allowReason.map { " (allowed: \($0))" }
                ?? (l.placeholder == true ? " (placeholder)" : l.secretLike ? "" : " (not secret-like)")
            table.rows.append([where_(l.repo, l.path, l.line, l.column), l.context + note,
                               l.target ?? "-", String(l.length), l.hint, l.issuer ?? "-", l.fingerprint])
        }
        return table
    }

    /// Literals of git history: the commit that brought each (short id, date), where, and the
    /// commit that took it out.
    static func history(_ history: [HistoryLiteral]) -> Table {
        var table = Table(header: ["HINT", "FIRST COMMIT", "WHERE", "REMOVED IN", "CONTEXT", "FINGERPRINT"])
        for h in history {
            let first = h.commit.map { String($0.prefix(7)) + (h.date.map { " (\($0.prefix(10)))" } ?? "") } ?? "-"
            let removed = h.removedIn.map { String($0.prefix(7)) + (h.removedDate.map { " (\($0.prefix(10)))" } ?? "") } ?? "-"
            table.rows.append([h.hint, first, "\(h.repo)/\(h.path):\(h.line)", removed,
                               h.context + (h.placeholder == true ? " (placeholder)" : h.secretLike ? "" : " (not secret-like)"), h.fingerprint])
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
