import Foundation
import TestSupport
import XCTest

/// `rotate apply` against real moto through the real `aws` CLI: an internal secret in SSM staging
/// and production. Dry run, staging written (type and KMS key kept), production held back until
/// staging is done, a canary given on stdin that reaches no output, journal or process argument
/// list, a store that refuses the write, and a store that cannot be listed.
final class RotateApplyCommandTests: XCTestCase {
    static let canary = "Rk7Tq2Wz9Lx4Pm8Vb3Nc6Hd1Jf5Gs0Ya"
    static let oldStaging = "Ow1Ld5St4Gi9Ng8Va2Lu7Eq3Xz6Cp0Mn"
    static let oldProduction = "Ow2Ld6Pr5Od1Uc9Ti3On8Va4Lu7Ex0Kq"
    var moto = ""
    var env: [String: String] = [:]
    var tree = TempTree()
    /// Unique per test: moto is shared by every test of the process.
    var prefix = ""

    override func setUpWithError() throws {
        do { moto = try LocalServers.moto() } catch let e as LocalServers.Unavailable {
            if LocalServers.required { throw e }
            throw XCTSkip("\(e)")
        }
        env = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "eu-west-1",
               "AWS_ENDPOINT_URL": moto, "AWS_MAX_ATTEMPTS": "1", "ROTATE_TEST_FINGERPRINT_KEY": "rotate-test-key-0123456789"]
        prefix = "/rot" + UUID().uuidString.prefix(8).lowercased()
        tree = TempTree()
        tree.write("app/src/hooks.js", """
            const secret = process.env.UNSUBSCRIBE_TOKEN_SECRET;
            const stripe = process.env.STRIPE_SECRET_KEY;

            """)
        tree.write("secretmap.yml", config(endpoint: moto))
        try seed([
            ("\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET", Self.oldStaging),
            ("\(prefix)/UNSUBSCRIBE_TOKEN_SECRET", Self.oldProduction),
            ("\(prefix)-staging/STRIPE_SECRET_KEY", "sk_test_" + Self.oldStaging),
        ])
    }

    func config(endpoint: String) -> String {
        """
        repos:
          - { name: app, path: app }
        environments:
          production: { ssm: \(prefix)/ }
          staging: { ssm: \(prefix)-staging/ }
        stores:
          aws: { region: eu-west-1, endpoint: "\(endpoint)" }
        classes:
          UNSUBSCRIBE_TOKEN_SECRET: internal-minted
        fingerprint_key: { env: ROTATE_TEST_FINGERPRINT_KEY }
        state_dir: state

        """
    }

    var configPath: String { tree.path + "/secretmap.yml" }

    // MARK: the cases

    func testDryRunPrintsTheCallsAndWritesNothing() throws {
        let run = try secretmap(["rotate", "apply", "UNSUBSCRIBE_TOKEN_SECRET", "--env", "staging", "--config", configPath])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(run.stdout, """
            Rotate UNSUBSCRIBE_TOKEN_SECRET in staging (internal-minted): dry run, nothing written; --execute carries it out
              1. [mint] mint a new value: 32 random bytes as hex (mint rule hmac-key), from the system CSPRNG
              2. [write] ssm \(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET (staging): aws ssm put-parameter --overwrite --name \(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET (type and KMS key kept; the value in a 0600 file, never on the command line)
              3. [verify] ssm \(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET (staging): re-list ssm in staging with value fingerprints: \(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET holds the new value, not the old
            Journal: a new file in \(tree.path)/state/ once executed

            """)
        XCTAssertEqual(try parameter("\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET").version, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.path + "/state"))
    }

    func testStagingExecuteWritesANewValueKeepingTypeAndKey() throws {
        let run = try secretmap(["rotate", "apply", "UNSUBSCRIBE_TOKEN_SECRET", "--env", "staging", "--execute", "--config", configPath])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let p = try parameter("\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET")
        XCTAssertEqual(p.version, 2)
        XCTAssertEqual(p.type, "SecureString")
        XCTAssertEqual(p.keyId, "alias/app-key")
        XCTAssertNotEqual(p.value, Self.oldStaging)
        // The hmac-key mint rule: 32 bytes as lowercase hex.
        XCTAssertEqual(p.value.count, 64)
        XCTAssertTrue(p.value.allSatisfy { "0123456789abcdef".contains($0) }, "not hex")
        // Production untouched.
        XCTAssertEqual(try parameter("\(prefix)/UNSUBSCRIBE_TOKEN_SECRET").version, 1)

        let (path, journal) = try onlyJournal()
        XCTAssertEqual(journal["status"] as? String, "completed")
        XCTAssertEqual(journal["name"] as? String, "UNSUBSCRIBE_TOKEN_SECRET")
        XCTAssertEqual(journal["environment"] as? String, "staging")
        XCTAssertEqual(journal["caller"] as? String, "arn:aws:sts::123456789012:user/moto")
        let steps = journal["steps"] as? [[String: Any]] ?? []
        XCTAssertEqual(steps.map { "\($0["action"]!) \($0["status"]!)" }, ["mint completed", "write completed", "verify completed"])
        XCTAssertEqual(steps[1]["version"] as? Int, 2)
        let old = journal["oldFingerprints"] as? [String: String] ?? [:]
        let new = journal["newFingerprint"] as? String
        XCTAssertNotNil(old["\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET"])
        XCTAssertNotNil(new)
        XCTAssertNotEqual(old["\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET"], new)
        XCTAssertTrue(run.stdout.contains("Rotating UNSUBSCRIBE_TOKEN_SECRET in staging: journal \(path)\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  2. [write] ssm \(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET: now version 2\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  3. [verify] \(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET holds the new value, not the old\n"), run.stdout)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for value in [p.value, Self.oldStaging] {
            XCTAssertNil(HostileRepoCanaryTests.leakedWindow(of: value, in: text + run.stdout + run.stderr), "a value leaked")
        }
    }

    func testProductionIsRefusedUntilStagingIsRotated() throws {
        let args = ["rotate", "apply", "UNSUBSCRIBE_TOKEN_SECRET", "--env", "production", "--execute", "--config", configPath]
        let refused = try secretmap(args)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "secretmap: UNSUBSCRIBE_TOKEN_SECRET is held in staging too, and no rotation of it there completed in the last 7 days (in this state folder): rotate staging first, or pass --production-first\n")
        XCTAssertEqual(refused.stdout, "")
        XCTAssertEqual(try parameter("\(prefix)/UNSUBSCRIBE_TOKEN_SECRET").version, 1)

        let staging = try secretmap(["rotate", "apply", "UNSUBSCRIBE_TOKEN_SECRET", "--env", "staging", "--execute", "--config", configPath])
        XCTAssertEqual(staging.status, 0, staging.stderr)
        let allowed = try secretmap(args)
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertEqual(try parameter("\(prefix)/UNSUBSCRIBE_TOKEN_SECRET").version, 2)
        XCTAssertNotEqual(try parameter("\(prefix)/UNSUBSCRIBE_TOKEN_SECRET").value, try parameter("\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET").value)
    }

    func testProductionFirstOverridesTheStagingCheck() throws {
        let run = try secretmap(["rotate", "apply", "UNSUBSCRIBE_TOKEN_SECRET", "--env", "production", "--execute", "--production-first", "--config", configPath])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try parameter("\(prefix)/UNSUBSCRIBE_TOKEN_SECRET").version, 2)
    }

    /// The value given on stdin is in the store, and nowhere else: not in stdout or stderr, not in
    /// the journal, not in any process's argument list while the rotation runs (sampled from
    /// /proc/*/cmdline all along), not in a file left in the temporary folder.
    func testAValueOnStdinReachesTheStoreAndNothingElse() throws {
        let tmp = tree.path + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let watcher = ArgvWatcher(canary: Self.canary)
        watcher.start()
        let run = try secretmap(["rotate", "apply", "UNSUBSCRIBE_TOKEN_SECRET", "--env", "staging", "--execute", "--value-stdin", "--config", configPath],
                                stdin: Self.canary + "\n", extra: ["TMPDIR": tmp])
        let seen = watcher.stop()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try parameter("\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET").value, Self.canary)
        XCTAssertTrue(seen.sawPutParameter, "the watcher never saw the aws put-parameter process: it proves nothing")
        XCTAssertEqual(seen.leaks, [], "the value was on a command line")
        let (path, journal) = try onlyJournal()
        XCTAssertEqual(journal["source"] as? [String: [String: String]], ["operatorGiven": [:]])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertNil(HostileRepoCanaryTests.leakedWindow(of: Self.canary, in: text + run.stdout + run.stderr))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [], "a temporary file was left")
    }

    func testAnIssuersKeyNeedsTheValueOnStdin() throws {
        let run = try secretmap(["rotate", "apply", "STRIPE_SECRET_KEY", "--env", "staging", "--execute", "--config", configPath])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "secretmap: STRIPE_SECRET_KEY is issued by Stripe: create the new key there, then give it on stdin with --value-stdin\n")
        XCTAssertEqual(try parameter("\(prefix)-staging/STRIPE_SECRET_KEY").version, 1)
    }

    /// SSM refuses the write (100 versions, the oldest labelled: AWS cannot drop it): the run stops
    /// at that step with one line, and the journal says failed, without the value.
    func testAStoreThatRefusesTheWriteStopsTheRunWithAFailedJournal() throws {
        let name = "\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET"
        try python("""
            import boto3, sys
            ssm = boto3.client("ssm", endpoint_url=sys.argv[1], region_name="eu-west-1")
            for i in range(99):
                ssm.put_parameter(Name=sys.argv[2], Value="filler-%d-%s" % (i, sys.argv[3]), Type="SecureString", KeyId="alias/app-key", Overwrite=True)
            ssm.label_parameter_version(Name=sys.argv[2], ParameterVersion=1, Labels=["first"])
            """, [moto, name, Self.oldStaging])
        let run = try secretmap(["rotate", "apply", "UNSUBSCRIBE_TOKEN_SECRET", "--env", "staging", "--execute", "--value-stdin", "--config", configPath],
                                stdin: Self.canary)
        XCTAssertEqual(run.status, 1)
        let (path, journal) = try onlyJournal()
        let id = (path as NSString).lastPathComponent.replacingOccurrences(of: ".json", with: "")
        XCTAssertEqual(run.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count, 1, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("secretmap: rotation \(id) stopped at step 2 ([write] ssm \(name) (staging)): aws failed"), run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix("; journal \(path)\n"), run.stderr)
        XCTAssertEqual(journal["status"] as? String, "failed")
        let steps = journal["steps"] as? [[String: Any]] ?? []
        XCTAssertEqual(steps.map { "\($0["action"]!) \($0["status"]!)" }, ["mint completed", "write failed"])
        XCTAssertEqual(try parameter(name).version, 100)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertNil(HostileRepoCanaryTests.leakedWindow(of: Self.canary, in: text + run.stdout + run.stderr))
    }

    /// A store of the environment that cannot be listed leaves the current value unknown: nothing
    /// is written and no journal is started.
    func testAStoreThatCannotBeListedIsNotWritten() throws {
        tree.write("secretmap.yml", config(endpoint: "http://127.0.0.1:9"))
        let run = try secretmap(["rotate", "apply", "UNSUBSCRIBE_TOKEN_SECRET", "--env", "staging", "--execute", "--config", configPath],
                                extra: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasSuffix("\nsecretmap: ssm \(prefix)-staging/ could not be listed: not rotating UNSUBSCRIBE_TOKEN_SECRET in staging while what it holds there is unknown\n"), run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: tree.path + "/state"))
        XCTAssertEqual(try parameter("\(prefix)-staging/UNSUBSCRIBE_TOKEN_SECRET").version, 1)
    }

    // MARK: helpers

    func seed(_ parameters: [(String, String)]) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: parameters.map { [$0.0, $0.1] }), as: UTF8.self)
        try python("""
            import boto3, json, sys
            ssm = boto3.client("ssm", endpoint_url=sys.argv[1], region_name="eu-west-1")
            for name, value in json.loads(sys.argv[2]):
                ssm.put_parameter(Name=name, Value=value, Type="SecureString", KeyId="alias/app-key")
            """, [moto, json])
    }

    struct Parameter { var version: Int; var type: String; var keyId: String?; var value: String }

    func parameter(_ name: String) throws -> Parameter {
        let out = try python("""
            import boto3, json, sys
            ssm = boto3.client("ssm", endpoint_url=sys.argv[1], region_name="eu-west-1")
            d = ssm.describe_parameters(ParameterFilters=[{"Key": "Name", "Values": [sys.argv[2]]}])["Parameters"][0]
            v = ssm.get_parameter(Name=sys.argv[2], WithDecryption=True)["Parameter"]["Value"]
            print(json.dumps({"version": d["Version"], "type": d["Type"], "keyId": d.get("KeyId"), "value": v}))
            """, [moto, name])
        let o = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        return Parameter(version: o["version"] as! Int, type: o["type"] as! String, keyId: o["keyId"] as? String, value: o["value"] as! String)
    }

    @discardableResult
    func python(_ script: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw LocalServers.Unavailable(description: "python3 (boto3 against moto): \(message)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// The one journal of the state folder, its path and its JSON.
    func onlyJournal() throws -> (String, [String: Any]) {
        let folder = tree.path + "/state"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        XCTAssertEqual(names.count, 1, "\(names)")
        let path = folder + "/" + (names.first ?? "")
        return (path, try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any])
    }

    func secretmap(_ arguments: [String], stdin: String? = nil, extra: [String: String] = [:]) throws -> CLI.Run {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = tree.root
        var environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        environment.removeValue(forKey: "SECRETMAP_FINGERPRINT_KEY")
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Reads every process's argument list (/proc/*/cmdline) in a loop on its own thread until
/// stopped: which ones held the canary, and whether an `aws ssm put-parameter` was seen at all.
final class ArgvWatcher: @unchecked Sendable {
    struct Seen { var leaks: [String] = []; var sawPutParameter = false }
    let canary: String
    private let lock = NSLock()
    private var running = true
    private var seen = Seen()
    private let done = DispatchSemaphore(value: 0)

    init(canary: String) { self.canary = canary }

    func start() {
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                for pid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where pid.allSatisfy(\.isNumber) {
                    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { continue }
                    let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
                    lock.withLock {
                        if line.contains(canary) { seen.leaks.append(pid) }
                        if line.contains("put-parameter") && line.contains("cli-input-json") { seen.sawPutParameter = true }
                    }
                }
            }
            done.signal()
        }
    }

    func stop() -> Seen {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { seen }
    }
}
