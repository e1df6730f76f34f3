import Foundation
import XCTest
@testable import Stores

/// OpenBao KV v2 through the real `bao` CLI against `bao server -dev`.
final class VaultStoreTests: XCTestCase {
    func testRecursiveListWithMetadataAndKeyFingerprints() throws {
        let (address, token) = try StoreTesting.server { try LocalServers.bao() }
        let env = StoreTesting.baoEnvironment(address, token)
        let root = "t\(UInt32.random(in: 0...UInt32.max))"   // a fresh path per run on a shared server
        let before = Date()
        StoreTesting.run("bao", ["kv", "put", "-mount=secret", "\(root)/planb/worker", "DATABASE_URL=postgres://planb:pw-1234567@db/planb", "SENTRY_DSN=https://abc@sentry.io/1"], env: env)
        StoreTesting.run("bao", ["kv", "put", "-mount=secret", "\(root)/planb/worker", "DATABASE_URL=postgres://planb:pw-rotated-89@db/planb", "SENTRY_DSN=https://abc@sentry.io/1"], env: env)
        StoreTesting.run("bao", ["kv", "put", "-mount=secret", "\(root)/planb/web/stripe", "STRIPE_SECRET_KEY=sk_live_vault_0123456"], env: env)
        let after = Date()
        let tree = TempTree()
        let config = try StoreTesting.config("""
        environments:
          production: { vault_path: \(root)/planb }
        stores:
          vault: { cli: bao, mount: secret }
        """, in: tree)
        let listing = try XCTUnwrap(StoreTesting.reader(config, env: env).read().first)
        XCTAssertTrue(listing.complete, listing.problem ?? "")
        XCTAssertEqual(listing.location, "secret/\(root)/planb")
        XCTAssertEqual(listing.lines, ["stripe secret/\(root)/planb/web/stripe v1", "worker secret/\(root)/planb/worker v2"])
        XCTAssertTrue(listing.secrets.allSatisfy { within($0.lastModified, before, after) && within($0.createdAt, before, after) })
        XCTAssertNil(listing.secrets[1].keys, "key names need a read of the values: only with --fingerprint-values")

        let withValues = try XCTUnwrap(StoreTesting.reader(config, env: env, values: true).read().first)
        XCTAssertEqual(withValues.secrets[1].keys?.keys.sorted(), ["DATABASE_URL", "SENTRY_DSN"])
        XCTAssertEqual(withValues.secrets[1].keys?["DATABASE_URL"]?.fingerprint, StoreTesting.fingerprint("postgres://planb:pw-rotated-89@db/planb"))
    }

    func testAWrongTokenIsAccessDenied() throws {
        let (address, _) = try StoreTesting.server { try LocalServers.bao() }
        let tree = TempTree()
        let config = try StoreTesting.config("stores:\n  vault: { cli: bao, paths: [planb] }\n", in: tree)
        let listing = try XCTUnwrap(StoreTesting.reader(config, env: StoreTesting.baoEnvironment(address, "not-the-token")).read().first)
        XCTAssertFalse(listing.complete)
        XCTAssertEqual(listing.problem, "bao: access denied: the identity in use may not list this store")
    }
}

/// Per-tenant credentials through the real `psql` against a throw-away PostgreSQL cluster.
final class PostgresStoreTests: XCTestCase {
    func testCountsAndAgesPerNameNeverValues() throws {
        let url = try StoreTesting.server { try LocalServers.postgres() }
        var env = ProcessInfo.processInfo.environment
        env["PLANB_DATABASE_URL"] = url
        let schema = "s\(UInt32.random(in: 0...UInt32.max))"
        StoreTesting.run("psql", [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", """
            create schema \(schema);
            create table \(schema).secrets (tenant_id int, name text, value text, created_at timestamptz, updated_at timestamptz);
            insert into \(schema).secrets values
              (1, 'STRIPE_ACCOUNT_KEY', 'rk_live_tenant_one_value', now() - interval '400 days', now() - interval '400 days'),
              (2, 'STRIPE_ACCOUNT_KEY', 'rk_live_tenant_two_value', now() - interval '200 days', now() - interval '200 days'),
              (3, 'STRIPE_ACCOUNT_KEY', 'rk_live_tenant_three_val', now() - interval '10 days', now() - interval '5 days'),
              (1, 'POSTMARK_TOKEN', 'pm-tenant-one-token-value', now() - interval '100 days', now() - interval '95 days');
            """], env: env)
        let tree = TempTree()
        let config = try StoreTesting.config("""
        stores:
          postgres:
            url_env: PLANB_DATABASE_URL
            query: "select tenant_id, name, created_at, updated_at, value from \(schema).secrets"
        """, in: tree)
        let listing = try XCTUnwrap(StoreTesting.reader(config, env: env).read().first)
        XCTAssertTrue(listing.complete, listing.problem ?? "")
        XCTAssertEqual(listing.tenantSecrets?.map { "\($0.name) \($0.tenants) \($0.olderThan90Days)/\($0.olderThan180Days)/\($0.olderThan365Days)" }, [
            "POSTMARK_TOKEN 1 1/0/0",
            "STRIPE_ACCOUNT_KEY 3 2/2/1",
        ])
        // Each credential's age, so drift counts at whatever tenant_max_age_days says.
        XCTAssertEqual(listing.tenantSecrets?.last?.updateAgesDays, [400, 200, 5])
        let json = String(decoding: try JSONEncoder().encode(listing), as: UTF8.self)
        XCTAssertFalse(json.contains("tenant_one"), "the fifth column (a value) is never read into the listing")
        XCTAssertFalse(json.contains(url))
    }

    func testAMissingURLVariableAndABadQuery() throws {
        let url = try StoreTesting.server { try LocalServers.postgres() }
        let tree = TempTree()
        let config = try StoreTesting.config("""
        stores:
          postgres: { url_env: PLANB_DATABASE_URL, query: "select * from no_such_table" }
        """, in: tree)
        var env = ProcessInfo.processInfo.environment
        env["PLANB_DATABASE_URL"] = nil
        XCTAssertEqual(StoreTesting.reader(config, env: env).read().first?.problem,
                       "PLANB_DATABASE_URL is not set: export the database URL the query runs against")
        env["PLANB_DATABASE_URL"] = url
        // psql's own message is never repeated (it can quote the URL): its category is.
        XCTAssertEqual(StoreTesting.reader(config, env: env).read().first?.problem,
                       "psql: not found: check the name, path or query the store was asked for")
    }
}
