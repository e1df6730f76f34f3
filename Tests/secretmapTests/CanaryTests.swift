import Foundation
import XCTest

/// Non-negotiable: no secret value ever appears in any output. The fixtures' planted values are
/// searched for in every format, with and without --all-literals, on stdout and stderr.
/// Add every new output format or command to `outputs` below.
final class CanaryTests: XCTestCase {
    /// Every secret-like value planted in Fixtures/ (the literals the scan must report as hints).
    static let canaries = [
        "iu2pXa9iyrSrLk0fOFXhHN2h-0q7Gu74dcKBckeG8aCERNFp07lbcMp1rnTFlPw6GDDy_",
        "uYY2Kx7NQadzvJCZ5f3mlkr8AFBn7XT31mwXE8fHFok5x0XCW6d4sT5RhASBQ59GsnHg9",
        "AdIhJ2pXlCidKnti2dqFc2y3uJnkEMKVm6_FK_1_iL5Sxx6DzV1mdUGbXRz93875saBGT",
        "TR7jhl12QOk9ZIjxGbb-QUXfsnKGZoFB1WF-9vSnkm3k1CHnieXFK36LEyCpREIWs2eHi",
        "SRXFSf0CPag1dtFcXaBV2TCHKzkexoAoIAcl1fzZKd7ti5uO0ZZc2j1SLFFWmlBmEIyCA",
        "m901InbHzdIWqmYj9jWPDiBGwOV63GKlAyuoziofFWvlAX5i6ZlAXXPF7NWuPLpI0v0R8",
        "8Ce7H_uZvobDRy7vk8uzgKfEBVprPKNjflUPkEDQNJWRpnSMLpeto76kF3br4lVwoj8TR",
        "lHUohUpX85GgKThOQoE-JdgJqU9qVyrq9bxRXn3QALkz5f06BeQbnV2Xvo2wfUFLKcIST",
        "EAw5Kr9TZOZdfqcjvkb69uKPkpGWGKU6l6nHO5STUlsAW6Tj0odpaBCyArMNlsWp0VVFK",
        "whsec_EXAMPLEexample00001111222233334444",
        "sk_live_EXAMPLE0000example1111",
        "xoxb-0000000000-EXAMPLEexample0000",
    ]

