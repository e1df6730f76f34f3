import Foundation
import XCTest
@testable import Declarations
import SourceScan

/// A value must never be recorded as a declared name: names are printed, stored in baselines and
/// joined with stores; values never leave memory.
final class ValuesAreNotNamesTests: XCTestCase {
    static let canary = "c2tfbGl2ZV9jYW5hcnk5OFhxN3RMbTJ2Uk5wNGtX"

    /// A PEM block in a `.env`, quoted or not, and quoted values spanning lines: one value of one
    /// name. A base64 line ending in `=` was declared as `NAME=`.
    func testMultiLineValuesInEnvFilesAreOneValue() throws {
        let tree = TempTree()
        let quotedPEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n\(Self.canary)=\n-----END PRIVATE KEY-----"
        tree.write(".env", """
        A=1
        PRIVATE_KEY="\(quotedPEM)"
        B=2
        CERT=-----BEGIN CERTIFICATE-----
        MIIBszCCAVmgAwIBAgIU
        \(Self.canary)==
        -----END CERTIFICATE-----
        C=3
        SINGLE='line one
        TWO_LINES=not a name
        line three'
        DOUBLE="say \\"hi\\"
        NOT_A_NAME=x"
        D=4

        """)
        tree.write(".env.example", "KEY=\"-----BEGIN PRIVATE KEY-----\nQUJDREVGR0hJSktMTU5PUA=\n-----END PRIVATE KEY-----\"\nAFTER=\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [
            "env-file A t/.env:1 hint=…",
            "env-file PRIVATE_KEY t/.env:2 hint=---…--",
            "env-file B t/.env:6 hint=…",
            "env-file CERT t/.env:7 hint=---…--",
            "env-file C t/.env:11 hint=…",
            "env-file SINGLE t/.env:12 hint=lin…ee",
            "env-file DOUBLE t/.env:15 hint=say…=x",
            "env-file D t/.env:17 hint=…",
            "env-example KEY t/.env.example:1",
            "env-example AFTER t/.env.example:4",
        ])
        let pem = result.declarations.first { $0.name == "PRIVATE_KEY" }
        XCTAssertEqual(pem?.fingerprint, Self.fingerprint(quotedPEM))
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        XCTAssertFalse(json.contains(String(Self.canary.prefix(6))), json)
    }

    /// The Stores' env-file reader shares the parser: the same PEM is one entry.
    /// A file cut short, or a value whose closing quote or END line is missing, errs towards the
    /// value: a quote never closed runs to the end of the file (as dotenv reads it), a PEM block
    /// without END takes the base64 lines after BEGIN, and a random-looking word before `=` (a key
    /// line out of its block) is not a name.
    func testAValueNeverClosedErrsTowardsTheValue() throws {
        let tree = TempTree()
        tree.write(".env", "A=1\nPRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n\(Self.canary)=\n")
        tree.write("x/.env", "CERT=-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n\(Self.canary)==\nnot base64 here\nB=2\n")
        tree.write("y/.env", "A=1\n\(Self.canary)== *stray\nB=2\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [
            "env-file A t/.env:1 hint=…",
            "env-file PRIVATE_KEY t/.env:2 hint=---…=\\n",  // the hint's newline shown escaped
            "env-file CERT t/x/.env:1 hint=---…==",
            "env-file B t/x/.env:5 hint=…",
            "env-file A t/y/.env:1 hint=…",
            "env-file B t/y/.env:3 hint=…",
        ])
    }

    func testEnvFileEntriesReadAPEMAsOneValue() {
        let entries = EnvFileEntries.read("K=-----BEGIN X-----\nQUJD=\n-----END X-----\nL=1\n", fingerprinter: Fixtures.fingerprinter)
        XCTAssertEqual(entries.map { "\($0.name):\($0.line)" }, ["K:1", "L:4"])
    }

    /// Compose interpolates `${NAME}` and `$NAME` in values; `$$` is a literal dollar, and a `$`
    /// inside a word (`pa$word`, a bcrypt hash) is part of a value, never a name. Comments are
    /// not interpolated.
    func testComposeDollarsInsideValuesAreNotNames() {
        let tree = TempTree()
        tree.write("docker-compose.yml", """
        services:
          api:
            image: "registry/api:${API_TAG:-latest}"
            environment:
              PASSWORD: pa$word
              HASH: "$$2b$$10$$abc"
              BCRYPT: $2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy
              URL: http://$HOST:8080
              # ${NOT_THIS} is a comment
          worker:
            environment:
              - TRIPLE=$$$TRIPLE_VAR
              - LITERAL=$$NOT_A_VAR
              - MIXED=a${B_VAR}c$d

        """)
        XCTAssertEqual(Fixtures.declared(in: tree).lines([.composeInterpolation]), [
            "compose-interpolation API_TAG t/docker-compose.yml:3",
            "compose-interpolation HOST t/docker-compose.yml:8",
            "compose-interpolation TRIPLE_VAR t/docker-compose.yml:12",
            "compose-interpolation B_VAR t/docker-compose.yml:14",
        ])
    }

    /// A value over several lines (a literal block, CRLF line ends): each name on its own line.
    func testComposeInterpolationLinesInBlocksAndCRLFFiles() {
        let tree = TempTree()
        tree.write("docker-compose.yml", "services:\r\n  api:\r\n    command: |\r\n      run\r\n      --token $API_TOKEN\r\n      --url ${API_URL}\r\n")
        XCTAssertEqual(Fixtures.declared(in: tree).lines([.composeInterpolation]), [
            "compose-interpolation API_TOKEN t/docker-compose.yml:5",
            "compose-interpolation API_URL t/docker-compose.yml:6",
        ])
    }

    /// `gh secret set` flags take their arguments: the name is the positional argument, never
    /// the `--body` value.
    func testGitHubSecretSetNameIsThePositionalArgument() {
        let tree = TempTree()
        tree.write("push.sh", """
        gh secret set --body "\(Self.canary)" STRIPE_KEY
        gh secret set -b \(Self.canary) SENTRY_DSN --repo org/app
        gh secret set --body=\(Self.canary) SLACK_TOKEN -e production
        gh secret set -R org/app -b "two; words | here" DB_URL
        gh secret set --org myorg --visibility selected --repos a,b ORG_TOKEN
        gh secret set -o myorg -v all -r a,b -a dependabot NPM_TOKEN --no-store
        gh secret set -u -b \(Self.canary) CODESPACE_TOKEN
        gh secret set -b\(Self.canary) ATTACHED
        gh secret set --app actions --env staging --body "$(cat key.pem)" PEM_KEY
        gh secret set -f ci.env

        """)
        tree.write("ci.env", "FROM_FILE=1\nALSO=2\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [
            "bootstrap-github-secret STRIPE_KEY t/push.sh:1",
            "bootstrap-github-secret SENTRY_DSN t/push.sh:2",
            "bootstrap-github-secret SLACK_TOKEN t/push.sh:3",
            "bootstrap-github-secret DB_URL t/push.sh:4",
            "bootstrap-github-secret ORG_TOKEN t/push.sh:5",
            "bootstrap-github-secret NPM_TOKEN t/push.sh:6",
            "bootstrap-github-secret CODESPACE_TOKEN t/push.sh:7",
            "bootstrap-github-secret ATTACHED t/push.sh:8",
            "bootstrap-github-secret PEM_KEY t/push.sh:9",
            "bootstrap-github-secret ALSO t/push.sh:10",
            "bootstrap-github-secret FROM_FILE t/push.sh:10",
        ])
        XCTAssertEqual(result.notes, [])
    }

    /// A constant holding a value (a token, or a variable named like a secret) substituted into a
    /// name: the name is only known at run time, and the value never becomes a name.
    func testScriptConstantHoldingAValueIsNotSubstitutedIntoAName() throws {
        let tree = TempTree()
        tree.write("seed.sh", """
        TOKEN=sk_live_\(Self.canary)
        API_KEY=abc
        PREFIX=/app
        aws ssm put-parameter --name "/app/$TOKEN" --value x
        aws ssm put-parameter --name "$PREFIX/${API_KEY}" --value x
        aws ssm put-parameter --name "$PREFIX/DB_URL" --value "$TOKEN"
        gh secret set "$TOKEN" --body x

        """)
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), ["bootstrap-parameter DB_URL t/seed.sh:6 store=ssm at=/app/DB_URL"])
        XCTAssertEqual(result.notes.map { "\($0.line ?? 0) \($0.message)" }, [
            "4 name /app/$TOKEN is built at run time; cannot list what it provisions",
            "5 name $PREFIX/${API_KEY} is built at run time; cannot list what it provisions",
            "7 name $TOKEN is built at run time; cannot list what it provisions",
        ])
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        XCTAssertFalse(json.contains(String(Self.canary.prefix(6))), json)
    }

    /// A note names what could not be known, and quotes the file only when that is shaped like a
    /// name or a path: a run-time name built from a value is not shown.
    func testNotesNeverQuoteAValue() throws {
        let tree = TempTree()
        tree.write("seed.sh", """
        aws ssm put-parameter --name "$(printf '%s' sk_live_\(Self.canary))" --value x
        gh secret set "${GH_NAME:-\(Self.canary)}" --body x
        aws ssm put-parameter --name "$prefix/KEEP_$suffix" --value x

        """)
        tree.write("main.tf", "resource \"aws_ssm_parameter\" \"p\" {\n  name = \"/app/${var.env}_\(Self.canary)\"\n}\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [])
        XCTAssertEqual(result.notes.map { "\($0.path):\($0.line ?? 0) \($0.message)" }, [
            "main.tf:2 name (not shown) is computed by Terraform; cannot list it",
            "seed.sh:1 name (not shown) is built at run time; cannot list what it provisions",
            "seed.sh:2 name (not shown) is built at run time; cannot list what it provisions",
            "seed.sh:3 name $prefix/KEEP_$suffix is built at run time; cannot list what it provisions",
        ])
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        XCTAssertFalse(json.contains(String(Self.canary.prefix(6))), json)
    }

    static func fingerprint(_ value: String) -> String {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { Fixtures.fingerprinter.fingerprint(UnsafeBufferPointer($0)) }
    }
}
