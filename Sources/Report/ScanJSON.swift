import Inventory
import SourceScan

/// `secretmap scan --format json`: the contract of DESIGN.md (`readers[]`, `literals[]`,
/// `duplicates[]` with their fields). Keys are sorted and the layout is stable, so the output can
/// be diffed; fields may be added, never renamed.
public enum ScanJSON {
    public static let formatVersion = 1

    public static func render(_ result: ScanResult, baseline: BaselineComparison? = nil) -> String {
        var s = ""
        render(result, baseline: baseline, to: &s)
        return s
    }

    /// With a baseline, a `baseline` object says which literals are new (the gate's findings),
    /// how many it accepted and which of its entries are resolved; `literals[]` stays complete.
    public static func render<Out: ReportStream>(_ result: ScanResult, baseline: BaselineComparison? = nil, to out: inout Out) {
        var w = JSONWriter(out)
        w.beginObject()
        if let baseline {
            w.beginObject("baseline")
            w.field("accepted", baseline.accepted)
            w.beginArray("new")
            for l in baseline.new { write(l, to: &w) }
            w.endArray()
            w.beginArray("resolved")
            for e in baseline.resolved {
                w.beginObject()
                w.field("context", e.context)
                w.field("count", e.count)
                w.field("fingerprint", e.fingerprint)
                w.field("hint", e.hint)
                w.field("path", e.path)
                w.field("repo", e.repo)
                w.field("target", e.target)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.beginArray("duplicates")
        for d in result.duplicates {
            w.beginObject()
            w.field("fingerprint", d.fingerprint)
            w.field("hint", d.hint)
            w.beginArray("occurrences")
            for o in d.occurrences {
                w.beginObject(); w.field("line", o.line); w.field("path", o.path); w.field("repo", o.repo); w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.field("fingerprintKeyId", result.fingerprintKeyId)
        w.field("formatVersion", formatVersion)
        w.beginArray("literals")
        let literals = result.literals
        w.elements(count: literals.count) { i, w in write(literals[i], to: &w) }
        w.endArray()
        w.beginArray("readers")
        let readers = result.readers
        w.elements(count: readers.count) { i, w in write(readers[i], to: &w) }
        w.endArray()
        w.beginArray("roots")
        for root in result.roots {
            w.beginObject(); w.field("name", root.name); w.field("path", root.path); w.endObject()
        }
        w.endArray()
        w.beginArray("sharedReaders")
        for s in result.sharedReaders {
            w.beginObject()
            w.field("name", s.name)
            w.beginArray("repos"); for repo in s.repos { w.element(repo) }; w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginArray("skipped")
        for s in result.skipped {
            w.beginObject()
            w.field("detail", s.detail)
            w.field("path", s.path)
            w.field("reason", s.reason.rawValue)
            w.field("repo", s.repo)
            w.endObject()
        }
        w.endArray()
        let m = result.summary
        w.beginObject("summary")
        w.field("bytesScanned", m.bytesScanned)
        w.field("filesIgnored", m.filesIgnored)
        w.field("filesOtherLanguages", m.filesOtherLanguages)
        w.field("filesScanned", m.filesScanned)
        w.field("literalsAllowed", m.literalsAllowed)
        w.field("literalsNotSecretLike", m.literalsNotSecretLike)
        w.field("roots", m.roots)
        w.beginObject("skipped")
        for key in m.skipped.keys.sorted() { w.field(dynamicKey: key, m.skipped[key]!) }
        w.endObject()
        w.endObject()
        w.field("tool", "secretmap")
        w.beginArray("warnings")
        for warning in result.warnings {
            w.beginObject()
            w.field("message", warning.message)
            w.field("path", warning.path)
            w.field("repo", warning.repo)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        out = w.out
    }

    static func write<O>(_ l: Literal, to w: inout JSONWriter<O>) {
        w.beginObject()
        w.field("allowReason", l.allowReason)
        w.field("column", l.column)
        w.field("context", l.context)
        w.field("entropy", l.entropy)
        w.field("fingerprint", l.fingerprint)
        w.field("hint", l.hint)
        w.field("issuer", l.issuer)
        w.field("language", l.language)
        w.field("length", l.length)
        w.field("line", l.line)
        w.field("path", l.path)
        w.field("repo", l.repo)
        w.field("secretLike", l.secretLike)
        w.field("target", l.target)
        w.endObject()
    }

    static func write(_ r: Reader, to w: inout JSONWriter<ByteChunk>) {
        w.beginObject()
        w.field("column", r.column)
        w.field("language", r.language)
        w.field("line", r.line)
        w.field("name", r.name)
        w.field("path", r.path)
        w.field("repo", r.repo)
        w.field("rule", r.rule)
        w.endObject()
    }
}
