import Foundation
import XCTest
@testable import Stores

/// 1Password vaults through a Connect server's REST API, against a local server that serves its
/// documented JSON (`GET /v1/vaults`, `/v1/vaults/{id}/items`, `/v1/vaults/{id}/items/{itemId}`;
/// no emulator of Connect exists). Field values come in every full item: only fingerprints may
/// leave memory.
final class OnePasswordConnectStoreTests: XCTestCase {
    static let canary = "opcW4nX8qT1zR6mK3vB9pL2hJ7dF5gS0yC"
    static let token = "ey.Tq8Lm2Wx9Pz4Kd"

    // nonisolated(unsafe): a constant JSON tree, only read.
    nonisolated(unsafe) static let routes: [String: Any] = [
        "/v1/vaults": [
            ["id": "vprodq3x7k2m9n4p5r6s8t1u0w", "name": "Production", "type": "USER_CREATED", "items": 2,
             "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2026-02-01T10:00:00Z"],
            ["id": "forbiddenvault00000000000a", "name": "Locked", "type": "USER_CREATED"],
            ["id": "ratelimitedvault000000000b", "name": "Busy", "type": "USER_CREATED"],
            ["id": "slowvault0000000000000000c", "name": "Far", "type": "USER_CREATED"],
        ] as [[String: Any]],
        "/v1/vaults/vprodq3x7k2m9n4p5r6s8t1u0w/items": [
            ["id": "istripe000000000000000000a", "title": "Stripe", "vault": ["id": "vprodq3x7k2m9n4p5r6s8t1u0w"], "category": "API_CREDENTIAL",
             "version": 3, "createdAt": "2025-01-10T09:00:00Z", "updatedAt": "2026-02-01T10:00:00.123Z"] as [String: Any],
            ["id": "ipostgres0000000000000000b", "title": "Postgres", "vault": ["id": "vprodq3x7k2m9n4p5r6s8t1u0w"], "category": "DATABASE",
             "version": 1, "createdAt": "2024-05-01T12:00:00Z", "updatedAt": "2024-05-01T12:00:00Z"],
        ] as [[String: Any]],
        "/v1/vaults/vprodq3x7k2m9n4p5r6s8t1u0w/items/istripe000000000000000000a": [
            "id": "istripe000000000000000000a", "title": "Stripe", "vault": ["id": "vprodq3x7k2m9n4p5r6s8t1u0w"], "category": "API_CREDENTIAL",
            "version": 3, "createdAt": "2025-01-10T09:00:00Z", "updatedAt": "2026-02-01T10:00:00.123Z",
            "fields": [
                ["id": "credential", "type": "CONCEALED", "label": "secret key", "value": canary] as [String: Any],
                ["id": "notesPlain", "type": "STRING", "purpose": "NOTES", "label": "notesPlain", "value": "rotated by ops, was \(canary)"],
                ["id": "empty", "type": "STRING", "label": "", "value": canary],
            ],
        ] as [String: Any],
        "/v1/vaults/vprodq3x7k2m9n4p5r6s8t1u0w/items/ipostgres0000000000000000b": [
            "id": "ipostgres0000000000000000b", "title": "Postgres", "vault": ["id": "vprodq3x7k2m9n4p5r6s8t1u0w"], "category": "DATABASE",
            "version": 1, "createdAt": "2024-05-01T12:00:00Z", "updatedAt": "2024-05-01T12:00:00Z",
            "sections": [["id": "conn1", "label": "connection"]],
            "fields": [
                ["id": "url", "section": ["id": "conn1"], "type": "CONCEALED", "label": "url", "value": "postgres://app:\(canary)@db.internal/app"] as [String: Any],
                ["id": "password", "type": "CONCEALED", "purpose": "PASSWORD", "label": "password", "value": canary],
            ],
        ] as [String: Any],
        "/v1/vaults/forbiddenvault00000000000a/items": [] as [Any],
        "/v1/vaults/ratelimitedvault000000000b/items": [] as [Any],
        "/v1/vaults/slowvault0000000000000000c/items": [] as [Any],
    ]

    func setUpServer() throws -> String {
        try StoreTesting.server { try LocalServers.platforms(token: Self.token, routes: Self.routes) }.url
    }

