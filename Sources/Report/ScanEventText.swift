import SourceScan

/// The words for what a scan noticed: one line each, naming the file (and line when known) and
/// what happened, never anything of the file's content. The lines go to stderr and the messages
/// into JSON `warnings[]`; stderr makes control characters in names printable (`Printable`).
extension ScanEvent {
    /// `repo/path: skipped: reason (detail)` or `repo/path[:line]: message`.
    public var text: String {
        switch self {
        case .skipped(let skip): return skip.text
        case .warning(let warning): return warning.text
        }
    }
}

extension Skip {
    /// `repo/path: skipped: reason (detail)`: the detail is a size or an errno phrase.
    public var text: String { "\(repo)/\(path): skipped: \(reason.phrase)\(detail.map { " (\($0))" } ?? "")" }
}

extension ScanWarning {
    /// `repo/path[:line]: message`.
    public var text: String { "\(repo)/\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }

    /// What happened, as JSON `warnings[].message` says it.
    public var message: String {
        switch problem {
        case .backtrackingLimit(let rule):
            return "rule '\(rule)' hit the PCRE2 backtracking limit; its matches in this file may be incomplete"
        case .allowWithoutReason(let literalLine):
            return "allow comment without a reason: secretmap:allow needs a reason of at least three words; "
                + "the literal at line \(literalLine) is still reported"
        case .historyNotRead(let reason):
            return "git history not read (\(reason)); the tree was scanned"
        }
    }
}
