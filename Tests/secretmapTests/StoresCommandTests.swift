import Foundation
import TestSupport
import XCTest

/// `secretmap snapshot` and `secretmap stores` end to end against the real servers, with planted
/// values: fingerprints and hints reach the outputs, values never do.
final class StoresCommandTests: XCTestCase {
    static let canary = "CANARYs7Lp2Qw9Zx4Rt8Vb3Nc6Yh1Kd5Fg0Jq"

    func server<T>(_ start: () throws -> T) throws -> T {
        do { return try start() } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)"); throw e }
            throw XCTSkip("\(e)")
        }
    }

    func run(_ tool: String, _ args: [String], _ env: [String: String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "\(tool) \(args)")
    }

    func testSnapshotAndStoresNeverCarryAValue() throws {
        let moto = try server { try LocalServers.moto() }
        let (bao, token) = try server { try LocalServers.bao() }
        let pg = try server { try LocalServers.postgres() }
        let tag = "c\(UInt32.random(in: 0...UInt32.max))"
        let env = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "eu-west-1",
                   "AWS_ENDPOINT_URL": moto, "AWS_MAX_ATTEMPTS": "1", "BAO_ADDR": bao, "BAO_TOKEN": token, "APP_DATABASE_URL": pg]
        let c = Self.canary
        try run("aws", ["ssm", "put-parameter", "--name", "/\(tag)/STRIPE_SECRET_KEY", "--type", "SecureString", "--value", c, "--overwrite"], env)
        try run("aws", ["secretsmanager", "create-secret", "--name", "\(tag)/supabase", "--secret-string", #"{"service_role":"\#(c)"}"#], env)
        try run("bao", ["kv", "put", "-mount=secret", "\(tag)/worker", "DATABASE_URL=\(c)"], env)
        try run("psql", [pg, "-X", "-q", "-c", "create table \(tag) (tenant int, name text, value text, created_at timestamptz, updated_at timestamptz); insert into \(tag) values (1, 'API_KEY', '\(c)', now(), now())"], env)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-stores-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "LOCAL_TOKEN=\(c)\n".write(to: dir.appendingPathComponent(".env.local"), atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("secretmap.yml").path
        try """
        environments:
          production: { ssm: /\(tag)/, vault_path: \(tag) }
        stores:
          aws: { region: eu-west-1 }
          secrets_manager: { name_prefix: \(tag)/ }
          vault: { cli: bao }
          env_files: [{ path: .env.local, environment: development }]
          postgres: { url_env: APP_DATABASE_URL, query: "select tenant, name, created_at, updated_at, value from \(tag)" }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let snapshot = dir.appendingPathComponent("snap.json").path

        let saved = try CLI.run(["snapshot", "--config", config, "--fingerprint-values", "--output", snapshot], environment: env)
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertEqual(saved.stderr, "secretmap: saved 5 store listings to \(snapshot)\n")
        var outputs = ["snapshot file": try String(contentsOfFile: snapshot, encoding: .utf8), "snapshot stderr": saved.stderr]
        for format in ["text", "json"] {
            let live = try CLI.run(["stores", "--config", config, "--fingerprint-values", "--format", format], environment: env)
            XCTAssertEqual(live.status, 0, live.stderr)
            let offline = try CLI.run(["stores", "--snapshot", snapshot, "--format", format])
            XCTAssertEqual(offline.status, 0, offline.stderr)
            outputs["live \(format)"] = live.stdout + live.stderr
            outputs["offline \(format)"] = offline.stdout + offline.stderr
        }
        // The values were read (their hints are there) and never written.
        XCTAssertEqual(outputs["snapshot file"]!.components(separatedBy: "\"hint\" : \"CAN…Jq\"").count - 1, 4, outputs["snapshot file"]!)
        XCTAssertTrue(outputs["offline text"]!.contains("CAN…Jq"))
        // The table shows the digest's first 12 hex digits (it used to cut the text at
        // `hmac-sha256:`, showing no digest at all).
        XCTAssertNotNil(outputs["offline text"]!.range(of: #"hmac-sha256:[0-9a-f]{12} CAN…Jq"#, options: .regularExpression), outputs["offline text"]!)
        for (name, text) in outputs {
            XCTAssertFalse(text.contains("CANARYs7"), "\(name) leaks the value")
            XCTAssertFalse(text.contains(pg), "\(name) shows the database URL")
        }
    }

    /// A database password with a `%` that is not percent-encoding: psql's error quotes it. No
    /// piece of it reaches stderr, the listing, the snapshot file or the audit document.
    func testAPercentInTheDatabasePasswordReachesNoOutput() throws {
        let pg = try server { try LocalServers.postgres() }
        let canary = "Ux3Fp8Ld1Wq6Zr9Tm4Kb7Nc2Yh5Gj0Se"
        guard let scheme = pg.range(of: "://"), let at = pg.range(of: "@") else { throw XCTSkip("unexpected test database URL") }
        let user = pg[scheme.upperBound..<at.lowerBound].split(separator: ":").first ?? "postgres"
        let hostile = pg[..<scheme.upperBound] + "\(user):\(canary.prefix(16))%zz\(canary.dropFirst(16))@" + pg[at.upperBound...]
        let tree = TempTree()
        tree.write("app/index.js", "const url = process.env.APP_DATABASE_URL;\n")
        let config = tree.write("secretmap.yml", """
        repos: [{ name: app, path: app }]
        stores:
          postgres: { url_env: APP_DATABASE_URL, query: "select 1, 'A', now(), now()" }
        """)
        let env = ["APP_DATABASE_URL": String(hostile), "SECRETMAP_FINGERPRINT_KEY": "stores-command-tests"]
        var outputs: [String: String] = [:]
        for format in ["text", "json"] {
            let run = try CLI.run(["stores", "--config", config, "--format", format], environment: env)
            XCTAssertEqual(run.status, 2)
            outputs["stores \(format)"] = run.stdout + run.stderr
        }
        XCTAssertEqual(try CLI.run(["stores", "--config", config], environment: env).stderr,
                       "secretmap: postgres postgres:APP_DATABASE_URL: psql: bad URL or connection string: check it (the tool's own message is not shown: it may quote a credential)\n")
        let snapshot = tree.root.appendingPathComponent("snap.json").path
        let saved = try CLI.run(["snapshot", "--config", config, "--output", snapshot], environment: env)
        XCTAssertEqual(saved.status, 2)
        outputs["snapshot stderr"] = saved.stderr
        outputs["snapshot file"] = try String(contentsOfFile: snapshot, encoding: .utf8)
        let doc = tree.root.appendingPathComponent("docs/secrets-management.md").path
        let audit = try CLI.run(["audit", "--config", config, "--output", doc], environment: env)
        XCTAssertEqual(audit.status, 2)
        outputs["audit stderr"] = audit.stderr
        outputs["audit document"] = (try? String(contentsOfFile: doc, encoding: .utf8)) ?? ""
        XCTAssertFalse(outputs["audit document"]!.isEmpty, "with no previous document, the audit writes one")
        let chars = Array(canary)
        for (name, text) in outputs {
            for i in 0...(chars.count - 6) where text.contains(String(chars[i..<i + 6])) {
                XCTFail("\(name) holds '\(String(chars[i..<i + 6]))' of the password: \(text)")
                break
            }
        }
    }

    /// A user issuer rule (`--rules DIR`) classifies values read with `--fingerprint-values`, as
    /// the built-in ones do: the stores' value facts come from the run's rule set, not a built-in
    /// copy of it.
    func testAUserIssuerRuleClassifiesAStoredValue() throws {
        let moto = try server { try LocalServers.moto() }
        let tag = "r\(UInt32.random(in: 0...UInt32.max))"
        let env = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "eu-west-1",
                   "AWS_ENDPOINT_URL": moto, "AWS_MAX_ATTEMPTS": "1", "SECRETMAP_FINGERPRINT_KEY": "stores-command-tests"]
        let canary = "Qm7Zt2Lx9Vp4Rk8Wn3Bc6Yd1Hf5Gj0Ts"
        try run("aws", ["ssm", "put-parameter", "--name", "/\(tag)/ACME_KEY", "--type", "SecureString",
                        "--value", "acmetest_\(canary)", "--overwrite"], env)
        try run("aws", ["ssm", "put-parameter", "--name", "/\(tag)/OTHER_KEY", "--type", "SecureString",
                        "--value", "other_\(canary)", "--overwrite"], env)
        let tree = TempTree()
        tree.write("rules/acme.yaml", """
        issuers:
          - id: acme-api-key
            issuer: Acme
            description: Acme API key (made up for this test)
            pattern: '^acme(?:live|test)_[0-9A-Za-z]{20,}$'
            test-pattern: '^acmetest_'
            match: ["acmelive_EXAMPLE0000example1111"]
            no-match: ["acmelive_short"]
        """)
        let config = tree.write("secretmap.yml", "environments:\n  production: { ssm: /\(tag)/ }\nstores:\n  aws: { region: eu-west-1 }\n")
        func facts(_ rules: [String]) throws -> [String: [String: String]] {
            let run = try CLI.run(["stores", "--config", config, "--fingerprint-values", "--format", "json"] + rules, environment: env)
            XCTAssertEqual(run.status, 0, run.stderr)
            let chars = Array(canary)
            for i in 0...(chars.count - 6) where (run.stdout + run.stderr).contains(String(chars[i..<i + 6])) {
                XCTFail("the output holds '\(String(chars[i..<i + 6]))' of a stored value")
                break
            }
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
            var out: [String: [String: String]] = [:]
            for listing in json["listings"] as? [[String: Any]] ?? [] {
                for s in listing["secrets"] as? [[String: Any]] ?? [] {
                    out[s["name"] as? String ?? "?"] = [
                        "valueRule": s["valueRule"] as? String ?? "-",
                        "valueIsTest": (s["valueIsTest"] as? Bool).map { "\($0)" } ?? "-",
                        "hint": s["hint"] as? String ?? "-",
                    ]
                }
            }
            return out
        }
        XCTAssertEqual(try facts([]), ["ACME_KEY": ["valueRule": "-", "valueIsTest": "-", "hint": "acm…Ts"],
                                       "OTHER_KEY": ["valueRule": "-", "valueIsTest": "-", "hint": "oth…Ts"]])
        XCTAssertEqual(try facts(["--rules", tree.path + "/rules"]),
                       ["ACME_KEY": ["valueRule": "acme-api-key", "valueIsTest": "true", "hint": "acm…Ts"],
                        "OTHER_KEY": ["valueRule": "-", "valueIsTest": "-", "hint": "oth…Ts"]])
    }

    func testAnUnreadableStoreIsNamedAndTheExitStatusIs2() throws {
        let tree = TempTree()
        let dir = tree.root
        let config = tree.write("secretmap.yml", "stores:\n  env_files: [{ path: missing.env }]\n  postgres: { url_env: NOPE_URL, query: select 1 }\n")
        let run = try CLI.run(["stores", "--config", config], environment: ["NOPE_URL": ""])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, """
        secretmap: env-file \(dir.path)/missing.env: cannot read \(dir.path)/missing.env: check the path in secretmap.yml
        secretmap: postgres postgres:NOPE_URL: NOPE_URL is not set: export the database URL the query runs against

        """)
        XCTAssertTrue(run.stdout.contains("INCOMPLETE"), run.stdout)
    }

    func testABadConfigIsAUsageErrorWithLines() throws {
        let tree = TempTree()
        let config = tree.write("secretmap.yml", "stores:\n  ssm: {}\n")
        let run = try CLI.run(["stores", "--config", config])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("secretmap.yml:2: unknown key 'ssm' in stores"), run.stderr)
    }
}
