import Foundation
import XCTest
@testable import Declarations
import SourceScan

/// A parser's warning names the file, a category and a position: never the text it parsed. Yams'
/// own messages quoted the offending line (a control character, an undefined alias) or the whole
/// file up to a duplicate key, and reached stderr and `declared --format json` `warnings[]`.
final class ParserErrorTextTests: XCTestCase {
    static let canary = "Zq8vR2mLx7Kp4Wt9Nb3Hc6Yd1Fg5Js0Ue"

    /// The problems, each as the lines that follow a parser's header (its line count is `h`),
    /// and the position each is reported at relative to it (a duplicate key: where it is repeated).
    static let problems: [(name: String, body: String, category: String, line: Int, column: Int)] = [
        ("control", "x: \(canary)\u{01}\(canary)\n", "control character", 1, 4 + canary.count),
        ("alias", "x: *\(canary)\n", "undefined alias", 1, 4),
        ("duplicate", "x: \(canary)\nx: \(canary)\n", "duplicate key", 2, 1),
    ]

    /// Every YAML-based parser: where its file goes, its header, the prefix of its warning.
    static let parsers: [(path: @Sendable (String) -> String, header: String, prefix: String)] = [
        ({ ".github/workflows/\($0).yml" }, "on: push\n", "invalid YAML"),
        ({ "docker-compose.\($0).yml" }, "services: {}\n", "invalid YAML"),
        ({ "ecs/\($0)-taskdef.json" }, "family: app\n", "invalid JSON"),
        ({ "k8s/\($0).yaml" }, "apiVersion: v1\nkind: ConfigMap\n", "invalid YAML"),
        ({ "cfn/\($0).yaml" }, "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  P:\n    Type: AWS::SSM::Parameter::Value<String>\n", "invalid template"),
        ({ "render-\($0)/render.yaml" }, "services: []\n", "invalid YAML"),
        ({ "vercel-\($0)/vercel.json" }, "env: {}\n", "invalid JSON"),
    ]

    func testEachYAMLParserReportsCategoryAndPositionWithoutText() throws {
        let tree = TempTree()
        var expected: [String] = []
        for parser in Self.parsers {
            let h = parser.header.split(separator: "\n").count
            for problem in Self.problems {
                let path = parser.path(problem.name)
                tree.write(path, parser.header + problem.body)
                expected.append("\(path):\(h + problem.line) \(parser.prefix): \(problem.category) at \(h + problem.line):\(problem.column)")
            }
        }
        // A JSON task definition with a syntax error.
        tree.write("ecs/syntax-taskdef.json", "{\"family\": \"\(Self.canary)\",\n \"secrets\": [}\n")
        expected.append("ecs/syntax-taskdef.json:2 invalid JSON: syntax error at 2:14")

        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.warnings.map { "\($0.path):\($0.line ?? 0) \($0.message)" }.sorted(), expected.sorted())
        XCTAssertEqual(result.lines(), [])
        try assertNoCanaryWindow(result)
    }

    /// A Kubernetes stream broken in its second document: the first is still declared, and the
    /// break is a warning.
    func testKubernetesDocumentsBeforeABrokenOneAreKept() throws {
        let tree = TempTree()
        tree.write("k8s/secrets.yaml", """
        apiVersion: v1
        kind: Secret
        metadata:
          name: app
        stringData:
          STRIPE_KEY: x
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: b}
        stringData:
          A: *\(Self.canary)

        """)
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.lines(), ["k8s-secret-key STRIPE_KEY t/k8s/secrets.yaml:6 store=kubernetes-secret at=app"])
        XCTAssertEqual(result.warnings.map { "\($0.path):\($0.line ?? 0) \($0.message)" },
                       ["k8s/secrets.yaml:12 invalid YAML: undefined alias at 12:6"])
        try assertNoCanaryWindow(result)
    }

    /// Billion laughs in a workflow: refused at the node budget, at once, with a warning.
    func testAliasBombInAWorkflowIsRefusedQuickly() throws {
        let tree = TempTree()
        tree.write(".github/workflows/bomb.yml", Self.aliasBomb)
        let started = Date()
        let result = Fixtures.declared(in: tree)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(result.warnings.map { "\($0.path):\($0.line ?? 0) \($0.message)" },
                       [".github/workflows/bomb.yml:1 invalid YAML: too many nodes after alias expansion at 1:1"])
    }

    /// Ten levels of ten aliases: 10^10 nodes once expanded.
    static let aliasBomb: String = {
        var text = "a0: &a0 [\"${{ secrets.LOL }}\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text
    }()

    /// HCL: an unterminated heredoc named its marker, a word of the file.
    func testHCLErrorsCarryNoText() throws {
        let tree = TempTree()
        tree.write("main.tf", "resource \"aws_ssm_parameter\" \"p\" {\n  value = <<\(Self.canary)\n  abc\n}\n")
        let result = Fixtures.declared(in: tree)
        XCTAssertEqual(result.warnings.map { "\($0.path):\($0.line ?? 0) \($0.message)" }, ["main.tf:2 invalid HCL: unterminated heredoc"])
        try assertNoCanaryWindow(result)
    }

    func assertNoCanaryWindow(_ result: DeclarationResult, file: StaticString = #filePath, line: UInt = #line) throws {
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        let canary = Array(Self.canary)
        for start in 0...(canary.count - 6) {
            let window = String(canary[start..<start + 6])
            XCTAssertFalse(json.contains(window), "\(window) of the canary is in the output", file: file, line: line)
        }
    }
}
