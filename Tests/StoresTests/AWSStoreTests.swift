import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import Stores

/// SSM per environment and Secrets Manager, through the real `aws` CLI against moto_server.
final class AWSStoreTests: XCTestCase {
    var endpoint = ""
    var env: [String: String] = [:]

    override func setUpWithError() throws {
        endpoint = try StoreTesting.server { try LocalServers.moto() }
        env = StoreTesting.awsEnvironment(endpoint)
        // A clean account for every test.
        var request = URLRequest(url: URL(string: endpoint + "/moto-api/reset")!)
        request.httpMethod = "POST"
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, _, _ in done.signal() }.resume()
        done.wait()
    }

    func put(_ name: String, _ value: String, type: String = "SecureString", overwrite: Bool = false) {
        StoreTesting.run("aws", ["ssm", "put-parameter", "--name", name, "--type", type, "--value", value] + (overwrite ? ["--overwrite"] : []), env: env)
    }

    let yaml = """
    environments:
      production: { ssm: /planb/ }
      staging: { ssm: /planb-staging/ }
      admin: { ssm: /planb-admin/ }
    stores:
      aws: { region: eu-west-1 }
      secrets_manager: { name_prefix: planb/ }
    """

    func testSSMPerEnvironmentWithTypesVersionsAndDates() throws {
        let before = Date()
        put("/planb/STRIPE_SECRET_KEY", "sk_live_prod_0123456789")
        put("/planb/STRIPE_SECRET_KEY", "sk_live_prod_rotated_99", overwrite: true)
        put("/planb/UNSUBSCRIBE_TOKEN_SECRET", "unsub-prod-secret-value")
        put("/planb/public/NEXT_PUBLIC_SUPABASE_URL", "x.supabase.co", type: "String")  // the CLI would fetch an http(s):// value
        put("/planb-staging/STRIPE_SECRET_KEY", "sk_test_staging_0123456")
        put("/planb-admin/ADMIN_PASSWORD", "admin-password-value-1")
        let after = Date()
        let tree = TempTree()
        let listings = StoreTesting.reader(try StoreTesting.config(yaml, in: tree), env: env).read()
        XCTAssertEqual(listings.map { "\($0.kind) \($0.location) \($0.environment ?? "-") \($0.complete)" }, [
            "ssm /planb/ production true", "ssm /planb-staging/ staging true", "ssm /planb-admin/ admin true",
            "secretsmanager planb/ - true",
        ])
        XCTAssertEqual(listings[0].lines, [
            "STRIPE_SECRET_KEY /planb/STRIPE_SECRET_KEY SecureString v2",
            "UNSUBSCRIBE_TOKEN_SECRET /planb/UNSUBSCRIBE_TOKEN_SECRET SecureString v1",
            "NEXT_PUBLIC_SUPABASE_URL /planb/public/NEXT_PUBLIC_SUPABASE_URL String v1",
        ].sorted { $0.split(separator: " ")[1] < $1.split(separator: " ")[1] })
        XCTAssertEqual(listings[1].lines, ["STRIPE_SECRET_KEY /planb-staging/STRIPE_SECRET_KEY SecureString v1"])
        XCTAssertEqual(listings[2].lines, ["ADMIN_PASSWORD /planb-admin/ADMIN_PASSWORD SecureString v1"])
        for s in listings.prefix(3).flatMap(\.secrets) {
            XCTAssertTrue(within(s.lastModified, before, after), "\(s.path) \(s.lastModified ?? "nil")")
            XCTAssertNil(s.fingerprint, "no values are read unless asked")
        }
    }

    func testFingerprintValuesOnlyWhenAsked() throws {
        put("/planb/STRIPE_SECRET_KEY", "sk_live_prod_0123456789")
        StoreTesting.run("aws", ["secretsmanager", "create-secret", "--name", "planb/supabase",
                                 "--secret-string", #"{"service_role":"eyJhbGciOiJIUzI1NiJ9.role","anon":"eyJhbGciOiJIUzI1NiJ9.anon"}"#], env: env)
        StoreTesting.run("aws", ["secretsmanager", "create-secret", "--name", "planb/plain", "--secret-string", "plain-secret-value-42"], env: env)
        StoreTesting.run("aws", ["secretsmanager", "create-secret", "--name", "other/ignored", "--secret-string", "x"], env: env)
        let tree = TempTree()
        let listings = StoreTesting.reader(try StoreTesting.config(yaml, in: tree), env: env, values: true).read()
        let stripe = try XCTUnwrap(listings[0].secrets.first)
        XCTAssertEqual(stripe.fingerprint, StoreTesting.fingerprint("sk_live_prod_0123456789"))
        XCTAssertEqual(stripe.hint, "sk_…89")
        let sm = listings[3]
        XCTAssertEqual(sm.secrets.map(\.name), ["planb/plain", "planb/supabase"])
        XCTAssertEqual(sm.secrets[0].fingerprint, StoreTesting.fingerprint("plain-secret-value-42"))
        XCTAssertEqual(sm.secrets[1].keys?.keys.sorted(), ["anon", "service_role"])
        XCTAssertEqual(sm.secrets[1].keys?["service_role"]?.fingerprint, StoreTesting.fingerprint("eyJhbGciOiJIUzI1NiJ9.role"))
        XCTAssertEqual(sm.secrets[1].rotationEnabled, false)
        XCTAssertTrue(sm.secrets[1].path.hasPrefix("arn:aws:secretsmanager:eu-west-1:123456789012:secret:planb/supabase-"))
    }

    /// An unreachable store is one clear line and an incomplete listing; the others are still read.
    func testUnreachableEndpointAndMissingCLIAreIncompleteNotEmpty() throws {
        let tree = TempTree()
        let envFile = tree.write(".env.production", "STRIPE_SECRET_KEY=sk_live_x\n")
        let config = try StoreTesting.config("""
        environments:
          production: { ssm: /planb/ }
        stores:
          aws: { region: eu-west-1, endpoint: "http://127.0.0.1:\(LocalServers.freePort())" }
          env_files: [{ path: \(envFile), environment: production }]
        """, in: tree)
        let listings = StoreTesting.reader(config, env: env).read()
        XCTAssertEqual(listings.map { "\($0.kind) \($0.complete) \($0.problem ?? "-")" }, [
            "ssm false aws: cannot reach the store: check its address or endpoint",
            "env-file true -",
        ])
        XCTAssertEqual(listings[1].secrets.map(\.name), ["STRIPE_SECRET_KEY"])

        var noAWS = env
        noAWS["PATH"] = "/nonexistent"
        let missing = StoreTesting.reader(config, env: noAWS).read()
        XCTAssertEqual(missing[0].problem, "aws not found on PATH: install the AWS CLI (pip install awscli)")
    }
}
