import Foundation
import Inventory
import SourceScan

/// `secretmap drift`: the findings, numbered D1…Dn, for people (text, Markdown for the daily ops
/// report) and machines (JSON with stable ids, SARIF, GitHub annotations).
public enum DriftOutput {
    public struct Run {
        public var findings: [DriftFinding]
        public var accepted: Int
        public var inventory: Inventory
        public var roots: [Root]
        public init(findings: [DriftFinding], accepted: Int, inventory: Inventory, roots: [Root]) {
            self.findings = findings; self.accepted = accepted; self.inventory = inventory; self.roots = roots
        }
    }

    static func counts(_ f: [DriftFinding]) -> String {
        DriftFinding.Severity.allCases.map { s in "\(f.filter { $0.severity == s }.count) \(s.rawValue.lowercased())" }.joined(separator: ", ")
    }

    /// `style`: severities in colour for a terminal; `.plain` everywhere else.
    public static func text(_ run: Run, style: TextStyle = .plain) -> String {
        var out = "Drift: \(run.findings.count) findings (\(counts(run.findings)))"
        out += run.accepted > 0 ? ", \(run.accepted) accepted in the baseline\n" : "\n"
        // Names, evidence (paths, stores) and summaries come from repos and stores: each line
        // made printable, so none of them can add lines.
        let p = Printable.escape
        for f in run.findings {
            out += "\nD\(f.number)  \(style.severity(f.severity))  \(p(f.name))\(f.environment.map { " [\(p($0))]" } ?? "")  \(f.rule)  owner: \(p(f.owner))\n"
            out += "    \(p(f.summary))\n"
            for e in f.evidence { out += "    - \(p(e))\n" }
            out += "    fix: \(p(f.fix))\n"
        }
        if !run.inventory.incompleteStores.isEmpty {
            out += "\nUnknown (stores not read): \(p(run.inventory.incompleteStores.joined(separator: ", "))): nothing is reported missing from them.\n"
        }
        return out
    }

    /// A section ready to paste into the daily ops report.
    public static func markdown(_ run: Run) -> String {
        var out = "## Secrets drift (\(run.inventory.asOf.prefix(10)))\n\n"
        out += "\(run.findings.count) findings: \(counts(run.findings))"
        out += run.accepted > 0 ? "; \(run.accepted) accepted in the baseline.\n\n" : ".\n\n"
        out += table(run.findings)
        if !run.inventory.incompleteStores.isEmpty {
            out += "\nNot read today (presence unknown): \(run.inventory.incompleteStores.map { "`\(cell($0))`" }.joined(separator: ", ")).\n"
        }
        return out
    }

    /// The findings as a Markdown table (empty for none): the ops report's and the audit document's.
    static func table(_ findings: [DriftFinding]) -> String {
        guard !findings.isEmpty else { return "" }
        var out = "| # | severity | secret | environment | finding | owner | fix |\n|---|---|---|---|---|---|---|\n"
        for f in findings {
            out += "| D\(f.number) | \(f.severity.rawValue) | `\(cell(f.name))` | \(cell(f.environment ?? "")) | \(cell(f.summary)) | \(cell(f.owner)) | \(cell(f.fix)) |\n"
        }
        return out
    }

    /// Text safe inside a Markdown table cell: printable (`Printable`: a newline or CR from a
    /// file or store name shown as `\n`, `\r`), and `|` would end the cell.
    static func cell(_ s: String) -> String { Printable.escape(s).replacingOccurrences(of: "|", with: "\\|") }

    public static func json(_ run: Run) -> String {
        struct Document: Encodable {
            var asOf: String; var fingerprintKeyId: String; var findings: [DriftFinding]; var accepted: Int
            var incompleteStores: [String]; var inventory: [SecretRecord]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let doc = Document(asOf: run.inventory.asOf, fingerprintKeyId: run.inventory.fingerprintKeyId, findings: run.findings,
                           accepted: run.accepted, incompleteStores: run.inventory.incompleteStores, inventory: run.inventory.records)
        return String(decoding: (try? encoder.encode(doc)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// SARIF 2.1.0: one rule per drift rule, one result per finding located at its code or
    /// declaration place; findings with no place in the repos point at the config file.
    public static func sarif(_ run: Run, configPath: String, version: String) -> String {
        let used = Set(run.findings.map(\.rule))
        let rules = DriftRules.descriptions.filter { used.contains($0.id) }.sorted { $0.id.rawValue < $1.id.rawValue }
        func level(_ s: DriftFinding.Severity) -> String { s == .high ? "error" : s == .medium ? "warning" : "note" }
        let results: [[String: Any]] = run.findings.map { f in
            let uri = f.location.map { loc in path(of: loc, roots: run.roots) } ?? configPath
            var region: [String: Any] = ["startLine": f.location?.line ?? 1]
            region["startColumn"] = 1
            return [
                "ruleId": "secretmap/drift/\(f.rule)", "level": level(f.severity),
                "message": ["text": "D\(f.number) \(f.summary). Fix: \(f.fix). Owner: \(f.owner)."],
                "locations": [["physicalLocation": ["artifactLocation": ["uri": uri], "region": region]]],
                "partialFingerprints": ["secretmapDrift/v1": f.id],
            ]
        }
        let driver: [String: Any] = [
            "name": "secretmap", "version": version, "informationUri": "https://github.com/secretmap/secretmap",
            "rules": rules.map { rule in
                ["id": "secretmap/drift/\(rule.id)", "name": rule.id.rawValue,
                 "shortDescription": ["text": rule.title], "fullDescription": ["text": rule.when], "help": ["text": rule.fix],
                 "defaultConfiguration": ["level": level(rule.severity.highest)],
                 "helpUri": "https://github.com/secretmap/secretmap/blob/main/docs/drift.md#\(rule.anchor)"] as [String: Any]
            },
        ]
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [["tool": ["driver": driver], "automationDetails": ["id": "secretmap/drift/"], "results": results]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `::error` / `::warning` / `::notice` workflow commands.
    public static func github(_ run: Run, configPath: String) -> String {
        run.findings.map { f in
            let command = f.severity == .high ? "error" : f.severity == .medium ? "warning" : "notice"
            let file = f.location.map { path(of: $0, roots: run.roots) } ?? configPath
            return "::\(command) file=\(ScanGitHub.property(file)),line=\(f.location?.line ?? 1),title=\(ScanGitHub.property("secretmap D\(f.number) \(f.rule)"))::"
                + ScanGitHub.data("\(f.summary). Fix: \(f.fix). Owner: \(f.owner).")
        }.joined(separator: "\n") + (run.findings.isEmpty ? "" : "\n")
    }

    static func path(of place: SecretRecord.Place, roots: [Root]) -> String {
        guard let root = roots.first(where: { $0.name == place.repo }) else { return place.path }
        return root.path == "." ? place.path : (root.path.hasSuffix("/") ? root.path : root.path + "/") + place.path
    }
}
