import SourceScan

/// `--format markdown`: the same tables as text, ready to paste into docs/secrets-management.md.
public enum ScanMarkdown {
    public static func render(_ result: ScanResult) -> String {
        var out = "## Code readers\n\n"
        out += "\(ScanTables.readerNameCount(result)) environment variables read in \(result.readers.count) places.\n\n"
        if !result.readers.isEmpty { out += ScanTables.readers(result, markdown: true).markdown() + "\n" }
        out += "## Hard-coded literals\n\n"
        out += "\(result.literals.count) string literals in constructor context or as defaults of environment variables "
            + "(fingerprints and hints only).\n\n"
        if !result.literals.isEmpty { out += ScanTables.literals(result.literals).markdown() + "\n" }
        out += "## Same literal in several places\n\n"
        out += result.duplicates.isEmpty ? "None.\n" : ScanTables.duplicates(result).markdown()
        if !result.sharedReaders.isEmpty {
            out += "\n## Names read in several repos\n\n" + ScanTables.sharedReaders(result).markdown()
        }
        return out
    }
}
