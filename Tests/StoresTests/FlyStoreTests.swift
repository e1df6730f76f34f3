import Foundation
import XCTest
@testable import Stores

/// Fly.io app secrets through the Machines REST API, against a local server that serves its
/// documented JSON (`GET /v1/apps/{app}/secrets`: name, digest, created_at, updated_at; never a
/// value). The answer is not paginated.
final class FlyStoreTests: XCTestCase {
    /// A value planted where a hostile or broken server could put it: it must reach no output.
    static let canary = "flyQ8zX3mN7pR2tW9kL4bV6yH1cJ5dF0gS"

    // nonisolated(unsafe): a constant JSON tree, only read.
    nonisolated(unsafe) static let routes: [String: Any] = [
        "/v1/apps/planb-api/secrets": ["secrets": [
            ["name": "STRIPE_SECRET_KEY", "digest": "a1b2c3d4e5f60718", "created_at": "2025-01-10T09:00:00Z", "updated_at": "2026-02-01T10:00:00Z"],
            ["name": "DATABASE_URL", "digest": "0f1e2d3c4b5a6978", "created_at": "2024-05-01T12:00:00Z", "value": canary],
        ]] as [String: Any],
        "/v1/apps/planb-api-staging/secrets": ["secrets": [
            ["name": "DATABASE_URL", "digest": "99aa88bb77cc66dd", "created_at": "2024-06-01T12:00:00Z"],
        ]] as [String: Any],
    ]

    func setUpServer() throws -> String {
        try StoreTesting.server { try LocalServers.platforms(token: "fly_test_token", routes: Self.routes) }.url
    }

    func environment(token: String?) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["FLY_API_TOKEN"] = token
        return env
    }

    func testEachAppIsAListingWithDigestsAndDates() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        environments:
          production: { fly_app: planb-api }
          staging: { fly_app: planb-api-staging }
        stores:
          fly: { api_url: "\(url)" }
        """, in: TempTree())
        let listings = StoreTesting.reader(config, env: environment(token: "fly_test_token"), values: true).read()
        XCTAssertEqual(listings.map { "\($0.kind) \($0.location) \($0.environment ?? "-") \($0.complete)" },
                       ["fly planb-api production true", "fly planb-api-staging staging true"])
        XCTAssertEqual(listings[0].secrets.map { "\($0.path) \($0.createdAt ?? "-") \($0.lastModified ?? "-") \($0.tags?["digest"] ?? "-")" }, [
            "planb-api/DATABASE_URL 2024-05-01T12:00:00Z - 0f1e2d3c4b5a6978",
            "planb-api/STRIPE_SECRET_KEY 2025-01-10T09:00:00Z 2026-02-01T10:00:00Z a1b2c3d4e5f60718",
        ])
        XCTAssertEqual(listings.flatMap(\.secrets).compactMap(\.fingerprint), [], "Fly.io never returns a value to fingerprint")
        let text = String(decoding: try JSONEncoder().encode(listings), as: UTF8.self)
        let chars = Array(Self.canary)
        for i in 0...(chars.count - 6) { XCTAssertFalse(text.contains(String(chars[i..<i + 6])), "a piece of a planted value") }
    }

    func testEachFailureIsOneLineNamingTheStoreAndACategory() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          fly: { apps: [planb-api, forbidden-app, gone, ratelimited-app], api_url: "\(url)" }
        """, in: TempTree())
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: nil)).read().first?.problem,
                       "Fly.io: FLY_API_TOKEN is not set: export a Fly.io token that can read the app (fly tokens create readonly)")
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: "expired")).read().first?.problem,
                       "Fly.io: the token in FLY_API_TOKEN was refused (401): renew it")
        let listings = StoreTesting.reader(config, env: environment(token: "fly_test_token"), retries: 1).read()
        XCTAssertEqual(listings.map { $0.problem ?? "ok" }, [
            "ok",
            "Fly.io app forbidden-app: access denied (403): the token in FLY_API_TOKEN cannot read it",
            "Fly.io app gone: not found (404): check the name, or the token cannot see it",
            "Fly.io: rate limit reached (429), still after retries: run again later",
        ])
    }

    func testATimeoutIsOneLine() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          fly: { apps: [slow-app], api_url: "\(url)" }
        """, in: TempTree())
        let reader = StoreReader(config: config, fingerprinter: StoreTesting.fingerprinter, rules: StoreTesting.rules,
                                 runner: CommandRunner(timeout: 1, retries: 0, environment: environment(token: "fly_test_token")))
        XCTAssertEqual(reader.read().map { $0.problem ?? "ok" },
                       ["Fly.io app slow-app: no answer in time (timeout): check the network or stores.fly.api_url, or raise timeout_seconds"])
    }
}
