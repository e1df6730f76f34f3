import Foundation
import TestSupport
import XCTest

/// `secretmap declared` on files its parsers cannot read: the warning carries a category and a
/// position, never the file's text (stderr and `warnings[]`); a file that could not be fully
/// read makes the run exit 2; a bomb ends at once.
final class DeclaredParserErrorTests: XCTestCase {
    static let canary = "Vx3Lq9Tz6Wm2Rk8Pn5Jc1Hb7Gd4Fs0Ya"

    /// Duplicate keys, undefined aliases, control characters: a warning with a category and a
    /// position in stderr and in `warnings[]`, the file's text nowhere, exit 2.
    func testParserErrorsCarryNoTextAndExit2() throws {
        let tree = TempTree()
        tree.write(".github/workflows/dup.yml", "on: push\nenv:\n  A: ${{ secrets.A }}\n  A: \(Self.canary)\n")
        tree.write("docker-compose.yml", "services:\n  api:\n    image: *\(Self.canary)\n")
        tree.write("ecs/app-taskdef.json", "{\"family\": \"\(Self.canary)\u{01}\"}\n")
        let run = try CLI.run(["declared", "--format", "json", "t=" + tree.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let warnings = try XCTUnwrap(object["warnings"] as? [[String: Any]])
        XCTAssertEqual(warnings.map { "\($0["path"] as? String ?? ""):\($0["line"] as? Int ?? 0) \($0["message"] as? String ?? "")" }, [
            ".github/workflows/dup.yml:4 invalid YAML: duplicate key at 4:3",
            "docker-compose.yml:3 invalid YAML: undefined alias at 3:12",
            "ecs/app-taskdef.json:1 invalid JSON: control character at 1:45",
        ])
        XCTAssertTrue(run.stderr.contains("secretmap: t/.github/workflows/dup.yml:4: invalid YAML: duplicate key at 4:3\n"), run.stderr)
        assertNoCanaryWindow(run.stdout + run.stderr)
    }

    /// A Kubernetes stream broken in document 2: document 1 is declared, the break is a warning,
    /// and the run exits 2 (the file was not fully read).
    func testKubernetesStreamBrokenInDocumentTwoExits2() throws {
        let tree = TempTree()
        tree.write("k8s/app.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  STRIPE_KEY: x\n---\napiVersion: v1\nkind: Secret\nstringData:\n  B: x\n  B: \(Self.canary)\n")
        let run = try CLI.run(["declared", "t=" + tree.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        let table = run.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertTrue(table.contains("STRIPE_KEY k8s-secret-key t/k8s/app.yaml:6 kubernetes-secret app"), run.stdout)
        XCTAssertTrue(run.stderr.contains("secretmap: t/k8s/app.yaml:12: invalid YAML: duplicate key at 12:3\n"), run.stderr)
        assertNoCanaryWindow(run.stdout + run.stderr)
    }

    /// Billion laughs in a workflow: a warning that says why, within seconds, exit 2.
    func testAliasBombEndsAtOnceWithAWarning() throws {
        let tree = TempTree()
        var bomb = "a0: &a0 [\"${{ secrets.LOL }}\", lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        tree.write(".github/workflows/bomb.yml", bomb)
        let started = Date()
        let run = try XCTUnwrap(try runWithTimeout(["declared", "t=" + tree.path], seconds: 30), "still running after 30 s")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("secretmap: t/.github/workflows/bomb.yml:1: invalid YAML: too many nodes after alias expansion at 1:1\n"), run.stderr)
    }

    func assertNoCanaryWindow(_ output: String, file: StaticString = #filePath, line: UInt = #line) {
        let canary = Array(Self.canary)
        for start in 0...(canary.count - 6) {
            let window = String(canary[start..<start + 6])
            XCTAssertFalse(output.contains(window), "\(window) of the canary is in the output", file: file, line: line)
        }
    }

    /// CLI.run, but a run still going after `seconds` is stopped and gives nil.
    func runWithTimeout(_ arguments: [String], seconds: Double) throws -> CLI.Run? {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        final class Collected: @unchecked Sendable { var out = Data(), err = Data() }   // each written by one reader
        let collected = Collected()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) { collected.out = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: readers) { collected.err = err.fileHandleForReading.readDataToEndOfFile() }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            readers.wait()
            return nil
        }
        readers.wait()
        return CLI.Run(status: process.terminationStatus, stdout: String(decoding: collected.out, as: UTF8.self),
                       stderr: String(decoding: collected.err, as: UTF8.self))
    }
}
