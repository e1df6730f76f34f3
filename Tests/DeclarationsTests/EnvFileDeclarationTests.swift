import XCTest
@testable import Declarations

final class EnvFileDeclarationTests: XCTestCase {
    func testExampleFilesGiveActiveAndCommentedNames() {
        let tree = TempTree()
        tree.write(".env.example", "# Stripe\nSTRIPE_SECRET_KEY=\n# STRIPE_TEST_KEY=sk_test_xxx\nexport SENTRY_DSN = \n\n#not a name\n9BAD=1\n")
        tree.write("apps/web/.env.production.example", "NEXT_PUBLIC_URL=https://example.com\n")
        tree.write("example.env", "A_B=\n")
        tree.write(".env.sample", "C=1\n")
        tree.write("README.env.md", "NOT_READ=1\n")
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), [
            "env-example STRIPE_SECRET_KEY t/.env.example:2",
            "env-example STRIPE_TEST_KEY t/.env.example:3 commented",
            "env-example SENTRY_DSN t/.env.example:4",
            "env-example C t/.env.sample:1",
            "env-example NEXT_PUBLIC_URL t/apps/web/.env.production.example:1",
            "env-example A_B t/example.env:1",
        ])
    }

    /// Real env files give names, fingerprints and hints; never the value, and no commented lines.
    func testRealEnvFilesGiveFingerprintsNotValues() throws {
        let tree = TempTree()
        let value = "sk_live_51Hq7dLkq0Zp9Xv2cT3mN8wR"
        tree.write(".env.local", "STRIPE_SECRET_KEY=\"\(value)\"\n# OLD_KEY=sk_live_old\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), ["env-file STRIPE_SECRET_KEY t/.env.local:1 hint=sk_…wR"])
        XCTAssertEqual(result.declarations.first?.fingerprint,
                       value.utf8CString.dropLast().withUnsafeBufferPointer { buf in
                           buf.withMemoryRebound(to: UInt8.self) { Fixtures.fingerprinter.fingerprint($0) }
                       })
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        XCTAssertFalse(json.contains(value))
        XCTAssertFalse(json.contains("sk_live_old"))
    }

    /// One warning naming the file and line; every other file is still read.
    func testMalformedYAMLAndJSONGiveOneWarningEachAndTheRestIsRead() {
        let tree = TempTree()
        tree.write(".github/workflows/broken.yml", "jobs:\n  a:\n    steps: [\n      - run: echo ${{ secrets.NEVER }}\n")
        tree.write("ecs/taskdef.json", "{\n  \"containerDefinitions\": [\n    { \"secrets\": [ { \"name\": \"X\", }\n")
        tree.write(".github/workflows/good.yml", "jobs:\n  a:\n    steps:\n      - run: echo ${{ secrets.GOOD_ONE }}\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), ["workflow-secret GOOD_ONE t/.github/workflows/good.yml:4 job=a"])
        XCTAssertEqual(result.warnings.map { "\($0.path):\($0.line ?? 0)" }, [".github/workflows/broken.yml:4", "ecs/taskdef.json:4"])
        XCTAssertTrue(result.warnings.allSatisfy { $0.message.hasPrefix("invalid") }, "\(result.warnings)")
    }
}
