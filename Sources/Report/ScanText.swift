import Inventory
import SourceScan

/// `--format text` (the default): what a person reads in a terminal at 11 pm.
public enum ScanText {
    /// With a baseline, the literal table lists only the literals outside it, then the entries
    /// no longer found (resolved).
    public static func render(_ result: ScanResult, baseline: BaselineComparison? = nil) -> String {
        var out = ""
        let names = ScanTables.readerNameCount(result)
        out += "Environment variables read by code: \(names) names in \(result.readers.count) places\n"
        if !result.readers.isEmpty { out += ScanTables.readers(result, markdown: false).text() }
        if let baseline {
            out += "\nNew hard-coded literals (not in the baseline): \(baseline.new.count)\n"
            if !baseline.new.isEmpty { out += ScanTables.literals(baseline.new).text() }
            out += "\nResolved (in the baseline, no longer found): \(baseline.resolved.count)\n"
            if !baseline.resolved.isEmpty { out += ScanTables.resolved(baseline.resolved).text() }
        } else {
            out += "\nHard-coded literals in constructors: \(result.literals.count)\n"
            if !result.literals.isEmpty { out += ScanTables.literals(result.literals).text() }
        }
        out += "\nSame literal in several places: \(result.duplicates.count)\n"
        if !result.duplicates.isEmpty { out += ScanTables.duplicates(result).text() }
        if !result.sharedReaders.isEmpty {
            out += "\nNames read in several repos: \(result.sharedReaders.count)\n"
            out += ScanTables.sharedReaders(result).text()
        }
        if let newHistory = baseline?.newHistory {
            out += "\nNew literals in git history (not in the baseline): \(newHistory.count)\n"
            if !newHistory.isEmpty { out += ScanTables.history(newHistory).text() }
        } else if let history = result.history {
            out += "\nLiterals in git history, no longer in the tree: \(history.count)\n"
            if !history.isEmpty { out += ScanTables.history(history).text() }
        }
        return out
    }

    /// One line for stderr: what was scanned, what was found, what was skipped and why.
    public static func summary(_ result: ScanResult, baseline: BaselineComparison? = nil, seconds: Double) -> String {
        let s = result.summary
        var line = "secretmap: scanned \(s.filesScanned) files (\(bytes(s.bytesScanned))) in \(s.roots) root\(s.roots == 1 ? "" : "s")"
        line += String(format: " in %.2f s", seconds)
        line += "; \(result.readers.count) readers, \(result.literals.count) literals, \(result.duplicates.count) duplicates"
        if s.literalsNotSecretLike > 0 {
            line += "; \(s.literalsNotSecretLike) long literals not secret-like (--all-literals shows them)"
        }
        if let baseline {
            line += "; baseline: \(baseline.new.count) new, \(baseline.accepted) accepted, \(baseline.resolved.count) resolved"
            if let newHistory = baseline.newHistory { line += ", \(newHistory.count) new in history" }
        }
        if s.literalsAllowed > 0 { line += "; \(s.literalsAllowed) allowed by secretmap:allow" }
        if let blobs = s.historyBlobsScanned {
            line += "; history: \(blobs) blobs (\(bytes(s.historyBytesScanned ?? 0))), \(result.history?.count ?? 0) literals no longer in the tree"
        }
        if !s.skipped.isEmpty {
            let parts = SkipReason.allCases.compactMap { r in s.skipped[r.rawValue].map { "\($0) \(r.phrase)" } }
            line += "; skipped \(s.skipped.values.reduce(0, +)): " + parts.joined(separator: ", ")
        }
        if !result.warnings.isEmpty { line += "; \(result.warnings.count) warnings" }
        return line
    }

    static func bytes(_ n: Int) -> String {
        if n >= 1 << 20 { return String(format: "%.1f MiB", Double(n) / Double(1 << 20)) }
        if n >= 1 << 10 { return String(format: "%.1f KiB", Double(n) / Double(1 << 10)) }
        return "\(n) B"
    }
}

import Foundation
