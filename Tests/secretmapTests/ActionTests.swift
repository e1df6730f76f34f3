import Foundation
import TestSupport
import XCTest

/// The GitHub Action's run step (scripts/action-run), run locally as the runner would: inputs in
/// INPUT_* variables, $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT temporary files, the built binary
/// on PATH. And action.yml itself: every input the script reads is declared and passed.
final class ActionTests: XCTestCase {
    /// The PlanB fixtures' planted values (CanaryTests), none of which may reach a file the step writes.
    let canaries = Array(CanaryTests.canaries.prefix(9))
    let planbRoots = "web=Fixtures/planb/web lambda=Fixtures/planb/lambda worker=Fixtures/planb/worker api=Fixtures/planb/api"
    let planb = ["INPUT_CONFIG": "Fixtures/planb/secretmap.yml", "INPUT_SNAPSHOT": "Fixtures/planb/stores-snapshot.json"]

    struct Step {
        var run: CLI.Run
        var summary: String
        var outputs: String
    }

    /// Runs scripts/action-run with these inputs; the summary file starts with an earlier step's text.
    func step(_ inputs: [String: String], in tree: TempTree) throws -> Step {
        let summary = tree.write("summary.md", "earlier step\n")
        let outputs = tree.write("outputs.txt", "")
        var env = inputs
        env["GITHUB_STEP_SUMMARY"] = summary
        env["GITHUB_OUTPUT"] = outputs
        env["PATH"] = Script.pathWithSecretmap
        let run = try Script.run("scripts/action-run", environment: env)
        let step = Step(run: run, summary: try String(contentsOfFile: summary, encoding: .utf8),
                        outputs: try String(contentsOfFile: outputs, encoding: .utf8))
        XCTAssertTrue(step.summary.hasPrefix("earlier step\n"), "the summary is appended to, not replaced")
        Script.assertNoCanary(canaries, in: run.stdout + run.stderr + step.summary + step.outputs, "the step's output")
        return step
    }

    func baseline(roots: [String], in tree: TempTree) throws -> String {
        let path = tree.root.appendingPathComponent("baseline.json").path
        let made = try CLI.run(["baseline", "create"] + roots + ["--output", path])
        XCTAssertEqual(made.status, 0, made.stderr)
        return path
    }

