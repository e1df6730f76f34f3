import Foundation
@testable import Declarations
import SourceScan
import XCTest

/// The byte prefilter decides which files are decoded and parsed at all: it must refuse the files
/// of a source that cannot declare anything, and never a file its source declares something from.
final class DeclarationPrefilterTests: XCTestCase {
    private func passes(_ source: any DeclarationSource.Type, _ text: String, name: String = "file") -> Bool {
        Array(text.utf8).withUnsafeBytes { source.prefilter.mayDeclare($0, name: name) }
    }

    func testTypeScriptFilesWithoutASchemaCallAreNotParsed() {
        XCTAssertFalse(passes(EnvSchemas.self, "const key = process.env.API_KEY;\n"))
        XCTAssertFalse(passes(EnvSchemas.self, "z."), "shorter than any needle")
        XCTAssertFalse(passes(EnvSchemas.self, ""))
        XCTAssertTrue(passes(EnvSchemas.self, "export const env = createEnv({ server: { A: z.string() } })\n"))
        XCTAssertTrue(passes(EnvSchemas.self, "const schema = z.object({ A: z.string() }).parse(process.env)"))
        XCTAssertTrue(passes(EnvSchemas.self, "z.object({ A: z.string() }).parse(import.meta.env)"))
        XCTAssertTrue(passes(EnvSchemas.self, "const body = z.object({ name: z.string() })\n", name: "env.ts"))
        XCTAssertTrue(passes(EnvSchemas.self, "const schema = createEnv"), "a needle that ends the file")
    }

    /// A zod object is an environment schema only in a file that reads the environment or is
    /// named `env.*` (EnvSchemas.parse): a request body's schema is not parsed.
    func testZodSchemasOfOtherThingsAreNotParsed() {
        XCTAssertFalse(passes(EnvSchemas.self, "const body = z.object({ name: z.string() })\n", name: "route.ts"))
        XCTAssertFalse(passes(EnvSchemas.self, "const body = z.object({ name: z.string() })\n", name: "my.env.ts"))
    }

    /// trigger.dev's apps/supervisor/src/env.ts breaks the chain before the dot
    /// (`export const Env = z⏎  .object({`) and parses std-env's `env`: a schema all the same.
    /// Its secrets were reported read-undeclared at their own schema lines.
    func testAZodObjectChainedOverLinesIsASchema() {
        let text = """
            import { env as stdEnv } from "std-env";
            export const Env = z
              .object({
                WORKLOAD_TOKEN_SECRET: z.string().optional(),
              });
            export const env = Env.parse(stdEnv);

            """
        XCTAssertTrue(passes(EnvSchemas.self, text, name: "env.ts"))
        XCTAssertTrue(EnvSchemas.mayHoldSchema(text))
        XCTAssertEqual(EnvSchemas.parse(text, SourceFile(repo: "supervisor", path: "src/env.ts")).declarations.map { "\($0.name):\($0.line)" },
                       ["WORKLOAD_TOKEN_SECRET:4"])
    }

    func testPythonFilesWithoutBaseSettingsAreNotParsed() {
        XCTAssertFalse(passes(PydanticSettings.self, "import os\nKEY = os.environ['API_KEY']\n"))
        XCTAssertTrue(passes(PydanticSettings.self, "class Settings(BaseSettings):\n    api_key: str\n"))
    }

    func testYAMLIsParsedOnlyAsATemplateOrAManifest() {
        XCTAssertFalse(passes(YAMLManifests.self, "name: ci\non: push\n"))
        XCTAssertFalse(passes(YAMLManifests.self, "apiVersion: v1\n"), "a manifest needs both apiVersion: and kind:")
        XCTAssertFalse(passes(YAMLManifests.self, "kind: Secret\n"))
        XCTAssertTrue(passes(YAMLManifests.self, "apiVersion: v1\nkind: Secret\n"))
        XCTAssertTrue(passes(YAMLManifests.self, "Transform: AWS::Serverless-2016-10-31\n"))
        XCTAssertTrue(passes(YAMLManifests.self, "KEY: '{{resolve:ssm:/app/KEY}}'\n"))
        XCTAssertTrue(passes(YAMLManifests.self, "AWSTemplateFormatVersion: '2010-09-09'\n"))
    }

