/// The findings one worker collects, in a growable raw buffer the merge *moves* out of: each
/// element is copied bitwise into the result once, without the retain a copied path or name
/// costs, and the worker's teardown has nothing left to release. With Arrays, the merge retained
/// and the teardown released a few hundred thousand Strings on a large tree, all of it serial
/// time between the parallel scan and the report.
final class FindingBuffer<Element>: @unchecked Sendable {  // touched by one thread at a time
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0
    /// How many elements were moved out; `moveOut` is called for every element or for none.
    private var movedOut = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        assert(movedOut == 0 || movedOut == count, "a finding was neither moved out nor released")
        if movedOut == 0 { base.deinitialize(count: count) }
        base.deallocate()
    }

    func append(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Changes an element already appended (an allow comment found after its literal).
    func update(_ index: Int, _ change: (inout Element) -> Void) {
        precondition(index >= 0 && index < count && movedOut == 0)
        change(&base[index])
    }

    @inline(never) private func grow() {
        capacity *= 2
        base = base.movedToNewAllocation(count: count, capacity: capacity)
    }

    /// Moves `range` to `destination` (uninitialized memory); those elements are no longer ours.
    func moveOut(_ range: Range<Int>, to destination: UnsafeMutablePointer<Element>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        destination.moveInitialize(from: base + range.lowerBound, count: range.count)
        movedOut += range.count
    }

    /// One array of the elements of several buffers, taken range by range in the order given.
    static func gather(_ parts: some Sequence<(FindingBuffer<Element>, Range<Int>)>, total: Int) -> [Element] {
        Array(unsafeUninitializedCapacity: total) { out, initialized in
            for (buffer, range) in parts where !range.isEmpty {
                precondition(initialized + range.count <= total)
                buffer.moveOut(range, to: out.baseAddress! + initialized)
                initialized += range.count
            }
        }
    }
}

extension UnsafeMutablePointer {
    /// A new allocation of `capacity` elements holding the first `count` elements moved out of
    /// this one, which is freed: how the raw growable buffers here (findings, tokens) grow.
    func movedToNewAllocation(count: Int, capacity: Int) -> UnsafeMutablePointer<Pointee> {
        let bigger = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
        bigger.moveInitialize(from: self, count: count)
        deallocate()
        return bigger
    }
}
