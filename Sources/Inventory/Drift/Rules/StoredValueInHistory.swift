import SourceScan

/// A value a store holds today that git history holds too (`scan --history`, `history: true`):
/// the code no longer has it, but every clone, fork and CI cache of the repository does, so it
/// is as public as the repository ever was. Only rotation helps. A history literal equal to no
/// stored value is dead (rotated or never used): no finding, the scan lists it.
enum StoredValueInHistory: DriftRule {
    static let description = DriftRuleDescription(
        id: .storedValueInHistory, severity: .fixed(.high), title: "Stored value found in git history",
        when: "a value a store holds today has the fingerprint of a literal found only in git history (`scan --history`, `history: true` in secretmap.yml): every clone holds it; a history literal equal to no stored value is dead, no action",
        fix: "rotate the value in the store; removing it from history does not reach the clones")

    static let examples = [
        // Removed from the code, still in the store: every clone has it.
        DriftExample(expected: ["High CALLBACK_TOKEN -"]) {
            $0.readers = [DriftExample.read("CALLBACK_TOKEN")]
            $0.history = [DriftExample.historyLiteral("lambda/index.js:9", fingerprint: "f-cb")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")]), DriftExample.ssm("staging", "/s/", [("CALLBACK_TOKEN", "f-cb2")])]
        },
        // Dead: rotated since it was committed, so the store holds another value.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("CALLBACK_TOKEN")]
            $0.history = [DriftExample.historyLiteral("lambda/index.js:9", fingerprint: "f-old")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")])]
        },
        // History not read: nothing to say.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("CALLBACK_TOKEN")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        guard let history = c.inventory.history, !history.isEmpty else { return }
        let byFingerprint = Dictionary(grouping: history, by: \.fingerprint)
        for record in c.inventory.records {
            let held = record.stores.filter { s in s.fingerprint.map { byFingerprint[$0] != nil } ?? false }
            guard !held.isEmpty else { continue }
            let found = Set(held.compactMap(\.fingerprint)).sorted().flatMap { byFingerprint[$0]! }.sorted(by: HistoryLiteral.inOrder)
            let places = found.map(place)
            c.add(DriftFinding(rule: description.id, severity: .high, record: record,
                               summary: "the value of \(record.name) in \(held.map { "\($0.kind) \($0.path)" }.joined(separator: ", ")) is in git history at \(places.joined(separator: "; ")): every clone holds it",
                               evidence: places + held.map { "\($0.kind) \($0.path) (\($0.hint ?? "same fingerprint"))" },
                               fix: "rotate \(record.name) in \(held.map { "\($0.kind) \($0.path)" }.joined(separator: ", ")); rewriting history does not reach the clones"))
        }
    }

    /// `repo/path:line, commit 1234567 (2024-03-01), removed in 89abcde (2024-06-01)`.
    static func place(_ h: HistoryLiteral) -> String {
        var text = "\(h.repo)/\(h.path):\(h.line)"
        if let commit = h.commit { text += ", commit \(commit.prefix(7))" + (h.date.map { " (\($0.prefix(10)))" } ?? "") }
        if let removed = h.removedIn { text += ", removed in \(removed.prefix(7))" + (h.removedDate.map { " (\($0.prefix(10)))" } ?? "") }
        else { text += ", not removed from every ref" }
        return text
    }
}
