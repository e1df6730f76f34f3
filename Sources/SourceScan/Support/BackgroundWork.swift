import Foundation

/// Work started now on a thread of its own, its result taken later: for a stage that mostly waits
/// on other processes (the store CLIs talking to the network) while this process has other work
/// for its cores (the scan, the declarations). A dedicated thread, not the shared dispatch pool,
/// so the waiting never takes a worker from `concurrentPerform`.
public final class BackgroundWork<Value: Sendable>: Sendable {
    private let outcome = LockBox<Result<Value, any Error>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [outcome, finished] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        thread.start()
    }

    /// Work already done: its value is ready, no thread is started.
    public init(done value: Value) {
        outcome.withLock { $0 = .success(value) }
        finished.signal()
    }

    /// Waits for the work to end; its value, or the error it threw. May be asked again.
    public func value() throws -> Value {
        finished.wait()
        finished.signal()   // the next caller does not wait
        return try outcome.withLock { $0! }.get()
    }
}
