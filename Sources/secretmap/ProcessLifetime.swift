import ArgumentParser
import CSupport
import Foundation
import Report
import SourceScan

/// Results the process is about to exit with. Releasing a large scan's findings (a hundred
/// thousand readers, each with its Strings) took 8 ms after the report was written, for memory
/// the exit hands back anyway; kept here, they are never released.
enum ProcessLifetime {
    // nonisolated(unsafe): appended on the main thread only, after the workers have ended.
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}
