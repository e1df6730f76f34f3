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

    /// hoppscotch ignores `.env.*` and commits `.env.example` anyway (git tracks it): the example
    /// is read; a real env file under the same pattern stays ignored.
    func testAnExampleUnderAnIgnorePatternIsRead() {
        let tree = TempTree()
        tree.write(".gitignore", ".env\n.env.*\n")
        tree.write(".env.example", "DATA_ENCRYPTION_KEY=\n")
        tree.write(".env.local", "LOCAL_ONLY=1\n")
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), ["env-example DATA_ENCRYPTION_KEY t/.env.example:1"])
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

    /// CRLF files: "\r\n" is one Character in Swift, so a split at "\n" read the whole file as
    /// one line: only the first name was declared, and its value ran to the end of the file.
    func testCRLFFilesGiveEveryName() {
        let tree = TempTree()
        tree.write(".env.example", "A=1\r\nB=2\r\n")
        tree.write(".env", "X=1\r\nY=2\r\n")
        tree.write("push.sh", "gh secret set ONE --body x\r\ngh secret set TWO --body y\r\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [
            "env-file X t/.env:1 hint=…",
            "env-file Y t/.env:2 hint=…",
            "env-example A t/.env.example:1",
            "env-example B t/.env.example:2",
            "bootstrap-github-secret ONE t/push.sh:1",
            "bootstrap-github-secret TWO t/push.sh:2",
        ])
        var one = Array("1".utf8)
        XCTAssertEqual(result.declarations.first?.fingerprint, one.withUnsafeMutableBufferPointer { Fixtures.fingerprinter.fingerprint(UnsafeBufferPointer($0)) })
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

    /// Terraform: an unclosed block, an unterminated string, a stray brace: one warning each, at
    /// the line where the problem starts; the good file beside them is read.
    func testMalformedHCLGivesOneWarningWithTheLine() {
        let tree = TempTree()
        tree.write("unclosed.tf", "variable \"a\" {\n  sensitive = true\n\nresource \"aws_ssm_parameter\" \"p\" {\n  name = \"/x/A\"\n}\n")
        tree.write("string.tf", "resource \"aws_ssm_parameter\" \"p\" {\n  name = \"/x/B\n}\n")
        tree.write("stray.tf", "}\n")
        tree.write("good.tf", "resource \"aws_ssm_parameter\" \"p\" {\n  name = \"/x/GOOD\"\n}\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), ["terraform-parameter GOOD t/good.tf:2 store=ssm at=/x/GOOD"])
        XCTAssertEqual(result.warnings.map { "\($0.path):\($0.line ?? 0) \($0.message)" }, [
            "stray.tf:1 invalid HCL: unexpected }",
            "string.tf:2 invalid HCL: unterminated string",
            "unclosed.tf:1 invalid HCL: block opened here is never closed",
        ])
    }

    /// Composite actions (`action.yml` anywhere) are read like workflows.
    func testCompositeActionIsRead() {
        let tree = TempTree()
        tree.write(".github/actions/notify/action.yml", "runs:\n  using: composite\n  steps:\n    - run: ./notify\n      shell: bash\n      env:\n        SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}\n")
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), [
            "workflow-secret SLACK_WEBHOOK_URL t/.github/actions/notify/action.yml:7",
        ])
    }
}

final class ScriptAndTemplateEdgeTests: XCTestCase {
    /// CloudFormation spells ECS secrets `Secrets` / `Name` / `ValueFrom`.
    func testCloudFormationTaskDefinitionSecrets() {
        let tree = TempTree()
        tree.write("cfn/app-taskdef.json", """
        {"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
          {"Name": "app",
           "Secrets": [{"Name": "API_KEY", "ValueFrom": "arn:aws:ssm:eu-west-1:1:parameter/planb/API_KEY"}]}
        ]}}}}
        """)
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), [
            "task-definition-secret API_KEY t/cfn/app-taskdef.json:3 store=ssm at=/planb/API_KEY",
        ])
    }

    /// Lone CRs (and NEL, LS, PS) break lines for YAML but not for people reading CI logs or for
    /// the rest of secretmap: lines are counted in LFs (found by the fuzzer).
    func testLoneCarriageReturnsDoNotShiftYAMLLines() {
        let tree = TempTree()
        tree.write("ecs/taskdef.json", "{\"containerDefinitions\": [{\r\r\r \"secrets\": [\n  {\"name\": \"A\", \"valueFrom\": \"/p/A\"},\u{2028}\n  {\"name\": \"B\", \"valueFrom\": \"/p/B\"}]}]}\r\n")
        XCTAssertEqual(Fixtures.declared(in: tree).lines(), [
            "task-definition-secret A t/ecs/taskdef.json:2 store=ssm at=/p/A",
            "task-definition-secret B t/ecs/taskdef.json:3 store=ssm at=/p/B",
        ])
    }

    /// Constants set once (`prefix="/${1:-planb}"`, `REGION=eu-west-1`) are substituted; a variable
    /// set twice is not a constant, and what it builds is a note.
    func testScriptConstantsAndRunTimeNames() {
        let tree = TempTree()
        tree.write("seed.sh", """
        prefix="/${1:-planb}"
        suffix=a
        suffix=b
        for k in ONE TWO; do aws ssm put-parameter --name "$prefix/$k" --value x; done
        aws ssm put-parameter --name "$prefix/THREE_$suffix" --value x
        aws ssm put-parameter --name "$prefixed/FOUR" --value x
        """)
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), [
            "bootstrap-parameter ONE t/seed.sh:4 store=ssm at=/planb/ONE",
            "bootstrap-parameter TWO t/seed.sh:4 store=ssm at=/planb/TWO",
        ])
        XCTAssertEqual(result.notes.map { "\($0.line ?? 0) \($0.message)" }, [
            "5 name $prefix/THREE_$suffix is built at run time; cannot list what it provisions",
            "6 name $prefixed/FOUR is built at run time; cannot list what it provisions",
        ])
    }
}
