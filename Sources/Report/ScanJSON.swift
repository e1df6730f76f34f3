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
            let layout = JSONRowLayout(keys: literalKeys, indent: w.rowIndent)
            for l in baseline.new { write(l, as: layout, to: &w) }
            w.endArray()
            // `--history` only: the history literals outside the baseline.
            if let newHistory = baseline.newHistory {
                w.beginArray("newHistory")
                for h in newHistory { write(h, to: &w) }
                w.endArray()
            }
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
        // `--history` only: the key is absent from a scan that did not read history.
        if let history = result.history {
            w.beginArray("history")
            for h in history { write(h, to: &w) }
            w.endArray()
        }
        w.beginArray("literals")
        let literals = result.literals
        let literalLayout = JSONRowLayout(keys: literalKeys, indent: w.rowIndent)
        // Read through the array's buffer, hoping to borrow each row; callgrind still shows a copy
        // per row (Reader/Literal outlined copy and destroy, ~13 M on corpus repo0): left to do.
        w.elements(count: literals.count) { i, w in literals.withUnsafeBufferPointer { write($0[i], as: literalLayout, to: &w) } }
        w.endArray()
        w.beginArray("readers")
        let readers = result.readers
        let readerLayout = JSONRowLayout(keys: readerKeys, indent: w.rowIndent)
        w.elements(count: readers.count) { i, w in readers.withUnsafeBufferPointer { write($0[i], as: readerLayout, to: &w) } }
        w.endArray()
        w.beginArray("roots")
        for root in result.roots {
            w.beginObject()
            if let identity = root.identity { w.field("identity", identity) }  // with a baseline: what it is keyed by
            w.field("name", root.name); w.field("path", root.path)
            w.endObject()
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
        if let blobs = m.historyBlobsScanned { w.field("historyBlobsScanned", blobs) }
        if let bytes = m.historyBytesScanned { w.field("historyBytesScanned", bytes) }
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
            if let line = warning.line { w.field("line", line) }
            w.field("message", warning.message)
            w.field("path", warning.path)
            w.field("repo", warning.repo)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        out = w.out
    }

    static let literalKeys: [StaticString] = ["allowReason", "column", "context", "entropy", "fingerprint", "hint", "issuer",
                                              "language", "length", "line", "path", "placeholder", "repo", "secretLike",
                                              "target"]

    static func write<O>(_ l: Literal, as layout: JSONRowLayout, to w: inout JSONWriter<O>) {
        w.beginRow(layout)
        w.row(layout, 0, l.allowReason)
        w.row(layout, 1, l.column)
        w.row(layout, 2, l.context)
        w.row(layout, 3, l.entropy)
        w.row(layout, 4, l.fingerprint)
        w.row(layout, 5, l.hint)
        w.row(layout, 6, l.issuer)
        w.row(layout, 7, l.language)
        w.row(layout, 8, l.length)
        w.row(layout, 9, l.line)
        w.row(layout, 10, l.path)
        // Only an environment default says whether it is a placeholder: other rows unchanged.
        if let placeholder = l.placeholder { w.row(layout, 11, placeholder) }
        w.row(layout, 12, l.repo)
        w.row(layout, 13, l.secretLike)
        w.row(layout, 14, l.target)
        w.endRow(layout)
    }

    /// A literal of git history: where it came (commit, date, path, line) and the commit that took it out.
    static func write<O>(_ h: HistoryLiteral, to w: inout JSONWriter<O>) {
        w.beginObject()
        w.field("commit", h.commit)
        w.field("context", h.context)
        w.field("date", h.date)
        w.field("fingerprint", h.fingerprint)
        w.field("hint", h.hint)
        w.field("issuer", h.issuer)
        w.field("language", h.language)
        w.field("length", h.length)
        w.field("line", h.line)
        w.field("path", h.path)
        if let placeholder = h.placeholder { w.field("placeholder", placeholder) }
        w.field("removedDate", h.removedDate)
        w.field("removedIn", h.removedIn)
        w.field("repo", h.repo)
        w.field("secretLike", h.secretLike)
        w.field("target", h.target)
        w.endObject()
    }

    static let readerKeys: [StaticString] = ["column", "language", "line", "name", "path", "repo", "rule", "test", "via"]

    static func write(_ r: Reader, as layout: JSONRowLayout, to w: inout JSONWriter<ByteChunk>) {
        w.beginRow(layout)
        w.row(layout, 0, r.column)
        w.row(layout, 1, r.language)
        w.row(layout, 2, r.line)
        w.row(layout, 3, r.name)
        w.row(layout, 4, r.path)
        w.row(layout, 5, r.repo)
        w.row(layout, 6, r.rule)
        if r.isTest { w.row(layout, 7, true) }  // `test: true` only in a test file: other rows unchanged
        w.row(layout, 8, r.via)
        w.endRow(layout)
    }
}
