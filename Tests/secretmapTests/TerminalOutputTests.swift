import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import XCTest

/// What a person at a terminal sees, with a real pseudo-terminal (Python's `pty`): severities in
/// colour on stdout unless NO_COLOR is set or stdout is not a terminal; a progress line on
/// stderr for a run longer than a second, only when stderr is a terminal, erased before the
/// output; `--quiet` drops warnings and progress, never errors or the summary.
final class TerminalOutputTests: XCTestCase {
    static let esc = "\u{1B}["
    static let erase = "\r\u{1B}[2K"
    static let highInRed = "\u{1B}[1;31mHigh\u{1B}[0m"

    /// Runs the built binary with stdout and stderr each on a pty or a pipe. The ptys are raw, so
    /// bytes arrive as written (no "\n" → "\r\n"). NO_COLOR is removed unless `environment` sets it.
    static let runner = """
    import json, os, pty, select, subprocess, sys, tty
    out_mode, err_mode, env_json = sys.argv[1], sys.argv[2], sys.argv[3]
    env = dict(os.environ); env.pop("NO_COLOR", None); env.update(json.loads(env_json))
    def channel(mode):
        if mode == "pty":
            master, slave = pty.openpty(); tty.setraw(slave); return master, slave
        return os.pipe()
    (out_r, out_w), (err_r, err_w) = channel(out_mode), channel(err_mode)
    p = subprocess.Popen(sys.argv[4:], stdin=subprocess.DEVNULL, stdout=out_w, stderr=err_w, env=env)
    os.close(out_w); os.close(err_w)
    data = {out_r: b"", err_r: b""}; open_fds = [out_r, err_r]
    while open_fds:
        for fd in select.select(open_fds, [], [])[0]:
            try: chunk = os.read(fd, 65536)
            except OSError: chunk = b""   # a pty whose other end closed
            if chunk: data[fd] += chunk
            else: open_fds.remove(fd)
    print(json.dumps({"status": p.wait(), "stdout": data[out_r].decode(), "stderr": data[err_r].decode()}))
    """

