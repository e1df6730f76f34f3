import Foundation

/// A value shared between threads, reachable only under its lock: the one lock type of the
/// package (Synchronization's `Mutex` needs macOS 15; this needs nothing). Whoever holds the box
/// can only touch the value inside `withLock`, so no path forgets to lock or unlock.
public final class LockBox<Value>: @unchecked Sendable {  // @unchecked: every access is under `lock`
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, under the lock; keep it short (no I/O but the one it guards).
    @discardableResult
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
