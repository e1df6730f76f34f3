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
        // Listed (commented) in a sibling repo only: env-example-absent is content (some example
        // lists it); the reading repo's own example still lacks it (env-example-unlisted).
        for (commentedAt, unlisted) in [("web/.env.example:4", []), ("api/.env.example:9", ["env-example-unlisted CRON_TOKEN web/src/cron.ts:2"])] {
            let findings = drift {
                $0.readers = [read("CRON_TOKEN", "web/src/cron.ts:2")]
                $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3"),
                                   declare("SESSION_SECRET", .envExample, "web/.env.example:1"),
                                   declare("CRON_TOKEN", .envExample, commentedAt) { $0.commented = true }]
                $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)]),
                               DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)])]
            }
            XCTAssertEqual(findings, unlisted + ["declared-unread SESSION_SECRET web/.env.example:1"], commentedAt)
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

extension RealRepoDriftTests {
    // MARK: Item 2: read and declared, but not in its repo's .env.example (no stores needed)

    /// The first run has no stores: a secret the code reads and a workflow, a schema, a
    /// Dockerfile, turbo.json, compose or k8s declares, but that the reading repo's .env.example
    /// leaves out, is reported at the reader, with the example file to add it to.
    func testASecretReadAndDeclaredButNotInItsReposExampleIsReportedOnTheFirstRun() {
        let findings = DriftExample(expected: []) {
            $0.environments = []
            $0.readers = [read("STRIPE_WEBHOOK_SECRET", "web/apps/api/src/webhook.ts:7"), read("RESEND_API_KEY", "web/apps/api/src/mail.ts:3"),
                          read("SENTRY_AUTH_TOKEN", "web/apps/web/next.config.js:12"), read("ENCRYPTION_KEY", "web/packages/crypto/src/index.ts:4"),
                          read("MINIO_SECRET_KEY", "web/apps/api/src/storage.ts:9"), read("JWT_SECRET", "web/apps/api/src/auth.ts:2"),
                          read("SESSION_SECRET", "web/apps/api/src/session.ts:1")]
            $0.declarations = [
                declare("STRIPE_WEBHOOK_SECRET", .workflowSecret, "web/.github/workflows/deploy.yml:21"),
                declare("RESEND_API_KEY", .envSchema, "web/apps/api/src/env.ts:9") { $0.job = "t3-env server" },
                declare("SENTRY_AUTH_TOKEN", .turboEnv, "web/turbo.json:6"),
                declare("ENCRYPTION_KEY", .dockerfileArg, "web/apps/api/Dockerfile:4"),
                declare("MINIO_SECRET_KEY", .composeEnvironment, "web/docker-compose.yml:30") { $0.job = "api" },
                declare("JWT_SECRET", .kubernetesSecretKeyRef, "web/deploy/api.yaml:40"),
                declare("SESSION_SECRET", .envExample, "web/apps/api/.env.example:1"),
                declare("SESSION_SECRET", .envExample, "web/apps/web/.env.example:1"),
            ]
        }.findings()
        XCTAssertEqual(findings.map { "\($0.rule) \($0.name) \($0.location!.text)" }, [
            "env-example-unlisted ENCRYPTION_KEY web/packages/crypto/src/index.ts:4",
            "env-example-unlisted JWT_SECRET web/apps/api/src/auth.ts:2",
            "env-example-unlisted MINIO_SECRET_KEY web/apps/api/src/storage.ts:9",
            "env-example-unlisted RESEND_API_KEY web/apps/api/src/mail.ts:3",
            "env-example-unlisted SENTRY_AUTH_TOKEN web/apps/web/next.config.js:12",
            "env-example-unlisted STRIPE_WEBHOOK_SECRET web/apps/api/src/webhook.ts:7",
        ])
        let webhook = findings.first { $0.name == "STRIPE_WEBHOOK_SECRET" }!
        XCTAssertEqual(webhook.severity, .low)
        XCTAssertEqual(webhook.summary, "STRIPE_WEBHOOK_SECRET is read at web/apps/api/src/webhook.ts:7 and declared at web/.github/workflows/deploy.yml:21, but no .env.example of web lists it")
        XCTAssertEqual(webhook.evidence, ["web/apps/api/src/webhook.ts:7", "web/.github/workflows/deploy.yml:21"])
        XCTAssertEqual(webhook.fix, "add STRIPE_WEBHOOK_SECRET= to web/apps/api/.env.example")
        XCTAssertEqual(findings.first { $0.name == "SENTRY_AUTH_TOKEN" }!.fix, "add SENTRY_AUTH_TOKEN= to web/apps/web/.env.example")
    }

