import Inventory

/// How text reports mark what matters on a terminal: severities in colour (ANSI SGR), or
/// nothing at all. The CLI chooses (a terminal on stdout, NO_COLOR unset); a report written to
/// a file or a pipe is always `.plain`, so no escape sequence reaches a log or a diff.
public struct TextStyle: Sendable, Equatable {
    public var colour: Bool

    public static let plain = TextStyle(colour: false)
    public static let terminal = TextStyle(colour: true)

    public init(colour: Bool) { self.colour = colour }

    static let reset = "\u{1B}[0m"

    /// The severity's word, coloured: High bold red, Medium yellow, Low cyan.
    public func severity(_ severity: DriftFinding.Severity) -> String {
        guard colour else { return severity.rawValue }
        let code: String
        switch severity {
        case .high: code = "\u{1B}[1;31m"
        case .medium: code = "\u{1B}[33m"
        case .low: code = "\u{1B}[36m"
        }
        return code + severity.rawValue + Self.reset
    }
}
