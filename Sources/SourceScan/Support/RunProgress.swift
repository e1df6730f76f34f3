import Foundation

/// How far a run has got, counted by the stages as they work (files scanned, stores read) and
/// read by whoever draws a progress line: the stages count, they never print. Counters only,
/// so sharing it between workers costs one short lock per file.
public final class RunProgress: Sendable {
    public struct Counts: Sendable, Equatable {
        public var filesScanned = 0
        public var storesRead = 0
        public var storesTotal = 0
    }

    private let counts = LockBox(Counts())
    /// A pause after each file counted, in microseconds: 0 but in the tests of the progress line,
    /// which need a run that lasts more than a second whatever the machine's speed (the CLI sets
    /// it from SECRETMAP_TEST_FILE_DELAY_MS).
    private let fileDelay: UInt32

    public init(fileDelayMicroseconds: UInt32 = 0) {
        fileDelay = fileDelayMicroseconds
    }

    public var current: Counts { counts.withLock { $0 } }

    /// One more file read and matched (or skipped after opening).
    public func fileScanned() {
        counts.withLock { $0.filesScanned += 1 }
        if fileDelay > 0 { usleep(fileDelay) }
    }

    /// `n` more store listings to read.
    public func storesQueued(_ n: Int) { counts.withLock { $0.storesTotal += n } }

    /// One store listing read (complete or not).
    public func storeRead() { counts.withLock { $0.storesRead += 1 } }
}