    func sarif(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        Script.assertNoCanary(canaries, in: String(decoding: data, as: UTF8.self), "the SARIF")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], "the SARIF is a JSON object")
    }

    func testGateWithEveryLiteralAcceptedExitsZeroAndWritesSARIF() throws {
        let tree = TempTree()
        let accepted = try baseline(roots: planbRoots.split(separator: " ").map(String.init), in: tree)
        let sarifPath = tree.root.appendingPathComponent("out.sarif").path
        let gate = try step(["INPUT_MODE": "gate", "INPUT_PATHS": planbRoots, "INPUT_BASELINE": accepted, "INPUT_SARIF_FILE": sarifPath], in: tree)
        XCTAssertEqual(gate.run.status, 0, gate.run.stderr)
        XCTAssertEqual(gate.outputs, "sarif-file=\(sarifPath)\nexit-code=0\n")
        XCTAssertEqual(gate.summary, "earlier step\nsecretmap: no new secret-like literals (baseline \(accepted))\n")
        let log = try sarif(sarifPath)
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertFalse(runs.isEmpty)
        XCTAssertEqual(runs.flatMap { ($0["results"] as? [Any]) ?? [] }.count, 0, "every literal is in the baseline")
    }

    func testGateWithANewLiteralExitsOneAndTheSARIFNamesIt() throws {
        let tree = TempTree()
        let empty = tree.root.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let nothingAccepted = try baseline(roots: ["lambda=\(empty)"], in: tree)
        let sarifPath = tree.root.appendingPathComponent("gate.sarif").path
        let gate = try step(["INPUT_MODE": "gate", "INPUT_PATHS": "lambda=Fixtures/planb/lambda", "INPUT_BASELINE": nothingAccepted,
                             "INPUT_SARIF_FILE": sarifPath], in: tree)
        XCTAssertEqual(gate.run.status, 1, gate.run.stderr)
        XCTAssertEqual(gate.outputs, "sarif-file=\(sarifPath)\nexit-code=1\n")
        XCTAssertEqual(gate.summary, "earlier step\nsecretmap: new secret-like literals: see the annotations and Security → Code scanning (\(sarifPath))\n")
        let log = try sarif(sarifPath)
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let results = (log["runs"] as? [[String: Any]] ?? []).flatMap { ($0["results"] as? [[String: Any]]) ?? [] }
        let places = results.compactMap { result -> String? in
            guard let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any],
                  let uri = (location["artifactLocation"] as? [String: Any])?["uri"] as? String,
                  let line = (location["region"] as? [String: Any])?["startLine"] as? Int else { return nil }
            return "\(uri):\(line)"
        }
        XCTAssertTrue(places.contains("bubble-callback/index.js:9"), "\(places)")
    }

    func testGateWithoutABaselineExitsTwoWithOneErrorLine() throws {
        let tree = TempTree()
        let missing = tree.root.appendingPathComponent("none.json").path
        let gate = try step(["INPUT_MODE": "gate", "INPUT_PATHS": "Fixtures/planb/lambda", "INPUT_BASELINE": missing], in: tree)
        XCTAssertEqual(gate.run.status, 2)
        XCTAssertEqual(gate.run.stderr, "::error title=secretmap::no baseline at \(missing): create it with `secretmap baseline create Fixtures/planb/lambda` and commit it\n")
        XCTAssertEqual(gate.outputs, "exit-code=2\n")
    }

    func testDriftWithHighFindingsExitsOneAndWritesTheReportToTheSummary() throws {
        let tree = TempTree()
        let drift = try step(planb.merging(["INPUT_MODE": "drift"]) { $1 }, in: tree)
        XCTAssertEqual(drift.run.status, 1, drift.run.stderr)
        XCTAssertEqual(drift.outputs, "exit-code=1\n")
        XCTAssertTrue(drift.summary.hasPrefix("earlier step\n## Secrets drift ("), drift.summary)
        XCTAssertTrue(drift.summary.contains("15 findings: 4 high, 3 medium, 8 low."), drift.summary)
        XCTAssertTrue(drift.summary.contains("| D2 | High | `LAMBDA_CALLBACK_TOKEN` |"), drift.summary)
        XCTAssertEqual(drift.run.stdout, "", "the report goes to the summary only")
    }

    func testDriftWithEveryFindingAcceptedExitsZero() throws {
        let tree = TempTree()
        let accepted = tree.root.appendingPathComponent("drift-baseline.json").path
        let written = try CLI.run(["drift", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", "Fixtures/planb/stores-snapshot.json",
                                   "--write-baseline", accepted])
        XCTAssertEqual(written.status, 0, written.stderr)
        let drift = try step(planb.merging(["INPUT_MODE": "drift", "INPUT_DRIFT_BASELINE": accepted]) { $1 }, in: tree)
        XCTAssertEqual(drift.run.status, 0, drift.run.stderr)
        XCTAssertEqual(drift.outputs, "exit-code=0\n")
        XCTAssertTrue(drift.summary.hasPrefix("earlier step\n## Secrets drift ("), drift.summary)
        XCTAssertFalse(drift.summary.contains("LAMBDA_CALLBACK_TOKEN"), drift.summary)
        XCTAssertTrue(drift.summary.contains("0 findings"), drift.summary)
    }

    func testDriftFailOnNoneReportsHighFindingsAndExitsZero() throws {
        let tree = TempTree()
        let drift = try step(planb.merging(["INPUT_MODE": "drift", "INPUT_FAIL_ON": "none"]) { $1 }, in: tree)
        XCTAssertEqual(drift.run.status, 0, drift.run.stderr)
        XCTAssertEqual(drift.outputs, "exit-code=0\n")
        XCTAssertTrue(drift.summary.contains("15 findings: 4 high, 3 medium, 8 low."), drift.summary)
    }

    func testAnUnknownModeExitsTwo() throws {
        let tree = TempTree()
        let run = try step(["INPUT_MODE": "scan"], in: tree)
        XCTAssertEqual(run.run.status, 2)
        XCTAssertEqual(run.run.stderr, "::error title=secretmap::mode must be gate or drift, not 'scan'\n")
        XCTAssertEqual(run.outputs, "exit-code=2\n")
    }

    // MARK: action.yml

    /// action.yml as JSON, through PyYAML (the AWS CLI depends on it, so the test entry point installs it).
    func actionDefinition() throws -> [String: Any] {
        let python = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))"
        let parsed = try Script.run("/usr/bin/env", ["python3", "-c", python, CLI.packageRoot.appendingPathComponent("action.yml").path])
        if parsed.status != 0, parsed.stderr.contains("No module named 'yaml'"), !LocalServers.required {
            throw XCTSkip("PyYAML is not installed (scripts/test installs it with the AWS CLI)")
        }
        XCTAssertEqual(parsed.status, 0, parsed.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
    }

    func testEveryInputTheScriptReadsIsDeclaredAndPassed() throws {
        let action = try actionDefinition()
        let inputs = try XCTUnwrap(action["inputs"] as? [String: Any])
        let runs = try XCTUnwrap(action["runs"] as? [String: Any])
        XCTAssertEqual(runs["using"] as? String, "composite")
        let steps = try XCTUnwrap(runs["steps"] as? [[String: Any]])
        let runStep = try XCTUnwrap(steps.first { ($0["run"] as? String)?.contains("scripts/action-run") == true }, "a step runs scripts/action-run")
        let env = try XCTUnwrap(runStep["env"] as? [String: String])

        let script = try String(contentsOf: CLI.packageRoot.appendingPathComponent("scripts/action-run"), encoding: .utf8)
        let read = Set(try NSRegularExpression(pattern: "INPUT_[A-Z_]+").matches(in: script, range: NSRange(script.startIndex..., in: script))
            .map { String(script[Range($0.range, in: script)!]) })
        XCTAssertEqual(read, ["INPUT_MODE", "INPUT_PATHS", "INPUT_BASELINE", "INPUT_SARIF_FILE", "INPUT_CONFIG", "INPUT_SNAPSHOT",
                              "INPUT_DRIFT_BASELINE", "INPUT_FAIL_ON"])
        for variable in read {
            let input = variable.dropFirst("INPUT_".count).lowercased().replacingOccurrences(of: "_", with: "-")
            XCTAssertNotNil(inputs[input], "\(variable): no input \(input) in action.yml")
            XCTAssertEqual(env[variable], "${{ inputs.\(input) }}", "\(variable) is not passed to the run step")
        }
        // And every declared input is used somewhere in the action.
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        for input in inputs.keys {
            XCTAssertTrue(text.contains("inputs.\(input) ") || text.contains("inputs.\(input) }}"), "input \(input) is never used")
        }
        let uses = steps.compactMap { $0["uses"] as? String }
        XCTAssertEqual(uses, ["actions/cache@v4", "github/codeql-action/upload-sarif@v3"])
        for step in steps where step["run"] != nil {
            XCTAssertEqual(step["shell"] as? String, "bash", "a composite run step needs a shell")
        }
    }
}
