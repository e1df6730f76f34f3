import Foundation
import XCTest

/// The JSON Schema of secretmap.yml: printed by `secretmap config schema`, committed as
/// schema/secretmap.schema.json, named by `init`, and in agreement with the config validator.
final class ConfigSchemaTests: XCTestCase {
    static let committed = CLI.packageRoot.appendingPathComponent("schema/secretmap.schema.json")

    /// The committed file is what the binary prints: regenerate it with
    /// `swift run secretmap config schema > schema/secretmap.schema.json` after changing a shape.
    func testCommittedSchemaIsTheGeneratedOne() throws {
        let run = try CLI.run(["config", "schema"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let committed = try String(contentsOf: Self.committed, encoding: .utf8)
        XCTAssertEqual(run.stdout, committed, "schema/secretmap.schema.json is stale: regenerate it with `secretmap config schema`")
    }

    /// Built from the validator's shape: every provider's `stores:` key and environment key is
    /// there, unknown keys are refused, and the bounds are the validator's.
    func testSchemaCarriesTheProvidersKeys() throws {
        let schema = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(CLI.run(["config", "schema"]).stdout.utf8)) as? [String: Any])
        XCTAssertEqual(schema["$schema"] as? String, "http://json-schema.org/draft-07/schema#")
        XCTAssertEqual(schema["$id"] as? String, "https://raw.githubusercontent.com/secretmap/secretmap/v0.1.0/schema/secretmap.schema.json")
        XCTAssertEqual(schema["additionalProperties"] as? Bool, false)
        let properties = try XCTUnwrap(schema["properties"] as? [String: Any])
        XCTAssertEqual(Set(properties.keys), ["version", "repos", "environments", "drift", "stores", "owners", "fingerprint_key", "classes", "state_dir"])
        let stores = try XCTUnwrap((properties["stores"] as? [String: Any])?["properties"] as? [String: Any])
        XCTAssertEqual(Set(stores.keys), ["aws", "secrets_manager", "github", "vault", "env_files", "postgres", "vercel", "fly", "kubernetes",
                                          "doppler", "onepassword", "timeout_seconds"])
        let timeout = try XCTUnwrap(stores["timeout_seconds"] as? [String: Any])
        XCTAssertEqual(timeout["minimum"] as? Int, 1)
        XCTAssertEqual(timeout["maximum"] as? Int, 3600)
        let environment = try XCTUnwrap(((properties["environments"] as? [String: Any])?["additionalProperties"] as? [String: Any])?["properties"] as? [String: Any])
        XCTAssertEqual(Set(environment.keys), ["parity", "ssm", "secrets_manager_prefix", "github_environment", "vault_path", "vercel_target", "fly_app",
                                               "kubernetes_namespace", "doppler_config", "onepassword_vault"])
        let repo = try XCTUnwrap((properties["repos"] as? [String: Any])?["items"] as? [String: Any])
        XCTAssertEqual(repo["required"] as? [String], ["path"])
    }

    /// `init` writes the schema line first, so an editor checks the starter config at once.
    func testInitNamesTheSchemaOnItsFirstLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-schema-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("secretmap.yml").path
        let run = try CLI.run(["init", "--output", config, CLI.packageRoot.appendingPathComponent("Fixtures/planb/web").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let first = try String(contentsOfFile: config, encoding: .utf8).split(separator: "\n").first
        XCTAssertEqual(first, "# yaml-language-server: $schema=https://raw.githubusercontent.com/secretmap/secretmap/v0.1.0/schema/secretmap.schema.json")
    }

    /// The fixtures' configs and `init`'s starter pass the schema (Python's jsonschema, installed
    /// by `scripts/install-deps test`), and configs the validator refuses fail it, each for the
    /// same key: the schema and the validator agree.
    func testFixtureConfigsValidateAndBadOnesDoNot() throws {
        guard let python = Script.which("python3"),
              try Script.run(python, ["-c", "import jsonschema, yaml"]).status == 0 else {
            throw XCTSkip("python3 with jsonschema and PyYAML is not installed (scripts/install-deps test installs them)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-schema-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let starter = dir.appendingPathComponent("starter.yml").path
        XCTAssertEqual(try CLI.run(["init", "--output", starter] + CLI.planb.map { CLI.packageRoot.appendingPathComponent($0).path }).status, 0)

        // Each bad config: what the validator says, and the schema path jsonschema must name.
        let bad: [(name: String, yaml: String, validator: String, schemaPath: String)] = [
            ("typo", "repos: [{ path: . }]\nstores:\n  ssm: { prefixes: [/x/] }\n", "unknown key 'ssm' in stores", "stores"),
            ("no-path", "repos: [{ name: web }]\n", "repos[0] needs 'path'", "repos/0"),
            ("timeout", "repos: [{ path: . }]\nstores: { timeout_seconds: 0 }\n", "stores.timeout_seconds must be a whole number from 1 to 3600", "stores/timeout_seconds"),
            ("version", "version: 2\nrepos: [{ path: . }]\n", "version must be 1: this secretmap reads version 1", "version"),
            ("name", "repos: [{ name: \"a/b\", path: . }]\n", "repos[0].name must be a plain name", "repos/0/name"),
            ("env-key", "repos: [{ path: . }]\nenvironments: { production: { ssm_prefix: /x/ } }\n", "unknown key 'ssm_prefix' in environments.production", "environments/production"),
        ]
        var files = ["good:" + CLI.packageRoot.appendingPathComponent("Fixtures/planb/secretmap.yml").path,
                     "good:" + CLI.packageRoot.appendingPathComponent("Fixtures/platforms/secretmap.yml").path, "good:" + starter]
        for b in bad {
            let path = dir.appendingPathComponent("\(b.name).yml").path
            try b.yaml.write(toFile: path, atomically: true, encoding: .utf8)
            files.append("bad:" + path)
            let stores = try CLI.run(["stores", "--config", path])
            XCTAssertEqual(stores.status, 2, b.name)
            XCTAssertTrue(stores.stderr.contains(b.validator), "\(b.name): \(stores.stderr)")
        }
        let check = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        for arg in sys.argv[2:]:
            kind, path = arg.split(":", 1)
            errors = sorted(validator.iter_errors(yaml.safe_load(open(path))), key=lambda e: "/".join(map(str, e.absolute_path)))
            print(kind, path.rsplit("/", 1)[1], ";".join("/".join(map(str, e.absolute_path)) or "-" for e in errors))
        """
        let run = try Script.run(python, ["-c", check, Self.committed.path] + files)
        XCTAssertEqual(run.status, 0, run.stderr)
        var expected = "good secretmap.yml \ngood secretmap.yml \ngood starter.yml \n"
        for b in bad { expected += "bad \(b.name).yml \(b.schemaPath)\n" }
        XCTAssertEqual(run.stdout, expected)
    }
}
