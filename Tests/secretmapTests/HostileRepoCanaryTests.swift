import Foundation
import XCTest

/// The threat model in one tree: a hostile repository (or pull request) whose every file is built
/// to make secretmap print a value — through a link to the process environment, parser errors on
/// a value's line, values where names go, credential URLs, multi-line strings, control bytes —
/// and stores that fail with a value in their error. Every command that reads it, in every
/// format, on stdout, stderr and every file it writes, is searched for any 6-character window of
/// any planted value, including the fingerprint key and a CI secret in the environment.
final class HostileRepoCanaryTests: XCTestCase {
    static let c = (1...14).map { i in "HOSTILE\(i)x" + String("q7Wm2Zp9Lx4Rt8Vb3Nc6Yh1Kd5Fg0JsT".shuffledDeterministically(i)) }
    static let fingerprintKey = "FPKEYk3Jd8Qm2Wz7Lp4Rx9Tb6Vn1Yc5Hs0Ga"
    static let ciSecret = "CISECRETz8Kd3Lq7Wm2Xp9Rt4Vb6Nc1Yh5Fg0"

    func testNoPlantedValueLeavesThroughAnyCommandFormatOrError() throws {
        let top = TempDir()
        let repo = top.path + "/hostile"
        let c = Self.c
        let files: [String: String] = [
            // 1. A task definition that is a link to the process environment.
            ".github/workflows/deploy.yml": """
            on: push
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - uses: aws-actions/amazon-ecs-deploy-task-definition@v1
                    with:
                      task-definition: env.json
                  - run: gh secret set --body \(c[0]) STRIPE_KEY
                  - run: gh secret set -b "\(c[1])" OTHER_KEY

            """,
            // 2. Parser errors on a value's line: a control character, an undefined alias, a duplicate key.
            ".github/workflows/control.yml": "jobs:\n  a:\n    env:\n      TOKEN: \(c[2])\u{01}\n",
            ".github/workflows/alias.yml": "jobs:\n  a:\n    env:\n      TOKEN: \(c[3]) *nothere\n",
            "docker-compose.yml": "services:\n  a:\n    environment:\n      DB_PASSWORD: pa$word\(c[4])\n      DB_PASSWORD: \(c[4])\n",
            "k8s/app.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  TOKEN: ok\n---\napiVersion: v1\nkind: Secret\nstringData: {A: \(c[5])\n",
            // 4. Values where names go.
            ".env": "PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\nMIIE\(c[6])\n\(c[6])AB=\n-----END PRIVATE KEY-----\"\nNEXT=1\n",
            "scripts/bootstrap.sh": "#!/bin/bash\nTOKEN=\(c[7])\naws ssm put-parameter --name \"/app/$TOKEN\" --value x\n",
            // 9. Credential URLs and multi-line strings in code; an escape sequence in a literal.
            "src/db.js": "class Db {\n  constructor(url = \"postgres://app:\(c[8])@db.internal/app\") { this.url = url; }\n}\nclass Billing {\n  key = `\nsk_live_\(c[9])\n`;\n}\n",
            "src/Keys.swift": "struct Keys {\n    let key = \"\"\"\n    \(c[10])\n    \"\"\"\n    let esc = \"\u{1B}]0;\(c[11])\u{07}\"\n}\n",
        ]
        for (path, text) in files { try top.write("hostile/" + path, text) }
        try FileManager.default.createSymbolicLink(atPath: repo + "/env.json", withDestinationPath: "/proc/self/environ")
        // 10. A file name with a newline.
        try top.write("hostile/src/evil\nname.js", "const k = process.env.EVIL_TOKEN;\n")

        // Stores that fail with values in their errors: a database URL whose password holds `%`,
        // and an env file of values.
        try top.write("stores/app.env", "STRIPE_KEY=\(c[12])\nOTHER_KEY=\(c[13])\n")
        try top.write("config/secretmap.yml", """
        repos:
          - { name: hostile, path: ../hostile }
        environments:
          production: { ssm: /hostile/ }
        stores:
          env_files:
            - { path: ../stores/app.env, environment: production }
          postgres:
            url_env: HOSTILE_DATABASE_URL
            query: select tenant_id, name, created_at, updated_at from private.secrets

        """)
        let environment = [
            "SECRETMAP_FINGERPRINT_KEY": Self.fingerprintKey,
            "CI_DEPLOY_TOKEN": Self.ciSecret,
            "HOSTILE_DATABASE_URL": "postgresql://app:\(c[12])%zz@127.0.0.1:9/app",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": Self.ciSecret, "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_MAX_ATTEMPTS": "1", "AWS_RETRY_MODE": "standard",
        ]
        let config = top.path + "/config/secretmap.yml"

        var outputs: [String: String] = [:]
        func record(_ name: String, _ arguments: [String]) throws {
            let run = try CLI.run(arguments, environment: environment)
            outputs[name + " stdout"] = run.stdout
            outputs[name + " stderr"] = run.stderr
        }
        for format in ["text", "json", "markdown", "sarif", "github"] {
            try record("scan \(format)", ["scan", "--format", format, "--all-literals", repo])
        }
        for format in ["text", "json"] {
            try record("declared \(format)", ["declared", "--format", format, repo])
            try record("stores \(format)", ["stores", "--config", config, "--fingerprint-values", "--format", format])
            try record("rotate \(format)", ["rotate", "plan", "STRIPE_KEY", "--config", config, "--format", format])
        }
        for format in ["text", "json", "markdown", "sarif", "github"] {
            try record("drift \(format)", ["drift", "--config", config, "--format", format])
        }
        let document = top.path + "/docs/secrets-management.md"
        try record("audit", ["audit", "--config", config, "--output", document])
        outputs["audit document"] = (try? String(contentsOfFile: document, encoding: .utf8)) ?? ""
        let snapshot = top.path + "/snapshot.json"
        try record("snapshot", ["snapshot", "--config", config, "--fingerprint-values", "--output", snapshot])
        outputs["snapshot file"] = (try? String(contentsOfFile: snapshot, encoding: .utf8)) ?? ""

        // The test can fail: the values are where the commands look, and the commands ran. The
        // credential URL, the key inside a template, the Swift multi-line string and the literal
        // with escape bytes are all reported (as hints), each at its line.
        let literalLines = try Self.literalPlaces(outputs["scan json stdout"]!)
        XCTAssertEqual(literalLines, ["src/Keys.swift:3", "src/Keys.swift:5", "src/db.js:2", "src/db.js:6"], outputs["scan json stderr"]!)
        XCTAssertTrue(outputs["declared json stdout"]!.contains("PRIVATE_KEY"), outputs["declared json stderr"]!)
        XCTAssertTrue(outputs["declared text stderr"]!.contains("env.json"), "the refused link is named: \(outputs["declared text stderr"]!)")

        for (name, text) in outputs.sorted(by: { $0.key < $1.key }) {
            for value in c + [Self.fingerprintKey, Self.ciSecret] {
                if let window = Self.leakedWindow(of: String(value.dropFirst(7)), in: text) {
                    XCTFail("\(name): '\(window)' of a planted value reached the output")
                }
            }
            XCTAssertFalse(text.contains("\u{1B}"), "\(name): a raw escape byte reached the output")
        }
    }