    func run(stdout: String, stderr: String, _ arguments: [String], environment: [String: String] = [:],
             file: StaticString = #filePath, line: UInt = #line) throws -> CLI.Run {
        guard let python = Script.which("python3") else { throw XCTSkip("python3 is not installed") }
        let env = String(decoding: try JSONSerialization.data(withJSONObject: environment), as: UTF8.self)
        let run = try Script.run(python, ["-c", Self.runner, stdout, stderr, env, CLI.binary.path] + arguments)
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], file: file, line: line)
        return CLI.Run(status: Int32(result["status"] as? Int ?? -1), stdout: result["stdout"] as? String ?? "",
                       stderr: result["stderr"] as? String ?? "")
    }

    static let drift = ["drift", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", "Fixtures/planb/stores-snapshot.json"]

    func testSeveritiesAreColouredOnATerminalOnly() throws {
        let tty = try run(stdout: "pty", stderr: "pipe", Self.drift)
        XCTAssertEqual(tty.status, 0, tty.stderr)
        XCTAssertTrue(tty.stdout.contains("\nD1  \(Self.highInRed)  "), tty.stdout)
        XCTAssertTrue(tty.stdout.contains("\u{1B}[33mMedium\u{1B}[0m") && tty.stdout.contains("\u{1B}[36mLow\u{1B}[0m"), tty.stdout)
        // The colours wrap the word only: the text is otherwise the piped one.
        let piped = try CLI.run(Self.drift)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertFalse(piped.stdout.contains(Self.esc), "colour in a pipe")
        XCTAssertEqual(tty.stdout.replacingOccurrences(of: #"\x1B\[[0-9;]*m"#, with: "", options: .regularExpression), piped.stdout)

        // NO_COLOR, any non-empty value (no-color.org); an empty one is as good as unset.
        let noColour = try run(stdout: "pty", stderr: "pipe", Self.drift, environment: ["NO_COLOR": "1"])
        XCTAssertEqual(noColour.stdout, piped.stdout)
        let empty = try run(stdout: "pty", stderr: "pipe", Self.drift, environment: ["NO_COLOR": ""])
        XCTAssertTrue(empty.stdout.contains(Self.highInRed), empty.stdout)
        // Machine formats, and reports written to a file, never carry colour.
        let json = try run(stdout: "pty", stderr: "pipe", Self.drift + ["--format", "json"])
        XCTAssertFalse(json.stdout.contains(Self.esc), json.stdout)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-tty-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("drift.txt").path
        XCTAssertEqual(try run(stdout: "pty", stderr: "pipe", Self.drift + ["--output", report]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: report, encoding: .utf8), piped.stdout)
    }

    /// SECRETMAP_TEST_FILE_DELAY_MS (tests only) pauses 150 ms per file: the 15 PlanB files on
    /// one thread take over two seconds, so the line must appear; without the pause the scan
    /// takes hundredths of a second, so it must not.
    static let slowScan = ["scan", "--threads", "1"] + CLI.planb
    static let slow = ["SECRETMAP_TEST_FILE_DELAY_MS": "150"]

    func testProgressLineOnATerminalForASlowRunOnly() throws {
        let slow = try run(stdout: "pipe", stderr: "pty", Self.slowScan, environment: Self.slow)
        XCTAssertEqual(slow.status, 0, slow.stderr)
        XCTAssertTrue(slow.stderr.hasPrefix(Self.erase + "secretmap: files scanned "), slow.stderr)
        // Erased before the summary: the last progress text is followed by the erase, then the
        // summary line, whole.
        let summary = try XCTUnwrap(slow.stderr.range(of: "secretmap: scanned 15 files"))
        XCTAssertTrue(slow.stderr[..<summary.lowerBound].hasSuffix(" …" + Self.erase), slow.stderr)
        XCTAssertFalse(slow.stderr[summary.lowerBound...].contains(Self.erase), slow.stderr)
        XCTAssertTrue(slow.stdout.contains("Hard-coded literals in constructors: 8\n"), slow.stdout)
        XCTAssertFalse(slow.stdout.contains(Self.esc), "progress or colour on stdout")

        // Not a terminal: nothing but the summary, however long the run.
        let piped = try CLI.run(Self.slowScan, environment: Self.slow)
        XCTAssertTrue(piped.stderr.hasPrefix("secretmap: scanned 15 files"), piped.stderr)
        XCTAssertFalse(piped.stderr.contains(Self.esc), piped.stderr)
        // A quick run on a terminal: no line.
        let quick = try run(stdout: "pipe", stderr: "pty", Self.slowScan)
        XCTAssertTrue(quick.stderr.hasPrefix("secretmap: scanned 15 files"), quick.stderr)
        XCTAssertFalse(quick.stderr.contains(Self.esc), quick.stderr)
        // --quiet: no line either, the summary stays.
        let quiet = try run(stdout: "pipe", stderr: "pty", Self.slowScan + ["--quiet"], environment: Self.slow)
        XCTAssertTrue(quiet.stderr.hasPrefix("secretmap: scanned 15 files"), quiet.stderr)
        XCTAssertFalse(quiet.stderr.contains(Self.esc), quiet.stderr)
    }

    /// `declared` counts the files it reads, too.
    func testProgressLineCountsDeclarationFiles() throws {
        let run = try run(stdout: "pipe", stderr: "pty", ["declared", "Fixtures/planb/web"], environment: ["SECRETMAP_TEST_FILE_DELAY_MS": "200"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertNotNil(run.stderr.range(of: #"\r\x1B\[2Ksecretmap: files scanned [1-9][0-9]* …"#, options: .regularExpression), run.stderr)
        XCTAssertTrue(run.stderr.contains(" …" + Self.erase + "secretmap: note: "), run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix("\nsecretmap: read 12 files in 1 root; 49 declarations, 0 warnings, 1 note\n"), run.stderr)
    }

    /// A run that reads stores says so: `drift` on a config with an env-file store.
    func testProgressLineCountsStoresRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-tty-\(UUID())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("app"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<8 {
            try "const v\(i) = process.env.API_KEY_\(i);\n".write(to: dir.appendingPathComponent("app/m\(i).js"), atomically: true, encoding: .utf8)
        }
        let canary = "Qz8Wv3Nk6Lp1Rt9Hx4Jm7Fc2Bd5Gs0Ya"   // a stored value: never on the screen
        try "API_KEY_0=\(canary)\n".write(to: dir.appendingPathComponent("prod.env"), atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("secretmap.yml").path
        try """
        repos: [{ name: app, path: app }]
        environments: { production: {} }
        stores: { env_files: [{ path: prod.env, environment: production }] }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try run(stdout: "pipe", stderr: "pty", ["drift", "--config", config],
                          environment: ["SECRETMAP_TEST_FILE_DELAY_MS": "250", "SECRETMAP_FINGERPRINT_KEY": "terminal-test-key"])
        XCTAssertTrue(run.stderr.contains(Self.erase + "secretmap: stores read 1/1, files scanned "), run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix(" …" + Self.erase), run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Drift: "), run.stdout)
        Script.assertNoCanary([canary], in: run.stdout + run.stderr, "drift on a terminal")
        let values = try self.run(stdout: "pty", stderr: "pty", ["drift", "--config", config, "--fingerprint-values"],
                                  environment: ["SECRETMAP_TEST_FILE_DELAY_MS": "250", "SECRETMAP_FINGERPRINT_KEY": "terminal-test-key"])
        XCTAssertTrue(values.stderr.contains("secretmap: stores read 1/1"), values.stderr)
        Script.assertNoCanary([canary], in: values.stdout + values.stderr, "drift --fingerprint-values on a terminal")
    }

    /// `--quiet` drops per-file warnings, keeps the summary that counts what was skipped and
    /// the exit status that says it was an input error.
    func testQuietKeepsErrorsAndTheSummary() throws {
        let tree = TempTree()
        tree.write("app/a.js", "const k = process.env.API_KEY;\n")
        tree.link("app/back", to: ".")   // with --follow, a loop: an input error
        let loud = try CLI.run(["scan", "--follow", "app=" + tree.path + "/app"])
        XCTAssertEqual(loud.status, 2, loud.stderr)
        XCTAssertTrue(loud.stderr.contains("secretmap: app/back: skipped: symbolic link loop\n"), loud.stderr)
        let quiet = try CLI.run(["scan", "--follow", "app=" + tree.path + "/app", "--quiet"])
        XCTAssertEqual(quiet.status, 2, quiet.stderr)
        XCTAssertEqual(quiet.stderr.split(separator: "\n").count, 1, quiet.stderr)
        XCTAssertTrue(quiet.stderr.hasPrefix("secretmap: scanned 1 files"), quiet.stderr)
        XCTAssertTrue(quiet.stderr.hasSuffix("; skipped 1: 1 symbolic link loop\n"), quiet.stderr)

        // A FIFO where a workflow's task definition should be: `declared` and `drift` say it
        // in their summary line under --quiet, and exit 2.
        tree.write("repo/.github/workflows/deploy.yml", "jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v1\n        with:\n          task-definition: taskdef.json\n")
        XCTAssertEqual(mkfifo(tree.path + "/repo/taskdef.json", 0o600), 0)
        let declared = try CLI.run(["declared", "t=" + tree.path + "/repo", "-q"])
        XCTAssertEqual(declared.status, 2, declared.stderr)
        XCTAssertEqual(declared.stderr, "secretmap: read 1 file in 1 root; 0 declarations, 0 warnings, 0 notes; skipped 1 file\n")
        tree.write("key", "k7Qw2Zr9Lp4Xv8Nc3Hm6Td1Fb5Js0Ya")
        let config = tree.write("secretmap.yml", "repos:\n  - { name: t, path: repo }\nenvironments:\n  production: {}\nfingerprint_key: { file: key }\n")
        let snapshot = ["--snapshot", "Fixtures/planb/stores-snapshot.json"]
        let drift = try CLI.run(["drift", "--config", config, "--quiet"] + snapshot)
        XCTAssertEqual(drift.status, 2, drift.stderr)
        XCTAssertEqual(drift.stderr, "secretmap: input errors: skipped 1: 1 not a regular file\n")
        let loudDrift = try CLI.run(["drift", "--config", config] + snapshot)
        XCTAssertTrue(loudDrift.stderr.hasSuffix("secretmap: t/taskdef.json: skipped: not a regular file\nsecretmap: input errors: skipped 1: 1 not a regular file\n"), loudDrift.stderr)

        // An error is said under --quiet too.
        let missing = try CLI.run(["stores", "--quiet", "--config", tree.path + "/none.yml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("secretmap: "), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("cannot read the config file"), missing.stderr)
    }
}
