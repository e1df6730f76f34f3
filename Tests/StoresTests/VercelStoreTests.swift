import Foundation
import XCTest
@testable import Stores

/// Vercel environment variables through the REST API, against a local server that serves
/// Vercel's documented JSON (`GET /v10/projects/{idOrName}/env`) two variables a page, with
/// `pagination.next` (no emulator of Vercel exists).
final class VercelStoreTests: XCTestCase {
    /// Values planted in the store: none may reach any output.
    static let canary = "vrc9Qm2XzT7pLw4Nb8Kd3Hs6Jf1Gy5Rc0Va"
    static let sensitiveCanary = "snsK4t8Wq1Zm6Xp3Lr9Bv2Nc7Hd5Jg0Fy"

    // nonisolated(unsafe): a constant JSON tree, only read.
    nonisolated(unsafe) static let routes: [String: Any] = [
        "/v10/projects/web/env": ["envs": [
            ["id": "e1", "key": "STRIPE_SECRET_KEY", "type": "encrypted", "target": ["production"], "value": canary,
             "createdAt": 1_714_000_000_000, "updatedAt": 1_745_000_000_000] as [String: Any],
            ["id": "e2", "key": "NEXT_PUBLIC_SITE_URL", "type": "plain", "target": ["production", "preview", "development"],
             "value": "https://planb.example", "createdAt": 1_700_000_000_000, "updatedAt": 1_700_000_000_000],
            ["id": "e3", "key": "SESSION_SECRET", "type": "sensitive", "target": ["production"], "value": sensitiveCanary,
             "createdAt": 1_700_000_000_000, "updatedAt": 1_760_000_000_000],
            ["id": "e4", "key": "PREVIEW_DATABASE_URL", "type": "encrypted", "target": ["preview"], "gitBranch": "feature-x",
             "value": "postgres://app:\(canary)@db.internal/app", "createdAt": 1_750_000_000_000, "updatedAt": 1_750_000_000_000],
            ["id": "e5", "key": "VERCEL_URL", "type": "system", "target": ["production", "preview"], "value": "",
             "createdAt": 1_700_000_000_000, "updatedAt": 1_700_000_000_000],
        ]] as [String: Any],
    ]

    func setUpServer() throws -> String {
        try StoreTesting.server { try LocalServers.platforms(token: "tkn-9f8e7d6c5b4a", routes: Self.routes) }.url
    }

