import ArgumentParser
import CSupport
import Foundation
import Report
import SourceScan

/// Lines to stderr, whole, even when workers report at the same time.
///
/// A line is one line: messages name files, repos and stores whose names the scanned trees and
/// stores choose, so control characters in it are shown escaped (`Printable`); a newline in a
/// file name cannot forge another warning or a CI workflow command.
///
/// Three kinds of line: errors and summaries (`line`, always written), warnings (`warning`,
/// dropped under `--quiet`), and the progress line (`status`, on a terminal only: see
/// `ProgressLine`), which is erased before any other line is written and at the end of the run.
enum StandardError {
    private struct State {
        /// `--quiet`: warnings are not written (the summary still counts them).
        var quiet = false
        /// A progress line is on the screen, without its newline.
        var statusShown = false
        /// Progress lines are taken; false once the run's output begins.
        var statusOpen = false
    }

    /// Held while a line is written, so lines from several workers never interleave.
    private static let output = LockBox(State())

    /// Erases the progress line: back to its start, clear to the end of the line.
    static let eraseStatus = "\r\u{1B}[2K"

    static func line(_ text: String) {
        write(Printable.escape(text))
    }

    /// A line only worth reading when something may be wrong: not written under `--quiet`.
    static func warning(_ text: String) {
        if output.withLock({ $0.quiet }) { return }
        line(text)
    }

    static func setQuiet(_ quiet: Bool) { output.withLock { $0.quiet = quiet } }

    /// ArgumentParser's usage and help text, several lines by design: each line made printable.
    static func lines(_ text: String) {
        write(text.split(separator: "\n", omittingEmptySubsequences: false).map { Printable.escape(String($0)) }.joined(separator: "\n"))
    }

    /// Replaces the progress line with `text` (no newline), while progress lines are taken.
    static func status(_ text: String) {
        output.withLock { state in
            guard state.statusOpen else { return }
            FileHandle.standardError.write(Data((eraseStatus + Printable.escape(text)).utf8))
            state.statusShown = true
        }
    }

    static func openStatus() { output.withLock { $0.statusOpen = true } }

    /// Erases the progress line, if one is shown, and takes no more: the run's output follows.
    static func closeStatus() {
        output.withLock { state in
            state.statusOpen = false
            if state.statusShown { FileHandle.standardError.write(Data(eraseStatus.utf8)) }
            state.statusShown = false
        }
    }

    private static func write(_ text: String) {
        output.withLock { state in
            // A warning in the middle of a run replaces the progress line; the next tick redraws it.
            let erase = state.statusShown ? eraseStatus : ""
            state.statusShown = false
            FileHandle.standardError.write(Data((erase + text + "\n").utf8))
        }
    }
}
