import Foundation

/// What the run's standard streams are connected to, and what that allows: colour on standard
/// output only for a person at a terminal who did not ask for none (https://no-color.org), a
/// progress line on standard error only when it is a terminal.
enum Terminal {
    /// Colour for a report written to standard output: a terminal, and `NO_COLOR` unset or empty.
    static func colourOnStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        isatty(STDOUT_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
