import Foundation
import XCTest
@testable import Stores

/// GitHub Actions secrets through the REST API, against a local server that serves GitHub's
/// documented JSON two secrets per page with `Link` headers (no emulator of GitHub exists).
final class GitHubStoreTests: XCTestCase {
    // nonisolated(unsafe): a constant JSON tree, only read.
    nonisolated(unsafe) static let routes: [String: Any] = [
        "/repos/planb/web/environments": ["total_count": 1, "environments": [
            ["name": "production", "protection_rules": [["type": "required_reviewers", "reviewers": [["type": "User"]]], ["type": "wait_timer", "wait_timer": 30]],
             "deployment_branch_policy": ["protected_branches": true, "custom_branch_policies": false]] as [String: Any],
        ]] as [String: Any],
        "/repos/planb/web/actions/secrets": [
            ["name": "AWS_DEPLOY_ROLE_ARN", "created_at": "2025-01-10T09:00:00Z", "updated_at": "2025-01-10T09:00:00Z"],
            ["name": "SENTRY_AUTH_TOKEN", "created_at": "2024-03-01T12:00:00Z", "updated_at": "2025-06-02T08:30:00Z"],
            ["name": "STAGING_E2E_TOKEN", "created_at": "2025-02-01T00:00:00Z", "updated_at": "2025-02-01T00:00:00Z"],
        ],
        "/repos/planb/web/environments/production/secrets": [
            ["name": "STRIPE_SECRET_KEY", "created_at": "2024-04-23T10:00:00Z", "updated_at": "2026-04-23T10:00:00Z"],
        ],
        "/orgs/planb/actions/secrets": [
            ["name": "NPM_TOKEN", "created_at": "2023-05-01T00:00:00Z", "updated_at": "2023-05-01T00:00:00Z", "visibility": "private"],
        ],
    ]

    func setUpServer() throws -> String {
        try StoreTesting.server { try LocalServers.github(token: "ghp_test_token", routes: Self.routes) }.url
    }

    func environment(token: String?) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_TOKEN"] = token
        return env
    }

    func testRepositoryEnvironmentAndOrganisationSecretsAcrossPages() throws {
        let url = try setUpServer()
        let tree = TempTree()
        let config = try StoreTesting.config("""
        environments:
          production: { github_environment: production }
        stores:
          github: { repos: [planb/web], orgs: [planb], api_url: "\(url)" }
        """, in: tree)
        let listings = StoreTesting.reader(config, env: environment(token: "ghp_test_token")).read()
        XCTAssertEqual(listings.map { "\($0.location) \($0.environment ?? "-") \($0.complete)" },
                       ["planb/web - true", "planb/web@production production true", "org:planb - true"])
        XCTAssertEqual(listings[0].secrets.map { "\($0.name) \($0.createdAt ?? "") \($0.lastModified ?? "")" }, [
            "AWS_DEPLOY_ROLE_ARN 2025-01-10T09:00:00Z 2025-01-10T09:00:00Z",
            "SENTRY_AUTH_TOKEN 2024-03-01T12:00:00Z 2025-06-02T08:30:00Z",
            "STAGING_E2E_TOKEN 2025-02-01T00:00:00Z 2025-02-01T00:00:00Z",   // the second page
        ])
        XCTAssertEqual(listings[1].secrets.map(\.path), ["planb/web@production/STRIPE_SECRET_KEY"])
        XCTAssertEqual(listings[2].secrets.first?.tags, ["visibility": "private"])
        XCTAssertEqual(listings[0].githubEnvironments, [GitHubEnvironment(name: "production", protections: ["required reviewers: 1", "wait timer: 30 min", "protected branches only"])])
    }

    func testTokenMissingRefusedUnknownRepoAndRateLimit() throws {
        let url = try setUpServer()
        let tree = TempTree()
        let config = try StoreTesting.config("""
        stores:
          github: { repos: [planb/web, planb/gone, planb/ratelimited], api_url: "\(url)", via: rest }
        """, in: tree)
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: nil)).read().first?.problem,
                       "GitHub: GITHUB_TOKEN is not set: export a token with secrets:read, or set via: gh")
        XCTAssertEqual(StoreTesting.reader(config, env: environment(token: "expired")).read().first?.problem,
                       "GitHub: the token in GITHUB_TOKEN was refused (401): renew it")
        let listings = StoreTesting.reader(config, env: environment(token: "ghp_test_token"), retries: 1).read()
        XCTAssertEqual(listings.map { $0.problem ?? "ok" }, [
            "ok",
            "GitHub /repos/planb/gone/actions/secrets: not found (404): check the name, or the token cannot see it",
            "GitHub: rate limit reached, still after retries: run again after the reset",
        ])
    }

    func testLinkHeaderParsing() {
        XCTAssertEqual(GitHubProvider.nextLink(#"<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last""#),
                       "https://api.github.com/x?page=2")
        XCTAssertNil(GitHubProvider.nextLink(#"<https://api.github.com/x?page=1>; rel="prev""#))
    }
}

/// curl's `--dump-header -` output as the REST path reads it, and its config quoting.
final class CurlOutputTests: XCTestCase {
    func testTheLastHeaderBlockIsTheAnswer() throws {
        let raw = "HTTP/1.1 200 Connection established\r\n\r\nHTTP/2 429 \r\nX-RateLimit-Remaining: 0\r\nLink: <https://x/2>; rel=\"next\"\r\n\r\n{\"secrets\":[]}"
        let (status, headers, body) = try XCTUnwrap(HTTP.parse(Data(raw.utf8)))
        XCTAssertEqual(status, 429)
        XCTAssertEqual(headers["x-ratelimit-remaining"], "0")
        XCTAssertEqual(headers["link"], "<https://x/2>; rel=\"next\"")
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "{\"secrets\":[]}")
        XCTAssertEqual(try XCTUnwrap(HTTP.parse(Data("HTTP/1.0 404 Not Found\n\n".utf8))).0, 404)
        XCTAssertNil(HTTP.parse(Data("curl: (7) Failed to connect".utf8)))
        XCTAssertNil(HTTP.parse(Data("HTTP/1.1 200 OK\r\nno end of headers".utf8)))
    }

    func testConfigValuesAreQuoted() {
        XCTAssertEqual(HTTP.configQuoted(#"Authorization: Bearer a"b\c"#), #"Authorization: Bearer a\"b\\c"#)
    }
}
