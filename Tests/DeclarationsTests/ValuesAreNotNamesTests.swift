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

    static func fingerprint(_ value: String) -> String {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { Fixtures.fingerprinter.fingerprint(UnsafeBufferPointer($0)) }
    }
}
