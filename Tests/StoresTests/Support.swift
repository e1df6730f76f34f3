import Foundation
import XCTest
@testable import Stores
import SourceScan
@_exported import TestSupport

/// Setup helpers: run a real CLI against a test server, write a config, get a reader.
enum StoreTesting {
    static let fingerprinter = Fingerprinter(key: "secretmap-tests")
    /// The built-in rules, compiled once for all the store tests.
    static let rules = try! RuleSet.builtIn()

    /// Credentials moto accepts, and no profile or endpoint from the developer's machine.
    static func awsEnvironment(_ endpoint: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for k in env.keys where k.hasPrefix("AWS_") { env[k] = nil }
        env["AWS_ACCESS_KEY_ID"] = "testing"
        env["AWS_SECRET_ACCESS_KEY"] = "testing"
        env["AWS_DEFAULT_REGION"] = "eu-west-1"
        env["AWS_ENDPOINT_URL"] = endpoint
        // An unreachable endpoint should fail at once, not after botocore's own retries.
        env["AWS_MAX_ATTEMPTS"] = "1"
        return env
    }

    static func baoEnvironment(_ address: String, _ token: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["BAO_ADDR"] = address; env["BAO_TOKEN"] = token
        env["VAULT_ADDR"] = address; env["VAULT_TOKEN"] = token
        return env
    }

    /// Runs a setup command; fails the test with its stderr if it fails.
    @discardableResult
    static func run(_ tool: String, _ args: [String], env: [String: String], file: StaticString = #filePath, line: UInt = #line) -> String {
        let runner = CommandRunner(timeout: 60, retries: 0, environment: env)
        do { return String(decoding: try runner.run(tool, args), as: UTF8.self) } catch {
            XCTFail("\(tool) \(args.joined(separator: " ")): \(error)", file: file, line: line)
            return ""
        }
    }

    static func config(_ yaml: String, in tree: TempTree) throws -> SecretMapConfig {
        let path = tree.write("secretmap.yml", yaml)
        return try SecretMapConfig.load(path)
    }

    static func reader(_ config: SecretMapConfig, env: [String: String], values: Bool = false, retries: Int = 0) -> StoreReader {
        var r = StoreReader(config: config, fingerprinter: fingerprinter, rules: rules, runner: CommandRunner(timeout: 30, retries: retries, environment: env))
        r.fingerprintValues = values
        return r
    }

    /// A server the test needs: a skip on a developer machine without it, a failure in CI.
    static func server<T>(_ start: () throws -> T) throws -> T {
        do { return try start() } catch let e as LocalServers.Unavailable {
            if LocalServers.required { XCTFail("\(e)"); throw e }
            throw XCTSkip("\(e)")
        }
    }

    static func fingerprint(_ value: String) -> String { fingerprinter.fingerprint(value) }
}

extension StoreListing {
    /// `name path type vN` per secret, for exact comparisons.
    var lines: [String] {
        secrets.map { s in
            [s.name, s.path, s.type, s.version.map { "v\($0)" }].compactMap { $0 }.joined(separator: " ")
        }
    }
}

/// Is an ISO date within [from, to] (a second of slack either side)?
func within(_ iso: String?, _ from: Date, _ to: Date) -> Bool {
    guard let iso, let d = ISO8601DateFormatter().date(from: iso) else { return false }
    return d >= from.addingTimeInterval(-1) && d <= to.addingTimeInterval(1)
}
