import Foundation
import XCTest
@testable import Stores
import SourceScan

/// The env-file store reads through FileGate: a size limit checked before reading, and no FIFO,
/// device or system file (a link into /proc) in place of the file; a link the user made to their
/// own env file is followed. A refused file is a store problem naming path and reason.
final class StoreFileGateTests: XCTestCase {
    func testAnOversizedOrLinkedEnvFileIsAStoreProblem() throws {
        let tree = TempTree()
        let big = tree.write("big.env", "TOKEN=" + String(repeating: "x", count: 4 * 1024 * 1024) + "\n")
        let real = tree.write("real.env", "LINKED_TOKEN=abc\n")
        tree.link("linked.env", to: "/proc/self/environ")
        tree.link("mine.env", to: real)
        let linked = tree.root.appendingPathComponent("linked.env").path
        let config = try StoreTesting.config("""
        stores:
          env_files: [{ path: big.env }, { path: linked.env }, { path: real.env }, { path: mine.env }]
        """, in: tree)
        let listings = StoreTesting.reader(config, env: ProcessInfo.processInfo.environment).read()
        XCTAssertEqual(listings.map { "\($0.complete) \($0.problem ?? "-")" }, [
            "false cannot read \(big): too large (\(4 * 1024 * 1024 + 7) bytes; the limit is \(4 * 1024 * 1024))",
            "false cannot read \(linked): not a regular file (a FIFO, device, folder or system file)",
            "true -",
            "true -",
        ])
        XCTAssertEqual(listings[2].secrets.map(\.name), ["LINKED_TOKEN"])
        XCTAssertEqual(listings[3].secrets.map(\.name), ["LINKED_TOKEN"])
    }
}
