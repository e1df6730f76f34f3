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
enum StandardError {
    /// Held while a line is written, so lines from several workers never interleave.
    private static let output = LockBox(())

    static func line(_ text: String) {
        write(Printable.escape(text))
    }

    /// ArgumentParser's usage and help text, several lines by design: each line made printable.
    static func lines(_ text: String) {
        write(text.split(separator: "\n", omittingEmptySubsequences: false).map { Printable.escape(String($0)) }.joined(separator: "\n"))
    }

    private static func write(_ text: String) {
        output.withLock { _ in FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }
}