    /// `path:line` of every literal in a `scan --format json` report.
    static func literalPlaces(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let literals = object?["literals"] as? [[String: Any]] ?? []
        return literals.map { "\($0["path"] as? String ?? "?"):\($0["line"] as? Int ?? 0)" }.sorted()
    }

    /// The first 6-character run of `value` found in `output`, if any.
    static func leakedWindow(of value: String, in output: String) -> String? {
        let v = Array(value)
        for start in 0...max(0, v.count - 6) where start + 6 <= v.count {
            let window = String(v[start..<start + 6])
            if output.contains(window) { return window }
        }
        return nil
    }

    func testTheWindowCheckCanFail() {
        XCTAssertEqual(Self.leakedWindow(of: "abcdefghij", in: "xxcdefghxx"), "cdefgh")
        XCTAssertNil(Self.leakedWindow(of: "abcdefghij", in: "abc…ij"))
    }
}

/// A temporary folder removed when the test ends.
final class TempDir {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-hostile-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

private extension String {
    /// A fixed permutation per seed, so each planted value differs from the others.
    func shuffledDeterministically(_ seed: Int) -> String {
        var chars = Array(self)
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        for i in stride(from: chars.count - 1, to: 0, by: -1) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            chars.swapAt(i, Int(state >> 33) % (i + 1))
        }
        return String(chars)
    }
}
