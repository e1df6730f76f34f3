import Foundation
import XCTest
@testable import Declarations
import SourceScan

/// No value escapes a declaration parser: every parser is run over files whose values are
/// canaries, as written and broken in the ways that made parsers quote their input (a control
/// character on the value's line, a duplicate key, an undefined alias, a truncated file, bytes
/// flipped elsewhere), and no 6-character window of any canary may appear in any declaration
/// field, warning, note or skip. Six characters: a hint shows five (3 + 2), so any longer run of
/// a value in the output is a leak.
final class ParserCanaryTests: XCTestCase {
    /// A hostile file per parser: `{C}` marks a value position (each gets its own canary).
    static let templates: [(path: String, text: String)] = [
        (".env.example", "STRIPE_SECRET_KEY={C}\n# WEBHOOK_SECRET={C}\nPEM=\"-----BEGIN PRIVATE KEY-----\nMIIE{C}\n{C}=\n-----END PRIVATE KEY-----\"\nAFTER=1\n"),
        (".env", "DATABASE_URL=postgres://app:{C}@db/app\nexport API_TOKEN='{C}'\nKEY=-----BEGIN RSA PRIVATE KEY-----\n{C}==\n-----END RSA PRIVATE KEY-----\nMULTI=\"line one\n{C}=\nline three\"\nLAST={C}\n"),
        (".github/workflows/deploy.yml", """
        on: push
        env:
          TOKEN: {C}
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: production
            env:
              PASSWORD: "{C}"
              API_KEY: ${{ secrets.API_KEY }}
            steps:
              - run: gh secret set --body {C} STRIPE_KEY
              - run: gh secret set -b "{C}" OTHER_KEY --repo org/x
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v1
                with:
                  task-definition: taskdef.json
                  password: {C}

        """),
        ("taskdef.json", #"{"containerDefinitions":[{"name":"app","environment":[{"name":"PLAIN","value":"{C}"}],"secrets":[{"name":"DB_PASSWORD","valueFrom":"arn:aws:ssm:us-east-1:1:parameter/app/DB_PASSWORD"}]}]}"#),
        ("scripts/bootstrap.sh", """
        #!/bin/bash
        TOKEN={C}
        aws ssm put-parameter --name "/app/$TOKEN" --value "{C}" --type SecureString
        gh secret set -b {C} NAME_ONE
        gh secret set NAME_TWO --body={C}
        gh secret set NAME_THREE --body "{C}" --env production
        update_env "API_TOKEN" "${API_TOKEN:-{C}}"
        : "${ADMIN_PASSWORD:={C}}" "${NESTED:-${INNER:-{C}}}"

        """),
        ("deploy/Dockerfile.prod", "FROM node:20\nARG BUILD_SECRET={C}\nENV APP_KEY={C} \\\n    MODE=\"{C} {C}\"\nENV LEGACY {C}\n"),
        ("docker-compose.yml", """
        services:
          api:
            image: app
            environment:
              DB_PASSWORD: pa$word{C}
              SECRET_KEY: ${SECRET_KEY:-{C}}
              - BROKEN={C}
          worker:
            environment:
              - API_KEY={C}
              - PLAIN=$${C}

        """),
        ("Dockerfile", "FROM node:20\nENV SECRET_KEY={C}\nARG NPM_TOKEN={C}\nENV A=1 B={C}\n"),
        ("main.tf", """
        variable "db_password" {
          sensitive = true
          default   = "{C}"
        }
        resource "aws_ssm_parameter" "p" {
          name  = "/app/DB_PASSWORD"
          type  = "SecureString"
          value = "{C}"
        }

        """),
        ("serverless.yml", "service: s\nprovider:\n  environment:\n    KEY: {C}\n    OTHER: ${ssm:/app/OTHER}\n"),
        ("vercel.json", #"{"env": {"X_SECRET": "{C}"}, "build": {"env": {"Y": "{C}"}}}"#),
        ("k8s/secret.yaml", """
        apiVersion: v1
        kind: Secret
        metadata:
          name: app
        stringData:
          API_KEY: {C}
        data:
          DB_PASSWORD: {C}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  env:
                    - name: INLINE
                      value: {C}

        """),
        ("cfn/template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  DbPassword:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/DB_PASSWORD\n  Plain:\n    Type: String\n    Default: {C}\n"),
        ("src/env.ts", "import { z } from 'zod';\nexport const env = z.object({ STRIPE_SECRET_KEY: z.string().default('{C}') }).parse(process.env);\n"),
        ("app/settings.py", "from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    stripe_key: str = '{C}'\n"),
        ("package.json", #"{"name":"web","scripts":{"deploy":"curl -H 'x-token: {C}' $DEPLOY_HOOK_URL","seed":"SEED_KEY={C} node seed.js ${SEED_ORG:-{C}}"},"config":{"k":"{C}"}}"#),
        ("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n  shadowDatabaseUrl = \"{C}\"\n  directUrl = env(\"{C}\")\n}\n// env(\"{C}\")\n"),
        ("deploy/helm/app/Chart.yaml", "apiVersion: v2\nname: app\ndescription: {C}\nversion: 0.1.0\nappVersion: \"{C}\"\n"),
        ("railway.toml", "[deploy]\nstartCommand = \"node server.js --token {C}\"\n[variables]\nAPI_KEY = \"{C}\"\n"),
    ]

    func testNoParserLetsACanaryThroughWhateverTheInput() throws {
        var rng = SplitMix64(seed: 20261201)
        var checked = 0
        for (path, template) in Self.templates {
            for variant in 0..<24 {
                let (text, canaries) = Self.fill(template, &rng)
                let hostile = Self.breakFile(text, canaries: canaries, variant: variant, &rng)
                let tree = TempTree()
                tree.write(path, hostile)
                // A task definition the workflow names, whatever its own file name.
                if path.hasSuffix("deploy.yml") { tree.write("taskdef.json", Self.fill(Self.templates[3].text, &rng).0) }
                let result = DeclarationScanner(fingerprinter: Fixtures.fingerprinter).scan([Root(name: "t", path: tree.path)])
                let output = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
                for canary in canaries {
                    if let window = Self.leakedWindow(of: canary, in: output) {
                        XCTFail("\(path) variant \(variant): '\(window)' of a value reached the output")
                    }
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, Self.templates.count * 24)
    }

    /// The check itself can fail: a canary put where a name goes is found.
    func testTheCheckFindsACanaryThatIsThere() {
        XCTAssertEqual(Self.leakedWindow(of: "Zq8vLmW3xT", in: #"{"name":"AAAq8vLmWBBB"}"#), "q8vLmW")
        XCTAssertNil(Self.leakedWindow(of: "Zq8vLmW3xT", in: #"{"hint":"Zq8…xT"}"#))
    }

    // MARK: - Inputs

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// Replaces each `{C}` with a fresh 36-character canary.
    static func fill(_ template: String, _ rng: inout SplitMix64) -> (String, [String]) {
        var canaries: [String] = []
        var out = ""
        var rest = Substring(template)
        while let r = rest.range(of: "{C}") {
            out += rest[..<r.lowerBound]
            let canary = String((0..<36).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            canaries.append(canary)
            out += canary
            rest = rest[r.upperBound...]
        }
        return (out + rest, canaries)
    }

    /// Variant 0 is the file as written; the others break it the ways that made parsers quote.
    static func breakFile(_ text: String, canaries: [String], variant: Int, _ rng: inout SplitMix64) -> String {
        var lines = text.components(separatedBy: "\n")
        let canaryLines = lines.indices.filter { i in canaries.contains { lines[i].contains($0) } }
        let target = canaryLines.isEmpty ? 0 : canaryLines[Int(rng.next() % UInt64(canaryLines.count))]
        switch variant {
        case 0: return text
        case 1: lines[target] += "\u{01}"                        // control character on a value's line
        case 2: lines[target] += "\u{1B}[2J"                      // an escape sequence
        case 3: lines.insert(lines[target], at: target + 1)      // a duplicate key with a value
        case 4: lines[target] += " *undefined_alias"             // an undefined alias
        case 5: lines[target] = "\t" + lines[target] + " : ["    // a syntax error on the value's line
        case 6: lines.insert("{{ broken", at: target)            // a template or flow error just before it
        case 7: lines.insert(#"{"#, at: 0)                        // a file that opens and never closes
        default:
            if variant % 2 == 0 {                                 // truncated somewhere
                let cut = Int(rng.next() % UInt64(text.utf8.count + 1))
                return String(decoding: Array(text.utf8).prefix(cut), as: UTF8.self)
            }
            // Bytes flipped away from the values' lines (a flip inside a value line could turn the
            // value into a key, which is what a key is).
            let others = lines.indices.filter { !canaryLines.contains($0) && !lines[$0].isEmpty }
            let pool = Array("\"'`\\{}()[]$#:=|-&*!%@>".unicodeScalars)
            for _ in 0..<(1 + variant % 4) where !others.isEmpty {
                let i = others[Int(rng.next() % UInt64(others.count))]
                var scalars = Array(lines[i].unicodeScalars)
                scalars[Int(rng.next() % UInt64(scalars.count))] = pool[Int(rng.next() % UInt64(pool.count))]
                lines[i] = String(String.UnicodeScalarView(scalars))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The first 6-character run of `canary` found in `output`, if any.
    static func leakedWindow(of canary: String, in output: String) -> String? {
        let c = Array(canary)
        guard c.count >= 6 else { return output.contains(canary) ? canary : nil }
        for start in 0...(c.count - 6) {
            let window = String(c[start..<start + 6])
            if output.contains(window) { return window }
        }
        return nil
    }
}
