import XCTest
@testable import Declarations

/// YAML merge keys (`<<: *anchor`) are expanded as compose and GitHub expand them: the anchored
/// names are declared (on their line in the anchor), `<<` is never a name, a key written beside
/// the merge wins, and an anchored value used twice is one interpolation, not one per use.
final class YAMLMergeKeyTests: XCTestCase {
    func testComposeEnvironmentMergesAreExpanded() {
        let tree = TempTree()
        tree.write("docker-compose.yml", """
        x-common-env: &common-env
          DATABASE_URL: postgres://app@db/app
          STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY}
        services:
          web:
            build: .
            environment:
              <<: *common-env
              DATABASE_URL: postgres://web@db/app
              PORT: "3000"
          worker:
            build: .
            environment:
              <<: [*common-env]

        """)
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), [
            "compose-environment DATABASE_URL t/docker-compose.yml:2 job=worker",
            "compose-environment STRIPE_SECRET_KEY t/docker-compose.yml:3 job=web",
            "compose-environment STRIPE_SECRET_KEY t/docker-compose.yml:3 job=worker",
            "compose-interpolation STRIPE_SECRET_KEY t/docker-compose.yml:3",
            "compose-environment DATABASE_URL t/docker-compose.yml:9 job=web",
            "compose-environment PORT t/docker-compose.yml:10 job=web",
        ])
    }

    func testWorkflowEnvMergesGiveTheirAliases() {
        let tree = TempTree()
        tree.write(".github/workflows/ci.yml", """
        on: push
        env: &shared
          API_TOKEN: ${{ secrets.API_KEY }}
        jobs:
          a:
            env:
              <<: *shared
              B: x

        """)
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), [
            "workflow-secret API_KEY t/.github/workflows/ci.yml:3 alias=API_TOKEN",
        ])
    }
}
