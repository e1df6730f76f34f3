import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// Every file secretmap writes goes to a temporary file in the same folder, then is renamed over
/// the target: a run killed at any moment leaves the old file whole or the new file whole.
final class AtomicWriteTests: XCTestCase {
    func testAKilledRunLeavesTheOldReportWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-atomic-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tree"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // 300,000 readers: a report of tens of megabytes, long enough to be killed while written.
        try String(repeating: "var a=process.env.KILLED_WHILE_WRITING;\n", count: 300_000)
            .write(to: dir.appendingPathComponent("tree/big.js"), atomically: true, encoding: .utf8)
        let report = dir.appendingPathComponent("report.json").path
        let old = "{\"previous\": \"report\"}\n"
        for delay in [0.05, 0.3, 0.8, 1.5] {
            try old.write(toFile: report, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["scan", "--format", "json", "--max-file-size", "64M", "--output", report, dir.appendingPathComponent("tree").path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = try String(contentsOfFile: report, encoding: .utf8)
            if now != old {
                // The run had finished: then the new report is complete.
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(now.utf8)), "killed after \(delay) s: a partial report")
            }
        }
        // And a run left alone replaces it.
        let done = try CLI.run(["scan", "--format", "json", "--max-file-size", "64M", "--output", report, dir.appendingPathComponent("tree").path])
        XCTAssertEqual(done.status, 0, done.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        XCTAssertEqual((object["readers"] as? [Any])?.count, 300_000)
    }
}
