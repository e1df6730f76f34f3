import Foundation
import XCTest
@testable import Stores
import SourceScan

/// A third-party tool's own message never reaches a listing's problem: psql, aws, bao, gh and curl
/// quote what they were given (a URL with its password, a token), so a failure is one of a few
/// categories, in our words.
final class ToolMessageTests: XCTestCase {
    static let canary = "Pw7Kq2Zx9Lm4Tr8Vb3Nc6Yh1Jd5Fg0SaQe"

    /// No 6-character window of `canary` in `text`.
    func assertNoWindow(of canary: String, in text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let chars = Array(canary)
        for i in 0...(chars.count - 6) where text.contains(String(chars[i..<i + 6])) {
            XCTFail("\(what) holds '\(String(chars[i..<i + 6]))' of the canary: \(text)", file: file, line: line)
            return
        }
    }

    /// `postgresql://user@host…` with `password` put in as the user's password.
    static func withPassword(_ url: String, _ password: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let user: Substring
        let host: Substring
        if let at = authority.lastIndex(of: "@") {
            user = authority[..<at].split(separator: ":").first ?? "postgres"
            host = authority[authority.index(after: at)...]
        } else { user = "postgres"; host = authority }
        return url[..<scheme.upperBound] + "\(user):\(password)@\(host)" + rest[authorityEnd...]
    }

    /// psql's "invalid percent-encoded token" error quotes the password; it once reached the
    /// listing (and stderr, snapshots, the audit) because only the exact URL was replaced.
    func testAPercentInTheDatabasePasswordIsNotEchoed() throws {
        let url = try StoreTesting.server { try LocalServers.postgres() }
        let password = String(Self.canary.prefix(17)) + "%zz" + String(Self.canary.dropFirst(17))
        var env = ProcessInfo.processInfo.environment
        env["PLANB_DATABASE_URL"] = Self.withPassword(url, password)
        let tree = TempTree()
        let config = try StoreTesting.config("""
        stores:
          postgres: { url_env: PLANB_DATABASE_URL, query: "select 1, 'A', now(), now()" }
        """, in: tree)
        let listing = try XCTUnwrap(StoreTesting.reader(config, env: env).read().first)
        XCTAssertFalse(listing.complete)
        XCTAssertEqual(listing.problem, "psql: bad URL or connection string: check it (the tool's own message is not shown: it may quote a credential)")
        assertNoWindow(of: Self.canary, in: listing.problem ?? "", "the problem")
        let json = String(decoding: try JSONEncoder().encode(listing), as: UTF8.self)
        assertNoWindow(of: Self.canary, in: json, "the listing")
    }

    /// The canary as a password psql accepts (trust authentication): a failing query is "not
    /// found", in our words, and the URL appears nowhere.
    func testABadQueryIsNotFoundWithoutTheToolsMessage() throws {
        let url = try StoreTesting.server { try LocalServers.postgres() }
        var env = ProcessInfo.processInfo.environment
        env["PLANB_DATABASE_URL"] = Self.withPassword(url, Self.canary)
        let tree = TempTree()
        let config = try StoreTesting.config("""
        stores:
          postgres: { url_env: PLANB_DATABASE_URL, query: "select * from no_such_table_\(Self.canary)" }
        """, in: tree)
        let problem = try XCTUnwrap(StoreTesting.reader(config, env: env).read().first?.problem)
        XCTAssertEqual(problem, "psql: not found: check the name, path or query the store was asked for")
    }

    /// Each tool's typical failures, planted with the canary, map to one category each; none
    /// repeats a byte of what the tool said.
    func testEveryFailureIsACategoryNeverTheToolsText() {
        let c = Self.canary
        let cases: [(String, Int32, String, String)] = [
            ("psql", 2, "psql: error: invalid percent-encoded token: \"\(c)\"", "psql: bad URL or connection string: check it (the tool's own message is not shown: it may quote a credential)"),
            ("psql", 2, "psql: error: connection to server at \"127.0.0.1\", port 5 failed: FATAL:  password authentication failed for user \"\(c)\"", "psql: authentication failed: check the credentials for this store"),
            ("psql", 1, "ERROR:  relation \"\(c)\" does not exist\nLINE 1: select * from \(c)\n", "psql: not found: check the name, path or query the store was asked for"),
            ("aws", 254, "An error occurred (ThrottlingException) when calling the GetParametersByPath operation (reached max retries: 2): Rate exceeded \(c)", "aws: throttled by the store, still after retries: run again later"),
            ("aws", 254, "An error occurred (AccessDeniedException) when calling the DescribeParameters operation: User: arn:aws:iam::1:user/\(c) is not authorized", "aws: access denied: the identity in use may not list this store"),
            ("aws", 255, "Could not connect to the endpoint URL: \"https://\(c)@ssm.eu-west-1.amazonaws.com/\"", "aws: cannot reach the store: check its address or endpoint"),
            ("aws", 254, "An error occurred (ParameterNotFound) when calling the GetParameter operation: \(c)", "aws: not found: check the name, path or query the store was asked for"),
            ("bao", 2, "Error making API request.\n\nURL: GET http://127.0.0.1:8200/v1/secret/\(c)\nCode: 403. Errors:\n\n* permission denied", "bao: access denied: the identity in use may not list this store"),
            ("bao", 2, "No value found at secret/metadata/\(c)", "bao: not found: check the name, path or query the store was asked for"),
            ("gh", 1, "HTTP 401: Bad credentials (https://api.github.com/repos/\(c))", "gh: authentication failed: check the credentials for this store"),
            ("curl", 7, "curl: (7) Failed to connect to \(c).example port 443 after 3 ms: Couldn't connect to server", "curl: cannot reach the store: check its address or endpoint"),
            ("curl", 3, "curl: (3) URL using bad/illegal format or missing URL \(c)", "curl: bad URL or connection string: check it (the tool's own message is not shown: it may quote a credential)"),
            ("bao", 1, "weird failure \(c)", "bao failed: exit status 1 (the tool's own message is not shown: it may quote a credential)"),
        ]
        for (tool, status, stderr, expected) in cases {
            let message = CommandRunner.classify(tool: tool, status: status, stderr: stderr, timedOut: false).message
            XCTAssertEqual(message, expected, stderr)
            assertNoWindow(of: c, in: message, "\(tool) \(status)")
        }
    }

    /// An api_url with credentials (`https://user:token@host/api/v3`) is never printed whole; here a
    /// mistyped scheme makes it a bad URL, which the message names.
    func testAnAPIURLWithCredentialsIsPrintedWithoutThem() throws {
        let tree = TempTree()
        let config = try StoreTesting.config("""
        stores:
          github: { repos: [planb/web], api_url: "htps://x-access-token:\(Self.canary)@ghe.example/api/v3", via: rest }
        """, in: tree)
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_TOKEN"] = "ghp_test_token"
        let listing = try XCTUnwrap(StoreTesting.reader(config, env: env).read().first)
        XCTAssertEqual(listing.problem, "GitHub: bad URL htps://***@ghe.example/api/v3/repos/planb/web/actions/secrets?per_page=100: check stores.github.api_url")
        assertNoWindow(of: Self.canary, in: listing.problem ?? "", "the problem")
    }
}
