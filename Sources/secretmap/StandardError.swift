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
    private static let lock = NSLock()

    static func line(_ text: String) {
        write(Printable.escape(text))
    }

    /// ArgumentParser's usage and help text, several lines by design: each line made printable.
    static func lines(_ text: String) {
        write(text.split(separator: "\n", omittingEmptySubsequences: false).map { Printable.escape(String($0)) }.joined(separator: "\n"))
    }

    private static func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
