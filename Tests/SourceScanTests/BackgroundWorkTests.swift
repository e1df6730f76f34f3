import Foundation
import SourceScan
import XCTest

/// The store listing overlaps the scan through BackgroundWork: the work must run while the caller
/// goes on, and hand back its value or its error.
final class BackgroundWorkTests: XCTestCase {
    /// The background work waits for a signal the caller gives only after `BackgroundWork` has
    /// returned: work run in the caller's thread (one stage after the other) would never see it.
    func testTheWorkRunsWhileTheCallerGoesOn() throws {
        let callerGoesOn = DispatchSemaphore(value: 0)
        let work = BackgroundWork { callerGoesOn.wait(timeout: .now() + 5) == .success }
        callerGoesOn.signal()
        XCTAssertEqual(try work.value(), true)
        XCTAssertEqual(try work.value(), true, "asked twice, the same value without waiting again")
    }

    struct Refused: Error, Equatable { let why: String }

    func testTheWorksErrorIsThrownToWhoeverAsksForTheValue() {
        let work = BackgroundWork<Int> { throw Refused(why: "no store") }
        XCTAssertThrowsError(try work.value()) { XCTAssertEqual($0 as? Refused, Refused(why: "no store")) }
    }

    /// A snapshot is read before the scan (a wrong path said at once): its listing is work done.
    func testWorkAlreadyDoneHandsBackItsValue() throws {
        let work = BackgroundWork(done: 42)
        XCTAssertEqual(try work.value(), 42)
        XCTAssertEqual(try work.value(), 42, "asked twice, the same value")
    }
}
