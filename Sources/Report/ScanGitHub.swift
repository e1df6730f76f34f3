import Inventory
import SourceScan

/// `--format github`: GitHub Actions workflow commands, one `::error` per reported literal, which
/// the runner turns into pull-request annotations. File paths are the root's path as given plus
/// the file's path in it, i.e. relative to the working directory the scan ran in.
public enum ScanGitHub {
    public static func render(_ result: ScanResult, baseline: BaselineComparison? = nil) -> String {
        let reported = (baseline?.new ?? result.literals).filter { $0.secretLike && $0.allowReason == nil }
        var out = ""
        for l in reported {
            let root = result.roots.first { $0.name == l.repo }?.path ?? l.repo
            let file = root == "." || root == "./" ? l.path : (root.hasSuffix("/") ? root : root + "/") + l.path
            out += "::error file=\(property(file)),line=\(l.line),col=\(l.column),title=\(property("secretmap: hard-coded literal"))::"
            out += data(ScanSARIF.message(l, duplicates: result.duplicates)) + "\n"
        }
        return out
    }

    /// Escaping defined by the Actions runner for workflow-command data and property values,
    /// after the text is made printable: the runner would turn `%0A` back into a newline in the
    /// annotation and pass an ESC byte to the log, so a file name's control characters are shown
    /// escaped (`Printable`) first, as in every other format meant to be read as lines.
    static func data(_ s: String) -> String {
        Printable.escape(s).replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

import Foundation
