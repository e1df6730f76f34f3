import Foundation
import TestSupport
import XCTest

/// Hard-coded defaults end to end: `declared` lists them with hint, fingerprint and placeholder
/// mark; `drift` and `audit` join them to the store that holds them. A random default in a
/// compose file, a script or a Dockerfile never reaches any output.
final class HardCodedDefaultCLITests: XCTestCase {
    static let composeCanary = "Qz7Xw2Lp9Vn4Rt8Kb3Mc6Hd1Fj5Gs0Ya"
    static let scriptCanary = "Wd4Hk8Pz2Nq6Tv9Lr3Xb7Mc1Jf5Gs0Ea"
    static let dockerCanary = "Ub5Ng1Rw7Tz3Kq9Lx2Pd6Hm4Jc8Fs0Va"

    func repo(in tree: TempTree, _ folder: String = ".") {
        tree.write(folder + "/docker-compose.yml", """
            services:
              api:
                build: .
                environment:
                  APP_SESSION_SECRET: ${APP_SESSION_SECRET:-\(Self.composeCanary)}
                  APP_ADMIN_PASSWORD: changeme
            """)
        tree.write(folder + "/scripts/bootstrap.sh", "update_env \"APP_API_TOKEN\" \"${APP_API_TOKEN:-\(Self.scriptCanary)}\"\n")
        tree.write(folder + "/Dockerfile", "FROM node:20\nENV APP_SIGNING_KEY=\(Self.dockerCanary)\n")
    }

    func testDeclaredListsDefaultsWithHintsAndNeverTheValue() throws {
        let tree = TempTree()
        repo(in: tree)
        let text = try CLI.run(["declared", "t=" + tree.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        let rows = text.stdout.components(separatedBy: "\n").drop { $0 != "Hard-coded defaults: 4" }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(6).joined(separator: " ") }
        XCTAssertEqual(Array(rows.prefix(6)), [
            "Hard-coded defaults: 4",
            "NAME CONTEXT WHERE HINT DETAIL",
            "APP_SIGNING_KEY dockerfile-env t/Dockerfile:2 Ub5…Va secret-like, 32",
            "APP_SESSION_SECRET compose-default t/docker-compose.yml:5 Qz7…Ya secret-like, 32",
            "APP_ADMIN_PASSWORD compose-default t/docker-compose.yml:6 cha…me placeholder, 8",
            "APP_API_TOKEN shell-default t/scripts/bootstrap.sh:1 Wd4…Ea secret-like, 32",
        ], text.stdout)
        XCTAssertTrue(text.stdout.contains("cha…me  placeholder, 8 chars, hmac-sha256:"), text.stdout)
        let json = try CLI.run(["declared", "--format", "json", "t=" + tree.path])
        XCTAssertEqual(json.status, 0, json.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let defaults = doc["defaults"] as! [[String: Any]]
        XCTAssertEqual(defaults.map { "\($0["target"]!) \($0["context"]!) \($0["line"]!) \($0["hint"]!) \($0["placeholder"] as! Bool) \($0["secretLike"] as! Bool)" }, [
            "APP_SIGNING_KEY dockerfile-env 2 Ub5…Va false true",
            "APP_SESSION_SECRET compose-default 5 Qz7…Ya false true",
            "APP_ADMIN_PASSWORD compose-default 6 cha…me true false",
            "APP_API_TOKEN shell-default 1 Wd4…Ea false true",
        ])
        XCTAssertTrue(defaults.allSatisfy { ($0["fingerprint"] as! String).hasPrefix("hmac-sha256:") })
        for output in [text.stdout, text.stderr, json.stdout, json.stderr] { assertNoCanaryWindow(output) }
    }

    /// An SSM parameter that still holds the compose default: literal-equals-stored, High, at
    /// the compose file's line; the store holding another value for the script's name: nothing.
    func testAStoreHoldingTheComposeDefaultIsFoundByDriftAndTheAudit() throws {
        let moto: String
        do { moto = try LocalServers.moto() } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)") }
            throw XCTSkip("\(e)")
        }
        let tag = "d\(UInt32.random(in: 0...UInt32.max))"
        let env = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "eu-west-1",
                   "AWS_ENDPOINT_URL": moto, "AWS_MAX_ATTEMPTS": "1"]
        try aws(["ssm", "put-parameter", "--name", "/\(tag)/APP_SESSION_SECRET", "--type", "SecureString", "--value", Self.composeCanary], env)
        try aws(["ssm", "put-parameter", "--name", "/\(tag)/APP_API_TOKEN", "--type", "SecureString", "--value", "Zr8Kp3Lw6Xq1Nv9Tb4Mh7Jd2Fc5Gs0Ua"], env)
        let tree = TempTree()
        repo(in: tree, "repo")
        tree.write("key", "k7Qw2Zr9Lp4Xv8Nc3Hm6Td1Fb5Js0Ya")
        let config = tree.write("secretmap.yml", """
            repos:
              - { name: t, path: repo }
            environments:
              production: { ssm: /\(tag)/ }
            stores:
              aws: { region: eu-west-1 }
            fingerprint_key: { file: key }
            """)
        let drift = try CLI.run(["drift", "--config", config, "--fingerprint-values", "--format", "json"], environment: env)
        XCTAssertTrue([0, 1].contains(drift.status), drift.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(drift.stdout.utf8)) as! [String: Any]
        let findings = (doc["findings"] as! [[String: Any]]).filter { $0["rule"] as? String == "literal-equals-stored" }
        XCTAssertEqual(findings.map { f -> String in
            let at = f["location"] as! [String: Any]
            return "\(f["severity"]!) \(f["name"]!) \(at["repo"]!)/\(at["path"]!):\(at["line"]!)"
        }, ["High APP_SESSION_SECRET t/docker-compose.yml:5"])
        XCTAssertEqual(findings.first?["summary"] as? String,
                       "the value of APP_SESSION_SECRET in ssm /\(tag)/APP_SESSION_SECRET is hard-coded at t/docker-compose.yml:5 (default of APP_SESSION_SECRET, Qz7…Ya)")
        let text = try CLI.run(["drift", "--config", config, "--fingerprint-values"], environment: env)
        let audit = try CLI.run(["audit", "--config", config, "--fingerprint-values", "--output", "-"], environment: env)
        XCTAssertTrue(audit.stdout.contains("| `APP_SESSION_SECRET` | t/docker-compose.yml:5 (Qz7…Ya) |"), audit.stdout)
        XCTAssertTrue(audit.stdout.contains("| `APP_ADMIN_PASSWORD` | t/docker-compose.yml:6 (cha…me, placeholder) |"), audit.stdout)
        for output in [drift.stdout, drift.stderr, text.stdout, text.stderr, audit.stdout, audit.stderr] { assertNoCanaryWindow(output) }
    }

    func aws(_ args: [String], _ env: [String: String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["aws"] + args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "aws \(args.prefix(2))")
    }

    func assertNoCanaryWindow(_ output: String, file: StaticString = #filePath, line: UInt = #line) {
        for canary in [Self.composeCanary, Self.scriptCanary, Self.dockerCanary].map(Array.init) {
            for start in 0...(canary.count - 6) {
                let window = String(canary[start..<(start + 6)])
                XCTAssertFalse(output.contains(window), "canary window \(window) in output", file: file, line: line)
            }
        }
    }
}