    func environment(token: String?) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["VERCEL_TOKEN"] = token
        return env
    }

    func testEachTargetIsAnEnvironmentAcrossPages() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        environments:
          production: { vercel_target: production }
          staging: { vercel_target: preview }
        stores:
          vercel: { projects: [web], team_id: team_planb, api_url: "\(url)" }
        """, in: TempTree())
        let listings = StoreTesting.reader(config, env: environment(token: "tkn-9f8e7d6c5b4a")).read()
        XCTAssertEqual(listings.map { "\($0.kind) \($0.location) \($0.environment ?? "-") \($0.complete)" },
                       ["vercel web@production production true", "vercel web@preview staging true"])
        XCTAssertEqual(listings[0].secrets.map { "\($0.path) \($0.type ?? "") \($0.createdAt ?? "") \($0.lastModified ?? "")" }, [
            "web@production/NEXT_PUBLIC_SITE_URL plain 2023-11-14T22:13:20Z 2023-11-14T22:13:20Z",
            "web@production/SESSION_SECRET sensitive 2023-11-14T22:13:20Z 2025-10-09T08:53:20Z",
            "web@production/STRIPE_SECRET_KEY encrypted 2024-04-24T23:06:40Z 2025-04-18T18:13:20Z",
            "web@production/VERCEL_URL system 2023-11-14T22:13:20Z 2023-11-14T22:13:20Z",   // the third page
        ])
        XCTAssertEqual(listings[1].secrets.map { "\($0.name) \($0.tags ?? [:])" },
                       ["NEXT_PUBLIC_SITE_URL [:]", "PREVIEW_DATABASE_URL [\"gitBranch\": \"feature-x\"]", "VERCEL_URL [:]"])
        XCTAssertEqual(listings.flatMap(\.secrets).compactMap(\.fingerprint), [], "no values without --fingerprint-values")
        try assertNoCanary(listings)
    }

    func testWithoutATargetMappedTheProjectIsListedWhole() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          vercel: { projects: [web], api_url: "\(url)" }
        """, in: TempTree())
        let listings = StoreTesting.reader(config, env: environment(token: "tkn-9f8e7d6c5b4a")).read()
        XCTAssertEqual(listings.map { "\($0.location) \($0.environment ?? "-")" }, ["web -"])
        XCTAssertEqual(listings[0].secrets.map { "\($0.name) \($0.tags?["target"] ?? "")" }, [
            "NEXT_PUBLIC_SITE_URL production,preview,development", "PREVIEW_DATABASE_URL preview", "SESSION_SECRET production",
            "STRIPE_SECRET_KEY production", "VERCEL_URL production,preview",
        ])
    }

    func testValuesOnlyAsFingerprintsAndSensitiveOnesNever() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        environments:
          production: { vercel_target: production }
        stores:
          vercel: { projects: [web], api_url: "\(url)" }
        """, in: TempTree())
        let listings = StoreTesting.reader(config, env: environment(token: "tkn-9f8e7d6c5b4a"), values: true).read()
        let byName = Dictionary(uniqueKeysWithValues: listings[0].secrets.map { ($0.name, $0) })
        XCTAssertEqual(byName["STRIPE_SECRET_KEY"]?.fingerprint, StoreTesting.fingerprint(Self.canary))
        XCTAssertEqual(byName["NEXT_PUBLIC_SITE_URL"]?.fingerprint, StoreTesting.fingerprint("https://planb.example"))
        XCTAssertNil(byName["SESSION_SECRET"]?.fingerprint, "a sensitive variable is never decrypted")
        try assertNoCanary(listings)
    }

    func testEachFailureIsOneLineNamingTheStoreAndACategory() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          vercel: { projects: [web, forbidden-app, gone, ratelimited-app], api_url: "\(url)" }
        """, in: TempTree())
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: nil)).read().first?.problem,
                       "Vercel: VERCEL_TOKEN is not set: export a Vercel access token that can read the project")
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: "expired_\(Self.canary)")).read().first?.problem,
                       "Vercel: the token in VERCEL_TOKEN was refused (401): renew it")
        let listings = StoreTesting.reader(config, env: environment(token: "tkn-9f8e7d6c5b4a"), retries: 1).read()
        XCTAssertEqual(listings.map { $0.problem ?? "ok" }, [
            "ok",
            "Vercel project forbidden-app: access denied (403): the token in VERCEL_TOKEN cannot read it",
            "Vercel project gone: not found (404): check the name, or the token cannot see it",
            "Vercel: rate limit reached (429), still after retries: run again later",
        ])
        XCTAssertEqual(listings.map(\.complete), [true, false, false, false])
    }

    func testATimeoutIsOneLine() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          vercel: { projects: [slow-app], api_url: "\(url)" }
        """, in: TempTree())
        let reader = StoreReader(config: config, fingerprinter: StoreTesting.fingerprinter, rules: StoreTesting.rules,
                                 runner: CommandRunner(timeout: 1, retries: 0, environment: environment(token: "tkn-9f8e7d6c5b4a")))
        XCTAssertEqual(reader.read().map { $0.problem ?? "ok" },
                       ["Vercel project slow-app: no answer in time (timeout): check the network or stores.vercel.api_url, or raise timeout_seconds"])
    }

    func testABadURLIsOneLine() throws {
        let config = try StoreTesting.config("""
        stores:
          vercel: { projects: [web], api_url: "ftp://user:\(Self.canary)@example.invalid" }
        """, in: TempTree())
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: "tkn-9f8e7d6c5b4a")).read().map { $0.problem ?? "ok" },
                       ["Vercel: bad URL ftp://***@example.invalid/v10/projects/web/env?decrypt=false: check stores.vercel.api_url"])
    }

    /// No 6-character window of a planted value in the listings as JSON (what `stores --format
    /// json` and a snapshot write).
    func assertNoCanary(_ listings: [StoreListing], file: StaticString = #filePath, line: UInt = #line) throws {
        let text = String(decoding: try JSONEncoder().encode(listings), as: UTF8.self)
        for canary in [Self.canary, Self.sensitiveCanary] {
            let chars = Array(canary)
            for i in 0...(chars.count - 6) where text.contains(String(chars[i..<i + 6])) {
                XCTFail("a piece of a planted value is in the output: \(String(chars[i..<i + 6]))", file: file, line: line)
            }
        }
    }
}
