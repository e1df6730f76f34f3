import XCTest
@testable import Declarations
@testable import Inventory
@testable import SourceScan
@testable import Stores

/// Drift on small systems written from the patterns of real monorepos (issue 16): each finding
/// exactly, as `rule NAME repo/path:line` (the finding's place), and what must stay quiet.
final class RealRepoDriftTests: XCTestCase {
    func read(_ name: String, _ at: String) -> Reader { DriftExample.read(name, at) }

    func declare(_ name: String, _ kind: Declaration.Kind, _ at: String, _ configure: (inout Declaration) -> Void = { _ in }) -> Declaration {
        DriftExample.declare(name, kind, at, configure)
    }

    /// Every rule's findings, each as `rule NAME[@environment] repo/path:line`.
    func drift(_ build: (inout DriftExample) -> Void) -> [String] {
        DriftExample(expected: [], build).findings().map { f in
            "\(f.rule) \(f.name)\(f.environment.map { "@\($0)" } ?? "") " + (f.location.map(\.text) ?? "-")
        }
    }

    // MARK: Item 1: a commented .env.example line documents the name

    /// `# CRON_TOKEN=` and `#CRON_TOKEN=value` are documentation: the name is in the example,
    /// switched off. It was reported env-example-absent ("no .env.example lists it").
    func testACommentedExampleLineCountsAsDocumented() {
        for commentedAt in ["web/.env.example:4", "api/.env.example:9"] {
            let findings = drift {
                $0.readers = [read("CRON_TOKEN", "web/src/cron.ts:2")]
                $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3"),
                                   declare("SESSION_SECRET", .envExample, "web/.env.example:1"),
                                   declare("CRON_TOKEN", .envExample, commentedAt) { $0.commented = true }]
                $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)]),
                               DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)])]
            }
            XCTAssertEqual(findings, ["declared-unread SESSION_SECRET web/.env.example:1"], commentedAt)
        }
    }

    /// The same system with no example line for the name at all is still reported, at the reader.
    func testAnUnlistedNameIsStillAbsent() {
        let findings = drift {
            $0.readers = [read("CRON_TOKEN", "web/src/cron.ts:2")]
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3"),
                               declare("SESSION_SECRET", .envExample, "web/.env.example:1")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)]),
                           DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)])]
        }
        XCTAssertEqual(findings, ["env-example-absent CRON_TOKEN web/src/cron.ts:2", "declared-unread SESSION_SECRET web/.env.example:1"])
    }
}

extension RealRepoDriftTests {
    // MARK: Item 3: compose environment of a third-party image is the image's

    /// `db: {image: postgres, environment: {POSTGRES_PASSWORD: …}}`: postgres reads it. Removing
    /// the declaration, as declared-unread advised, breaks the database container. A service we
    /// build keeps the rule.
    func testComposeEnvironmentOfAThirdPartyImageIsNotDeclaredUnread() {
        let findings = drift {
            $0.declarations = [
                declare("POSTGRES_PASSWORD", .composeEnvironment, "web/docker-compose.yml:5") { $0.job = "db"; $0.thirdPartyImage = "postgres" },
                declare("MINIO_ROOT_PASSWORD", .composeEnvironment, "web/docker-compose.yml:10") { $0.job = "storage"; $0.thirdPartyImage = "minio/minio" },
                declare("LEGACY_API_TOKEN", .composeEnvironment, "web/docker-compose.yml:15") { $0.job = "app" },
            ]
        }
        XCTAssertEqual(findings, ["declared-unread LEGACY_API_TOKEN web/docker-compose.yml:15"])
    }

    /// The image's variable also in .env.example and read by nobody is still reported there: the
    /// example is ours.
    func testTheSameNameInOurExampleIsStillOurs() {
        let findings = drift {
            $0.environments = []
            $0.declarations = [
                declare("POSTGRES_PASSWORD", .composeEnvironment, "web/docker-compose.yml:5") { $0.job = "db"; $0.thirdPartyImage = "postgres" },
                declare("POSTGRES_PASSWORD", .envExample, "web/.env.example:3"),
            ]
        }
        XCTAssertEqual(findings, ["declared-unread POSTGRES_PASSWORD web/.env.example:3"])
    }
}

extension RealRepoDriftTests {
    /// `.env.example: POSTGRES_PASSWORD=` feeding `db: {image: postgres, environment:
    /// {POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}}}`: compose reads the name from .env for the
    /// image; removing it from the example breaks `docker compose up`.
    func testAnExampleNameInterpolatedIntoAThirdPartyImageIsReadByTheImage() {
        let findings = drift {
            $0.environments = []
            $0.declarations = [
                declare("POSTGRES_PASSWORD", .composeEnvironment, "web/docker-compose.yml:5") { $0.job = "db"; $0.thirdPartyImage = "postgres" },
                declare("POSTGRES_PASSWORD", .composeInterpolation, "web/docker-compose.yml:5") { $0.thirdPartyImage = "postgres" },
                declare("POSTGRES_PASSWORD", .envExample, "web/.env.example:3"),
                // Interpolated into a service we build: our code is meant to read it.
                declare("APP_SECRET", .envExample, "web/.env.example:4"),
                declare("APP_SECRET", .composeEnvironment, "web/docker-compose.yml:12") { $0.job = "app" },
                declare("APP_SECRET", .composeInterpolation, "web/docker-compose.yml:12"),
            ]
        }
        XCTAssertEqual(findings, ["declared-unread APP_SECRET web/.env.example:4"])
    }
}

extension RealRepoDriftTests {
    // MARK: Item 4: variables the platform provides

    /// GitHub Actions, Vercel and Lambda set these for the code they run: nothing to declare.
    /// An app's own GitHub OAuth secret under the same prefix is still ours.
    func testPlatformProvidedVariablesAreNotReadUndeclared() {
        let findings = drift {
            $0.environments = []
            $0.readers = [read("GITHUB_SHA", "web/scripts/release.ts:3"), read("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "web/scripts/oidc.ts:5"),
                          read("VERCEL_AUTOMATION_BYPASS_SECRET", "web/e2e/setup.ts:8"), read("AWS_LAMBDA_FUNCTION_NAME", "api/handler.py:2"),
                          read("GITHUB_CLIENT_SECRET", "web/src/auth.ts:12")]
        }
        XCTAssertEqual(findings, ["read-undeclared GITHUB_CLIENT_SECRET web/src/auth.ts:12"])
    }
}
