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

extension RealRepoDeclarationTests {
    /// Names a tool reads, not our code: prisma's `env("X")` in schema.prisma (not in a comment),
    /// and `$VAR` / `${VAR}` in a package.json script (shell and npm variables aside), each with
    /// the file and line, and the tool or script as `job`.
    func testPrismaSchemaAndPackageScriptsGiveToolReads() {
        let tree = TempTree()
        tree.write("prisma/schema.prisma", """
        // env("COMMENTED_URL") is documentation
        datasource db {
          provider  = "postgresql"
          url       = env("DATABASE_URL")
          directUrl = env( "DIRECT_URL" )
        }
        generator client { provider = "prisma-client-js" }
        """)
        tree.write("package.json", """
        {
          "name": "web",
          "scripts": {
            "db:migrate": "dotenv -e .env -- prisma migrate deploy",
            "sentry:upload": "sentry-cli sourcemaps upload --auth-token $SENTRY_AUTH_TOKEN --org ${SENTRY_ORG:-acme} ./dist",
            "build": "echo $HOME $npm_package_version $1 && next build"
          },
          "config": { "x": "$NOT_A_SCRIPT" }
        }
        """)
        tree.write("node_modules/pkg/package.json", "{\"scripts\": {\"postinstall\": \"echo $VENDORED_TOKEN\"}}")
        XCTAssertEqual(Fixtures.declared(in: tree).lines([.toolRead]), [
            "tool-read SENTRY_AUTH_TOKEN t/package.json:5 job=npm script sentry:upload",
            "tool-read SENTRY_ORG t/package.json:5 job=npm script sentry:upload",
            "tool-read DATABASE_URL t/prisma/schema.prisma:4 job=prisma",
            "tool-read DIRECT_URL t/prisma/schema.prisma:5 job=prisma",
        ])
    }

    /// A package.json that is not JSON (a test fixture, a template) is one note with its line,
    /// never its text, and not a failure of the run.
    func testABrokenPackageJSONIsANote() {
        let tree = TempTree()
        tree.write("package.json", "{\n  \"scripts\": {\n    \"x\": \"echo $TOKEN_Zq8vN3kP0aLw7Rt2Yx5Bc9Hd4Mf6Gj1Q\n}\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [])
        XCTAssertEqual(result.warnings.count, 0)
        XCTAssertEqual(result.notes.count, 1)
        XCTAssertTrue(result.notes[0].text.hasPrefix("t/package.json:"), result.notes[0].text)
        XCTAssertTrue(result.notes[0].text.hasSuffix("the variables its scripts use are not known"), result.notes[0].text)
        let canary = "Zq8vN3kP0aLw7Rt2Yx5Bc9Hd4Mf6Gj1Q"
        for start in 0...(canary.count - 6) {
            let window = String(canary.dropFirst(start).prefix(6))
            XCTAssertFalse(result.notes[0].text.contains(window), result.notes[0].text)
        }
    }
}
