import Inventory
import SourceScan

/// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
///
/// One run per scanned root (each with its own `automationDetails.id`, which GitHub needs to keep
/// runs of one upload apart), `tool.driver.rules` with id, descriptions and helpUri, and one result
/// per reported literal: `ruleId`, `level`, a message with the hint (never the value),
/// a root-relative `artifactLocation.uri`, a `region` with `startLine`/`startColumn`, and
/// `partialFingerprints` from our fingerprint so alerts follow a literal when lines move.
/// With a baseline, only new literals are results; literals accepted by a `secretmap:allow`
/// comment are results with an `inSource` suppression whose justification is the comment's reason.
public enum ScanSARIF {
    /// CWE-798, Use of Hard-coded Credentials: what the rule finds, explained by MITRE.
    public static let helpUri = "https://cwe.mitre.org/data/definitions/798.html"
    static let ruleId = "secretmap/hardcoded-literal"

    public static func render<Out: ReportStream>(_ result: ScanResult, baseline: BaselineComparison? = nil,
                                                 version: String, to out: inout Out) {
        // Literals an allow comment accepts are results too, marked suppressed in source with the
        // comment's reason, so code scanning lists them as dismissed instead of losing them.
        let new = baseline.map { Set($0.new) }
        let reported = result.literals.filter {
            $0.secretLike && ($0.allowReason != nil || new?.contains($0) ?? true)
        }
        var w = JSONWriter(out)
        w.beginObject()
        w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        w.beginArray("runs")
        for root in result.roots {
            w.beginObject()
            w.beginObject("automationDetails")
            w.field("id", "secretmap/\(root.name)/")
            w.endObject()
            w.beginArray("results")
            for l in reported where l.repo == root.name { write(l, duplicates: result.duplicates, to: &w) }
            w.endArray()
            w.beginObject("tool")
            w.beginObject("driver")
            w.field("name", "secretmap")
            w.beginArray("rules")
            w.beginObject()
            w.beginObject("defaultConfiguration"); w.field("level", "error"); w.endObject()
            w.beginObject("fullDescription")
            w.field("text", "A secret-like string literal is the default of a constructor parameter, a constructor assignment, a field initialiser or an environment variable (process.env.X || \"…\", os.getenv(\"X\", \"…\")). Rotating it needs a code change and a deploy of every repository that carries it, and a deployment that forgot the variable runs with it; read it from the environment, without a default.")
            w.endObject()
            w.field("helpUri", helpUri)
            w.field("id", ruleId)
            w.field("name", "HardCodedLiteral")
            w.beginObject("properties")
            w.field("precision", "high")
            w.field("security-severity", "8.0")
            w.beginArray("tags"); w.element("security"); w.element("secrets"); w.endArray()
            w.endObject()
            w.beginObject("shortDescription"); w.field("text", "Hard-coded secret-like literal in a constructor or as an environment default"); w.endObject()
            w.endObject()
            w.endArray()
            w.field("version", version)
            w.endObject()
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.field("version", "2.1.0")
        w.endObject()
        out = w.out
    }

    static func write<O>(_ l: Literal, duplicates: [Duplicate], to w: inout JSONWriter<O>) {
        w.beginObject()
        w.field("level", "error")
        w.beginArray("locations")
        w.beginObject()
        w.beginObject("physicalLocation")
        w.beginObject("artifactLocation"); w.field("uri", l.path); w.endObject()
        w.beginObject("region"); w.field("startColumn", l.column); w.field("startLine", l.line); w.endObject()
        w.endObject()
        w.endObject()
        w.endArray()
        w.beginObject("message")
        w.field("text", message(l, duplicates: duplicates))
        w.endObject()
        w.beginObject("partialFingerprints")
        w.field("secretmapLiteral/v1", "\(l.context):\(l.fingerprint)")
        w.endObject()
        w.field("ruleId", ruleId)
        w.field("ruleIndex", 0)
        if let reason = l.allowReason {
            w.beginArray("suppressions")
            w.beginObject()
            w.field("justification", reason)
            w.field("kind", "inSource")
            w.endObject()
            w.endArray()
        }
        w.endObject()
    }

    /// What a reviewer needs: where it sits, which literal (hint and fingerprint), where else it is.
    static func message(_ l: Literal, duplicates: [Duplicate]) -> String {
        var text = "Hard-coded \(l.issuer.map { "\($0) " } ?? "")secret-like literal (\(l.length) characters, \(l.hint), "
            + "\(l.fingerprint)) as \(l.context)\(l.target.map { " of \($0)" } ?? "")."
        if let d = duplicates.first(where: { $0.fingerprint == l.fingerprint }) {
            let others = d.occurrences.filter { !($0.repo == l.repo && $0.path == l.path && $0.line == l.line) }
                .map { "\($0.repo)/\($0.path):\($0.line)" }
            if !others.isEmpty { text += " The same value is also at " + others.joined(separator: ", ") + "." }
        }
        return text
    }
}
