import XCTest
@testable import Declarations

/// Declarations written from the patterns of real monorepos (issue 16): exact names, files and lines.
final class RealRepoDeclarationTests: XCTestCase {
    /// `# KEY=` and `#KEY=value` in an example are the name, documented and switched off.
    func testCommentedExampleLinesAreNamesMarkedCommented() {
        let tree = TempTree()
        tree.write(".env.example", "# Optional: Sentry\n# SENTRY_AUTH_TOKEN=\n#RESEND_API_KEY=re_123\n\t#  export OLD_SECRET = x\nDATABASE_URL=\n# see https://x.example/?a=b\n")
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), [
            "env-example SENTRY_AUTH_TOKEN t/.env.example:2 commented",
            "env-example RESEND_API_KEY t/.env.example:3 commented",
            "env-example OLD_SECRET t/.env.example:4 commented",
            "env-example DATABASE_URL t/.env.example:5",
        ])
    }

    /// docker-compose services that run someone else's image (`image:` and no `build:`): their
    /// `environment:` is read by that image (postgres reads POSTGRES_PASSWORD), not by our code.
    func testEnvironmentOfAnImageOnlyServiceIsTheImages() {
        let tree = TempTree()
        tree.write("docker-compose.yml", """
        services:
          db:
            image: postgres:16-alpine
            environment:
              POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}
              POSTGRES_USER: app
          storage:
            image: "minio/minio@sha256:0123abcd"
            environment:
              - MINIO_ROOT_PASSWORD=${MINIO_ROOT_PASSWORD}
          app:
            build: .
            image: acme/app:latest
            environment:
              DATABASE_URL: postgres://app@db/app
          pdf:
            image: ${REGISTRY}/gotenberg:8
            environment:
              GOTENBERG_API_TOKEN: x
        """)
        let images = Fixtures.declared(in: tree).declarations.filter { $0.kind == .composeEnvironment }
            .map { "\($0.name) \($0.repo)/\($0.path):\($0.line) \($0.job ?? "-") \($0.thirdPartyImage ?? "ours")" }
        XCTAssertEqual(images, [
            "POSTGRES_PASSWORD t/docker-compose.yml:5 db postgres",
            "POSTGRES_USER t/docker-compose.yml:6 db postgres",
            "MINIO_ROOT_PASSWORD t/docker-compose.yml:10 storage minio/minio",
            "DATABASE_URL t/docker-compose.yml:15 app ours",
            "GOTENBERG_API_TOKEN t/docker-compose.yml:19 pdf an image named at run time",
        ])
    }
}
