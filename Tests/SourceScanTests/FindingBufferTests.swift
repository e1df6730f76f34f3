import XCTest
@testable import SourceScan

/// The merge moves findings out of the workers' buffers: every element arrives once, in the
/// order of the ranges, and each object is released exactly once (by the result, not twice).
final class FindingBufferTests: XCTestCase {
    final class Tracked {
        nonisolated(unsafe) static var alive = 0
        let label: String
        init(_ label: String) { self.label = label; Tracked.alive += 1 }
        deinit { Tracked.alive -= 1 }
    }

    func testGatherMovesRangesInOrderAndReleasesOnce() {
        Tracked.alive = 0
        do {
            let a = FindingBuffer<Tracked>(capacity: 2), b = FindingBuffer<Tracked>(capacity: 2)
            for i in 0..<5 { a.append(Tracked("a\(i)")) }  // grows twice
            for i in 0..<3 { b.append(Tracked("b\(i)")) }
            XCTAssertEqual(Tracked.alive, 8)
            let merged = FindingBuffer.gather([(a, 0..<2), (b, 0..<1), (a, 2..<2), (a, 2..<5), (b, 1..<3)], total: 8)
            XCTAssertEqual(merged.map(\.label), ["a0", "a1", "b0", "a2", "a3", "a4", "b1", "b2"])
            XCTAssertEqual(Tracked.alive, 8, "moving copies no object")
            _ = (a, b)  // the buffers go first: they must not release what they handed over
        }
        XCTAssertEqual(Tracked.alive, 0, "every object released once, by the merged array")
    }

    func testUnmovedElementsAreReleasedWithTheBuffer() {
        Tracked.alive = 0
        do {
            let a = FindingBuffer<Tracked>()
            for i in 0..<3 { a.append(Tracked("\(i)")) }
            XCTAssertEqual(a.count, 3)
        }
        XCTAssertEqual(Tracked.alive, 0)
    }
}
