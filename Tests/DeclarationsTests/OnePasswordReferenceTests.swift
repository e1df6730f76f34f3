import XCTest
@testable import Declarations

/// 1Password secret references (`op://vault/item/field`) in env files, compose and Kubernetes
/// manifests are declarations pointing at 1Password: the reference is the place, so it is kept as
/// the store path; no fingerprint of the reference text poses as a value's.
final class OnePasswordReferenceTests: XCTestCase {
    func testReferencesInEnvFilesComposeAndManifests() {
        let tree = TempTree()
        tree.write(".env.example", "STRIPE_SECRET_KEY=op://Production/Stripe/secret key\nSITE_URL=https://planb.example\n")
        tree.write(".env", "DATABASE_URL=\"op://Production/Postgres/connection/url?attribute=otp\"\nPLAIN=abc\n")
        tree.write("compose.yaml", """
        services:
          web:
            build: .
            environment:
              SESSION_SECRET: op://dev/web/session
        """)
        tree.write("k8s/deploy.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  env:
                    - name: SENTRY_DSN
                      value: op://Production/Sentry/dsn
                    - name: LOG_LEVEL
                      value: info
        """)
        XCTAssertEqual(Fixtures.declared(in: tree).lines([.envExample, .envFile, .composeEnvironment, .onePasswordReference]), [
            "env-file DATABASE_URL t/.env:1 store=1password at=Production/Postgres/connection/url",
            "env-file PLAIN t/.env:2 hint=…",
            "env-example STRIPE_SECRET_KEY t/.env.example:1 store=1password at=Production/Stripe/secret key",
            "env-example SITE_URL t/.env.example:2",
            "compose-environment SESSION_SECRET t/compose.yaml:5 job=web store=1password at=dev/web/session",
            "1password-reference SENTRY_DSN t/k8s/deploy.yaml:10 job=web store=1password at=Production/Sentry/dsn",
        ])
    }

    func testWhatIsNotAReference() {
        XCTAssertEqual(OnePasswordReference.path("op://v/i/f"), "v/i/f")
        XCTAssertEqual(OnePasswordReference.path("'op://v/i/s/f'"), "v/i/s/f")
        XCTAssertNil(OnePasswordReference.path("op://v/i"))
        XCTAssertNil(OnePasswordReference.path("op://v//f"))
        XCTAssertNil(OnePasswordReference.path("op://v/i/s/f/x"))
        XCTAssertNil(OnePasswordReference.path("https://op://v/i/f"))
        XCTAssertNil(OnePasswordReference.path("op://v/i/f\u{1B}[2J"))
    }
}