    func environment(token: String?) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["OP_CONNECT_TOKEN"] = token
        return env
    }

    func testEachVaultIsAListingOfFieldsNamedAsReferencesNameThem() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          onepassword: { connect_url: "\(url)", vaults: [Production] }
        """, in: TempTree())
        let listings = StoreTesting.reader(config, env: environment(token: Self.token)).read()
        XCTAssertEqual(listings.map { "\($0.kind) \($0.location) \($0.environment ?? "-") \($0.complete) \($0.problem ?? "")" },
                       ["1password Production - true "])
        XCTAssertEqual(listings[0].secrets.map { "\($0.path) \($0.name) \($0.type ?? "-") v\($0.version ?? 0) \($0.createdAt ?? "-") \($0.lastModified ?? "-")" }, [
            "Production/Postgres/connection/url url CONCEALED v1 2024-05-01T12:00:00Z 2024-05-01T12:00:00Z",
            "Production/Postgres/password password CONCEALED v1 2024-05-01T12:00:00Z 2024-05-01T12:00:00Z",
            "Production/Stripe/notesPlain notesPlain STRING v3 2025-01-10T09:00:00Z 2026-02-01T10:00:00Z",
            "Production/Stripe/secret key secret key CONCEALED v3 2025-01-10T09:00:00Z 2026-02-01T10:00:00Z",
        ])
        XCTAssertEqual(listings.flatMap(\.secrets).compactMap(\.fingerprint), [], "no values without --fingerprint-values")
        try assertNoCanary(listings)
    }

    /// `environments.NAME.onepassword_vault`: the vault an environment's secrets are kept in is
    /// listed for that environment (1Password's presence is then per environment, as every other
    /// store's); `vaults` lists the others with no environment, and a vault is listed once.
    func testAnEnvironmentsVaultIsListedForThatEnvironment() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        environments:
          production: { onepassword_vault: Production }
          staging: { onepassword_vault: Locked }
        stores:
          onepassword: { connect_url: "\(url)", vaults: [Production, Busy] }
        """, in: TempTree())
        let listings = StoreTesting.reader(config, env: environment(token: Self.token)).read()
        XCTAssertEqual(listings.map { "\($0.kind) \($0.location) \($0.environment ?? "-") \($0.complete)" },
                       ["1password Production production true", "1password Locked staging false", "1password Busy - false"])
        XCTAssertEqual(listings[0].secrets.count, 4)
        // `vaults` may be left out when every vault belongs to an environment.
        let perEnvironment = try StoreTesting.config("""
        environments:
          production: { onepassword_vault: Production }
        stores:
          onepassword: { connect_url: "\(url)" }
        """, in: TempTree())
        XCTAssertEqual(StoreTesting.reader(perEnvironment, env: environment(token: Self.token)).read().map { "\($0.location) \($0.environment ?? "-")" },
                       ["Production production"])
    }

    func testValuesOnlyAsFingerprints() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          onepassword: { connect_url: "\(url)", vaults: [vprodq3x7k2m9n4p5r6s8t1u0w] }
        """, in: TempTree())
        let listings = StoreTesting.reader(config, env: environment(token: Self.token), values: true).read()
        XCTAssertEqual(listings.map(\.location), ["Production"], "a vault named by its id is listed under its name")
        let secrets = listings[0].secrets
        XCTAssertEqual(secrets.map { "\($0.name) \($0.fingerprint == StoreTesting.fingerprint(Self.canary))" },
                       ["url false", "password true", "notesPlain false", "secret key true"])
        XCTAssertEqual(secrets[0].valueShape, .credentialURL)
        try assertNoCanary(listings)
    }

    func testEachFailureIsOneLineNamingTheStoreAndACategory() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          onepassword: { connect_url: "\(url)", vaults: [Production, Locked, Missing, Busy] }
        """, in: TempTree())
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: nil)).read().first?.problem,
                       "1Password Connect: OP_CONNECT_TOKEN is not set: export a 1Password Connect token that can read the vaults")
        let refused = StoreTesting.reader(config, env: environment(token: "ey.expired")).read()
        XCTAssertEqual(refused.first?.problem, "1Password Connect: the token in OP_CONNECT_TOKEN was refused (401): renew it")
        let listings = StoreTesting.reader(config, env: environment(token: Self.token), retries: 1).read()
        XCTAssertEqual(listings.map { "\($0.location): \($0.problem ?? "ok")" }, [
            "Production: ok",
            "Locked: 1Password Connect vault Locked: access denied (403): the token in OP_CONNECT_TOKEN cannot read it",
            "Missing: 1Password Connect vault Missing: not found (404): check the name, or the token cannot see it",
            "Busy: 1Password Connect: rate limit reached (429), still after retries: run again later",
        ])
        XCTAssertFalse((refused + listings).compactMap(\.problem).joined().contains("ey."), "a token in a message")
    }

    func testATimeoutIsOneLine() throws {
        let url = try setUpServer()
        let config = try StoreTesting.config("""
        stores:
          onepassword: { connect_url: "\(url)", vaults: [Far] }
        """, in: TempTree())
        let reader = StoreReader(config: config, fingerprinter: StoreTesting.fingerprinter, rules: StoreTesting.rules,
                                 runner: CommandRunner(timeout: 1, retries: 0, environment: environment(token: Self.token)))
        XCTAssertEqual(reader.read().map { $0.problem ?? "ok" },
                       ["1Password Connect vault Far: no answer in time (timeout): check the network or stores.onepassword.connect_url, or raise timeout_seconds"])
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