    /// Quiet: a repo with no .env.example, a name listed (even commented) in the reading repo's
    /// example, one listed only in a sibling repo's (reported: the reading repo is the one a
    /// newcomer sets up), GitHub's own token, a platform's variable, configuration, a name no
    /// file declares (read-undeclared's), and a stored one (env-example-absent's).
    func testWhatTheNewRuleLeavesAlone() {
        let findings = drift {
            $0.environments = []
            $0.readers = [read("CRON_TOKEN", "worker/src/cron.py:2"), read("HMAC_SECRET", "web/src/hmac.ts:4"), read("API_SECRET", "web/src/api.ts:1"),
                          read("GITHUB_TOKEN", "web/scripts/release.ts:3"), read("VERCEL_AUTOMATION_BYPASS_SECRET", "web/e2e/setup.ts:8"),
                          read("APP_URL", "web/src/url.ts:1"), read("WEBHOOK_SECRET", "web/src/hook.ts:5"), read("PAYMENTS_TOKEN", "api/src/pay.ts:3")]
            $0.declarations = [
                declare("CRON_TOKEN", .dockerfileEnv, "worker/Dockerfile:3"),
                declare("HMAC_SECRET", .workflowSecret, "web/.github/workflows/ci.yml:9"),
                declare("HMAC_SECRET", .envExample, "web/.env.example:2") { $0.commented = true },
                declare("API_SECRET", .envExample, "web/.env.example:1"),
                declare("API_SECRET", .turboEnv, "web/turbo.json:4"),
                declare("GITHUB_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:12"),
                declare("VERCEL_AUTOMATION_BYPASS_SECRET", .turboEnv, "web/turbo.json:4"),
                declare("APP_URL", .turboEnv, "web/turbo.json:4"),
                declare("PAYMENTS_TOKEN", .workflowSecret, "api/.github/workflows/ci.yml:7"),
                declare("PAYMENTS_TOKEN", .envExample, "web/.env.example:3"),
                declare("OTHER", .envExample, "api/.env.example:1"),
            ]
        }
        XCTAssertEqual(findings.filter { !$0.hasPrefix("declared-unread") }, [
            "read-undeclared WEBHOOK_SECRET web/src/hook.ts:5",
            "env-example-unlisted PAYMENTS_TOKEN api/src/pay.ts:3",
        ])
        let stored = drift {
            $0.readers = [read("CRON_TOKEN", "web/src/cron.ts:2")]
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3"),
                               declare("CRON_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:9"),
                               declare("SESSION_SECRET", .envExample, "web/.env.example:1")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)]),
                           DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil), ("SESSION_SECRET", nil)])]
        }
        XCTAssertEqual(stored, ["env-example-absent CRON_TOKEN web/src/cron.ts:2", "declared-unread SESSION_SECRET web/.env.example:1"])
    }
}

extension RealRepoDriftTests {
    // MARK: Item 5: read by a tool

    /// `.env.example: DATABASE_URL=` read by prisma through schema.prisma's `env("DATABASE_URL")`,
    /// `SENTRY_AUTH_TOKEN=` by a package.json script: "remove the declaration" breaks
    /// `prisma migrate` and the upload. A name no code nor tool reads is still reported.
    func testANameReadByAToolIsNotDeclaredUnread() {
        let findings = DriftExample(expected: []) {
            $0.environments = []
            $0.declarations = [
                declare("DATABASE_URL", .envExample, "web/.env.example:1"),
                declare("SENTRY_AUTH_TOKEN", .envExample, "web/.env.example:2"),
                declare("OLD_WEBHOOK_SECRET", .envExample, "web/.env.example:3"),
                declare("DATABASE_URL", .toolRead, "web/prisma/schema.prisma:4") { $0.job = "prisma" },
                declare("SENTRY_AUTH_TOKEN", .toolRead, "web/package.json:5") { $0.job = "npm script sentry:upload" },
            ]
        }.findings()
        XCTAssertEqual(findings.map { "\($0.rule) \($0.name) \($0.location!.text)" }, ["declared-unread OLD_WEBHOOK_SECRET web/.env.example:3"])
    }

    /// A tool's read is not a declaration: code and a script read TOKEN, no file declares it.
    /// The finding names the tool's read too, as evidence of where the name is used.
    func testAToolReadIsNotADeclaration() {
        let findings = DriftExample(expected: []) {
            $0.environments = []
            $0.readers = [read("DEPLOY_HOOK_SECRET", "web/src/deploy.ts:3")]
            $0.declarations = [declare("DEPLOY_HOOK_SECRET", .toolRead, "web/package.json:7") { $0.job = "npm script deploy" }]
        }.findings()
        XCTAssertEqual(findings.map { "\($0.rule) \($0.name) \($0.location!.text)" }, ["read-undeclared DEPLOY_HOOK_SECRET web/src/deploy.ts:3"])
        XCTAssertEqual(findings[0].evidence, ["web/src/deploy.ts:3", "web/package.json:7 (npm script deploy)"])
    }
}
