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

    /// SIGTERM or SIGINT while the report is being written: the temporary file is removed, the
    /// old report is whole, and the run still ends by that signal. The signal is sent as soon as
    /// the temporary file appears, so it lands while the report is written.
    func testAnInterruptedRunLeavesNoTemporaryFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-atomic-signal-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tree"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try String(repeating: "var a=process.env.INTERRUPTED_WHILE_WRITING;\n", count: 300_000)
            .write(to: dir.appendingPathComponent("tree/big.js"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let report = out.appendingPathComponent("report.json").path
        let old = "{\"previous\": \"report\"}\n"
        var interrupted = 0
        for signal in [SIGTERM, SIGINT, SIGTERM, SIGINT] {
            try old.write(toFile: report, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["scan", "--format", "json", "--max-file-size", "64M", "--output", report, dir.appendingPathComponent("tree").path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            var sent = false
            while p.isRunning {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
                if names.contains(where: { $0.contains(".tmp-") }) {
                    kill(p.processIdentifier, signal)
                    sent = true
                    break
                }
                usleep(200)
            }
            p.waitUntilExit()
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            XCTAssertEqual(names, ["report.json"], "signal \(signal): a temporary file was left")
            if sent, p.terminationReason == .uncaughtSignal {
                interrupted += 1
                XCTAssertEqual(p.terminationStatus, signal, "the run ends by the signal it got")
                XCTAssertEqual(try String(contentsOfFile: report, encoding: .utf8), old)
            }
        }
        XCTAssertGreaterThan(interrupted, 0, "no run was interrupted while writing")
    }

    /// `--output` naming a FIFO (as /dev/null names a device) writes into it: renaming a
    /// temporary file over it would replace it with a plain file (it once did, for /dev/null).
    func testOutputToAFIFOWritesIntoIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-fifo-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "const k = process.env.FIFO_NAME;\n".write(to: dir.appendingPathComponent("a.js"), atomically: true, encoding: .utf8)
        let fifo = dir.appendingPathComponent("out.fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        final class Received: @unchecked Sendable { var data = Data() }  // written by the reader thread only
        let received = Received()
        let reader = Thread { received.data = FileHandle(forReadingAtPath: fifo)!.readDataToEndOfFile() }
        reader.start()
        let run = try CLI.run(["scan", "--format", "json", "--output", fifo, dir.path])
        // If the FIFO was replaced, the reader waits for a writer forever: give up after 10 s.
        for _ in 0..<1000 where !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(reader.isFinished, "nothing was written into the FIFO")
        XCTAssertTrue(String(decoding: received.data, as: UTF8.self).contains("\"name\" : \"FIFO_NAME\""))
        var st = stat()
        XCTAssertEqual(lstat(fifo, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO, "the FIFO must still be a FIFO")
    }

    /// `--output` naming a symbolic link replaces the report it points to and keeps the link.
    func testOutputThroughALinkKeepsTheLink() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-link-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "const k = process.env.LINKED_NAME;\n".write(to: dir.appendingPathComponent("a.js"), atomically: true, encoding: .utf8)
        let target = dir.appendingPathComponent("reports/scan.json").path
        try "old".write(toFile: target, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("latest.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let run = try CLI.run(["scan", "--format", "json", "--output", link, dir.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), target)
        XCTAssertTrue(try String(contentsOfFile: target, encoding: .utf8).contains("\"name\" : \"LINKED_NAME\""))
    }
}