    func testNoFixtureValueAppearsInAnyFormat() throws {
        // The canaries really are in the fixtures (else this test could not fail).
        let lambda = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Fixtures/planb/lambda/bubble-callback/index.js"), encoding: .utf8)
        XCTAssertTrue(lambda.contains(Self.canaries[0]))

        let roots = CLI.planb + ["Fixtures/edge-cases"]
        var outputs: [String: String] = [:]
        for format in ["text", "json", "markdown", "sarif", "github"] {
            for extra in [[], ["--all-literals"], ["--min-length", "8"]] {
                let run = try CLI.run(["scan", "--format", format] + extra + roots)
                XCTAssertEqual(run.status, 0, run.stderr)
                outputs["\(format) \(extra) stdout"] = run.stdout
                outputs["\(format) \(extra) stderr"] = run.stderr
            }
        }
        // The baseline file, and a gate run against it.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-canary-baseline-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let baseline = dir.appendingPathComponent("baseline.json").path
        let created = try CLI.run(["baseline", "create", "--output", baseline, "--all-literals"] + roots)
        XCTAssertEqual(created.status, 0, created.stderr)
        outputs["baseline file"] = try String(contentsOfFile: baseline, encoding: .utf8)
        outputs["baseline stderr"] = created.stderr
        for format in ["text", "json", "sarif"] {
            let gate = try CLI.run(["scan", "--baseline", baseline, "--fail-on", "new", "--format", format, "Fixtures/planb/web"])
            outputs["gate \(format)"] = gate.stdout + gate.stderr
        }
        // declared, stores (from the snapshot) and drift, every format, on the same system.
        for format in ["text", "json"] {
            let declared = try CLI.run(["declared", "--format", format] + roots)
            outputs["declared \(format)"] = declared.stdout + declared.stderr
            let stores = try CLI.run(["stores", "--snapshot", "Fixtures/planb/stores-snapshot.json", "--format", format])
            outputs["stores \(format)"] = stores.stdout + stores.stderr
        }
        for format in ["text", "json", "markdown", "sarif", "github"] {
            let drift = try CLI.run(["drift", "--config", "Fixtures/planb/secretmap.yml", "--snapshot", "Fixtures/planb/stores-snapshot.json", "--format", format])
            outputs["drift \(format)"] = drift.stdout + drift.stderr
        }
        outputs["snapshot file"] = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Fixtures/planb/stores-snapshot.json"), encoding: .utf8)
        // Error messages: a broken config, an unreadable snapshot.
        outputs["bad snapshot"] = try CLI.run(["stores", "--snapshot", "Fixtures/planb/world.json"]).stderr
        XCTAssertTrue(outputs["drift text"]!.contains("(iu2…y_)"), "drift must show the literal's hint")
        XCTAssertTrue(outputs["baseline file"]!.contains("\"hint\" : \"iu2…y_\""), "the baseline must hold the literals")
        XCTAssertTrue(outputs["json [] stdout"]!.contains("\"hint\" : \"iu2…y_\""), "the literals must be reported")
        // The PlanB stores' values (world.json) join the canaries.
        let world = try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.packageRoot.appendingPathComponent("Fixtures/planb/world.json"))) as! [String: Any]
        var stored = Array((world["ssm"] as! [String: String]).values)
        for bundle in (world["secretsmanager"] as! [String: [String: String]]).values { stored += bundle.values }
        for (name, text) in outputs {
            for value in stored where value.count >= 12 {
                XCTAssertFalse(text.contains(String(value.dropFirst(3).prefix(12))), "\(name) leaks a stored value")
            }
        }
        for (name, text) in outputs {
            for canary in Self.canaries {
                // Any 12-character window of a value would be a leak too.
                let window = String(canary.dropFirst(3).prefix(12))
                XCTAssertFalse(text.contains(window), "\(name) leaks a value containing \(window)")
            }
        }
    }

    func testAPlantedCanaryInAFreshRepoNeverLeaks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-canary-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let canary = "CANARYq7Wm2Zp9Lx4Rt8Vb3Nc6Yh1Kd5Fg0Js"
        try """
        class Leaky:
            def __init__(self, key="\(canary)"):
                self.key = key
        """.write(to: dir.appendingPathComponent("leaky.py"), atomically: true, encoding: .utf8)
        for format in ["text", "json", "markdown", "sarif", "github"] {
            let run = try CLI.run(["scan", "--format", format, "--all-literals", dir.path])
            XCTAssertTrue(run.stdout.contains("CAN…Js"), "\(format) must show the hint")
            XCTAssertFalse(run.stdout.contains("CANARYq7"), format)
            XCTAssertFalse(run.stderr.contains("CANARYq7"), format)
        }
    }

    /// `declared` reads files that hold values (real env files, Secret manifests, compose and
    /// Dockerfile environments, Terraform, vercel.json, a broken YAML file whose error is reported):
    /// names, fingerprints and hints only, in every format and on stderr.
    func testDeclaredNeverPrintsAValue() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-canary-declared-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let canary = "CANARYd3Kq8Wm2Zp9Lx4Rt8Vb3Nc6Yh1Kd5Fg0Jz"
        let files = [
            ".env.local": "STRIPE_SECRET_KEY=\(canary)\nexport OTHER='\(canary)'\n",
            "k8s/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  TOKEN: \(canary)\n",
            "docker-compose.yml": "services:\n  a:\n    environment:\n      TOKEN: \(canary)\n      - X=\(canary)\n",
            "Dockerfile": "FROM x\nENV TOKEN=\(canary)\nARG K=\(canary)\n",
            "main.tf": "resource \"aws_ssm_parameter\" \"t\" {\n  name = \"/p/TOKEN\"\n  value = \"\(canary)\"\n}\n",
            "vercel.json": "{\"env\": {\"TOKEN\": \"\(canary)\"}}\n",
            ".github/workflows/broken.yml": "jobs:\n  a:\n    env: {TOKEN: \(canary)\n",
            ".github/workflows/ok.yml": "jobs:\n  a:\n    env:\n      TOKEN: \(canary)\n      KEY: ${{ secrets.KEY }}\n",
        ]
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        for format in ["text", "json"] {
            let run = try CLI.run(["declared", "--format", format, dir.path])
            XCTAssertEqual(run.status, 2, "the broken workflow and the compose file mixing a map and a list are input errors: \(run.stderr)")
            XCTAssertTrue(run.stdout.contains("STRIPE_SECRET_KEY") && run.stdout.contains("CAN…Jz"), run.stdout)
            XCTAssertTrue(run.stderr.contains("broken.yml:4"), run.stderr)
            XCTAssertFalse(run.stdout.contains("CANARYd3"), format)
            XCTAssertFalse(run.stderr.contains("CANARYd3"), format)
        }
    }
}
