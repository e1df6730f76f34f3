import XCTest
@testable import Declarations

/// A bootstrap script that takes the environment when it runs: `aws ssm put-parameter --name
/// "/app/${ENVIRONMENT}/${name}"` over an array of names. The leaf names are known; the run-time
/// segment becomes `*`, matched against each configured environment's prefix.
final class RunTimeSegmentTests: XCTestCase {
    func testLeafNamesAreDeclaredWithTheRunTimeSegmentAsAWildcard() {
        let tree = TempTree()
        tree.write("scripts/bootstrap.sh", """
        #!/usr/bin/env bash
        ENVIRONMENT="${1:?usage: bootstrap.sh ENVIRONMENT}"
        NAMES=(STRIPE_SECRET_KEY POSTMARK_SERVER_TOKEN)
        for name in "${NAMES[@]}"; do
          aws ssm put-parameter --name "/app/${ENVIRONMENT}/${name}" --type SecureString --value "$(openssl rand -hex 32)"
        done
        aws ssm put-parameter --name "/app/$ENVIRONMENT/$(date +%s)" --value x
        aws ssm put-parameter --name "/app/pre-${ENVIRONMENT}/CRON_TOKEN" --value x

        """)
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [
            "bootstrap-parameter POSTMARK_SERVER_TOKEN t/scripts/bootstrap.sh:5 store=ssm at=/app/*/POSTMARK_SERVER_TOKEN",
            "bootstrap-parameter STRIPE_SECRET_KEY t/scripts/bootstrap.sh:5 store=ssm at=/app/*/STRIPE_SECRET_KEY",
        ])
        // A leaf or a part of a segment known only at run time still cannot be listed: said once each.
        XCTAssertEqual(result.notes.map(\.text), [
            "t/scripts/bootstrap.sh:7: name (not shown) is built at run time; cannot list what it provisions",
            "t/scripts/bootstrap.sh:8: name /app/pre-${ENVIRONMENT}/CRON_TOKEN is built at run time; cannot list what it provisions",
        ])
    }

    func testAWildcardPathFitsEachEnvironmentsPrefix() {
        XCTAssertEqual(Declaration.path("/app/*/KEY", under: "/app/production/"), "/app/production/KEY")
        XCTAssertEqual(Declaration.path("/app/*/KEY", under: "/app/staging"), "/app/staging/KEY")
        XCTAssertNil(Declaration.path("/app/*/KEY", under: "/other/production/"))
        XCTAssertNil(Declaration.path("/app/*/KEY", under: "/app/"), "the run-time segment is not known under /app/ alone")
        XCTAssertEqual(Declaration.path("/app/prod/KEY", under: "/app/prod/"), "/app/prod/KEY")
        XCTAssertNil(Declaration.path("/app/prod/KEY", under: "/app/staging/"))
    }
}