    func testJSONTemplatesAreParsedOnlyWhenTheyAreCloudFormation() {
        XCTAssertFalse(passes(CloudTemplateJSON.self, "{\"name\": \"email-template\"}\n"))
        XCTAssertTrue(passes(CloudTemplateJSON.self, "{\"AWSTemplateFormatVersion\": \"2010-09-09\"}\n"))
    }

    func testFewFileSourcesParseEveryFile() {
        for source in [EnvFiles.self, Workflows.self, Compose.self, TaskDefinitions.self, BootstrapScripts.self, Dockerfiles.self,
                       Terraform.self] as [any DeclarationSource.Type] {
            XCTAssertTrue(passes(source, ""), "\(source)")
        }
    }

    /// Every fixture file a source gives anything for (a declaration, a warning, a note, a skip, a
    /// default, a script read, a deploy unit, a task-definition reference) passes its prefilter.
    /// A parser that learns a new form without its prefilter learning the word fails here.
    func testNoFixtureASourceDeclaresFromIsRefused() throws {
        var givingFiles = 0, refusedFiles = 0
        let root = FixturePaths.path("")
        let enumerator = FileManager.default.enumerator(atPath: root)!
        while let rel = enumerator.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            guard let index = DeclarationSources.claiming(name: name, path: rel),
                  case .success(let bytes) = FileGate.read(root + "/" + rel, within: root) else { continue }
            let source = DeclarationSources.all[index]
            let text = String(decoding: bytes, as: UTF8.self)
            let file = DeclarationFile(source: SourceFile(repo: "f", path: rel), name: name, root: Root(name: "f", path: root),
                                       absolutePath: root + "/" + rel, fingerprinter: Fingerprinter(key: "k"), maxFileSize: 1 << 22,
                                       defaults: EnvironmentDefaults(rules: try RuleSet.builtIn(), fingerprinter: Fingerprinter(key: "k")))
            let parsed = source.declarations(in: text, file)
            let gives = !parsed.declarations.isEmpty || !parsed.warnings.isEmpty || !parsed.notes.isEmpty || !parsed.skipped.isEmpty
                || !parsed.defaults.isEmpty || !parsed.scriptReads.isEmpty || source.deployUnit(in: text, file.source) != nil
                || !source.taskDefinitionReferences(in: text).isEmpty
            let passes = bytes.withUnsafeBytes { source.prefilter.mayDeclare($0, name: name) }
            if gives {
                givingFiles += 1
                XCTAssertTrue(passes, "\(source) declares from \(rel) but its prefilter refuses it")
            } else if !passes {
                refusedFiles += 1
            }
        }
        XCTAssertGreaterThan(givingFiles, 20)
        XCTAssertGreaterThan(refusedFiles, 0, "the fixtures hold files the prefilter spares the parsers")
    }

    /// Files are read and parsed on several workers; merged in walk order, the result is the
    /// one a single worker gives, byte for byte.
    func testWorkersGiveTheSingleThreadedResult() throws {
        func declared(threads: Int) throws -> Data {
            var scanner = DeclarationScanner(fingerprinter: Fingerprinter(key: "k"))
            scanner.threads = threads
            let result = scanner.scan(["planb", "monorepo", "edge-cases"].map { Root(name: $0, path: FixturePaths.path($0)) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(result)
        }
        let one = try declared(threads: 1)
        XCTAssertGreaterThan(one.count, 10_000)
        for _ in 0..<3 { XCTAssertEqual(try declared(threads: 4), one) }
    }
}
