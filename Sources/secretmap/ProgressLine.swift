import Dispatch
import Foundation
import SourceScan

/// The line on stderr that says a long run is alive: stores read, files scanned. Drawn only
/// when stderr is a terminal and the run has lasted more than a second (a quick run shows
/// nothing), redrawn ten times a second from the stages' counters, and erased before the
/// run's output, so nothing of it remains in a terminal's scrollback.
final class ProgressLine {
    /// What the stages count; handed to the scan engine and the store reader. nil when nobody
    /// watches (stderr not a terminal): the scan's workers then take no lock per file.
    let progress: RunProgress?
    private let timer: DispatchSourceTimer?

    /// The wait before the first line: shorter runs show none.
    static let delay: DispatchTimeInterval = .seconds(1)

    init(enabled: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        // Tests only: a pause per file, so a run lasts more than a second on any machine.
        let delayMs = environment["SECRETMAP_TEST_FILE_DELAY_MS"].flatMap { UInt32($0) } ?? 0
        let progress = RunProgress(fileDelayMicroseconds: min(delayMs, 10_000) * 1000)
        self.progress = enabled || delayMs > 0 ? progress : nil
        guard enabled else { timer = nil; return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + Self.delay, repeating: .milliseconds(100))
        timer.setEventHandler { StandardError.status(Self.text(progress.current)) }
        self.timer = timer
        StandardError.openStatus()
        timer.resume()
    }

    /// Stops the line and erases it; the run's output and summary follow.
    func finish() {
        timer?.cancel()
        StandardError.closeStatus()
    }

    static func text(_ counts: RunProgress.Counts) -> String {
        var parts: [String] = []
        if counts.storesTotal > 0 { parts.append("stores read \(counts.storesRead)/\(counts.storesTotal)") }
        parts.append("files scanned \(counts.filesScanned)")
        return "secretmap: " + parts.joined(separator: ", ") + " …"
    }
}
