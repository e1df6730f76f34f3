import ArgumentParser
import Foundation
import SourceScan

/// `--quiet`, and the progress line it silences: shared by the commands that run long
/// (scan, declared, stores, drift, audit).
struct TerminalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "No warnings and no progress line: errors, the summary (with what was skipped) and the exit status stay.")
    var quiet = false

    /// Applies `--quiet` and starts the progress line (a terminal on stderr, not quiet); the
    /// command hands `progress` to the stages and calls `finish()` before its output.
    func begin() -> ProgressLine {
        StandardError.setQuiet(quiet)
        return ProgressLine(enabled: !quiet && Terminal.standardErrorIsTerminal)
    }
}
