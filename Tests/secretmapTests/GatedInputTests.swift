import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import XCTest

/// The config, a snapshot and a drift baseline are read through FileGate like every other file:
/// a FIFO in their place (a hostile checkout can commit a link or ship one) is refused at once
/// instead of blocking the run for ever, and the refusal names the file and the reason.
final class GatedInputTests: XCTestCase {
    /// Runs the binary; kills it after `seconds` (a run blocked on a FIFO) and says so.
    func run(_ arguments: [String], within seconds: Double = 20) throws -> CLI.Run? {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var out = Data(), err = Data() }
        let box = Box()
        DispatchQueue.global().async {
            box.out = out.fileHandleForReading.readDataToEndOfFile()
            box.err = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return CLI.Run(status: process.terminationStatus, stdout: String(decoding: box.out, as: UTF8.self),
                       stderr: String(decoding: box.err, as: UTF8.self))
    }

    func fifo(_ tree: TempTree, _ name: String) -> String {
        let path = tree.root.appendingPathComponent(name).path
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        return path
    }

    func testAFIFOConfigSnapshotOrBaselineIsRefusedNotWaitedOn() throws {
        let tree = TempTree()
        let config = fifo(tree, "secretmap.yml")
        let byConfig = try XCTUnwrap(try run(["stores", "--config", config]), "blocked reading a FIFO config")
        XCTAssertEqual(byConfig.status, 2)
        XCTAssertEqual(byConfig.stderr, "secretmap: \(config): cannot read the config file: not a regular file (a FIFO, device, folder or system file)\n")

        let snapshot = fifo(tree, "snap.json")
        let bySnapshot = try XCTUnwrap(try run(["stores", "--snapshot", snapshot]), "blocked reading a FIFO snapshot")
        XCTAssertEqual(bySnapshot.status, 2)
        XCTAssertEqual(bySnapshot.stderr, "secretmap: \(snapshot): cannot read the snapshot: not a regular file (a FIFO, device, folder or system file)\n")

        let baseline = fifo(tree, "drift-baseline.json")
        let byBaseline = try XCTUnwrap(try run(["drift", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", "Fixtures/planb/stores-snapshot.json",
                                                "--baseline", baseline]), "blocked reading a FIFO drift baseline")
        XCTAssertEqual(byBaseline.status, 2)
        XCTAssertEqual(byBaseline.stderr, "secretmap: cannot read the drift baseline \(baseline): not a regular file (a FIFO, device, folder or system file)\n")
    }
}
