import Foundation
import XCTest
@testable import Stores

/// SSM's write side through the real `aws` CLI against moto: the value replaced, the type and KMS
/// key kept, the version returned; a parameter gone since the listing is one line; and the
/// private input file the value travels in.
final class SSMWriterTests: XCTestCase {
    var env: [String: String] = [:]
    var prefix = ""

    override func setUpWithError() throws {
        env = StoreTesting.awsEnvironment(try StoreTesting.server { try LocalServers.moto() })
        prefix = "/writer" + UUID().uuidString.prefix(8).lowercased()
    }

    func writers(_ tree: TempTree) throws -> StoreWriters {
        let config = try StoreTesting.config("""
            environments:
              staging: { ssm: \(prefix)/ }
            stores:
              aws: { region: eu-west-1 }
            """, in: tree)
        return StoreWriters(config: config, runner: CommandRunner(timeout: 30, retries: 0, environment: env))
    }

    func testAWriteKeepsTypeAndKeyAndReturnsTheVersion() throws {
        let name = "\(prefix)/HOOK_SECRET"
        StoreTesting.run("aws", ["ssm", "put-parameter", "--name", name, "--type", "SecureString", "--key-id", "alias/hooks", "--tier", "Advanced",
                                 "--description", "signs hook calls", "--value", "old-hook-value-1"], env: env)
        let tree = TempTree()
        let writers = try writers(tree)
        XCTAssertNil(writers.writer(for: .secretsManager))
        let writer = try XCTUnwrap(writers.writer(for: .ssm))
        let result = try writer.write(StoreWriteTarget(kind: .ssm, path: name, environment: "staging"), value: SecretValue("https://new-hook-value-2"))
        XCTAssertEqual(result.version, 2)
        let described = StoreTesting.run("aws", ["ssm", "describe-parameters", "--parameter-filters", "Key=Name,Values=\(name)", "--output", "json"], env: env)
        XCTAssertTrue(described.contains("\"KeyId\": \"alias/hooks\""), described)
        XCTAssertTrue(described.contains("\"Type\": \"SecureString\""), described)
        XCTAssertTrue(described.contains("\"Tier\": \"Advanced\""), described)
        XCTAssertTrue(described.contains("\"Description\": \"signs hook calls\""), described)
        // A value starting with https:// is stored as given, not fetched by the CLI.
        let value = StoreTesting.run("aws", ["ssm", "get-parameter", "--name", name, "--with-decryption", "--query", "Parameter.Value", "--output", "text"], env: env)
        XCTAssertEqual(value, "https://new-hook-value-2\n")
    }

    func testAParameterGoneSinceTheListingIsOneLine() throws {
        let writer = try XCTUnwrap(try writers(TempTree()).writer(for: .ssm))
        XCTAssertThrowsError(try writer.write(StoreWriteTarget(kind: .ssm, path: "\(prefix)/GONE_SECRET", environment: "staging"), value: SecretValue("gone-value-123456"))) { error in
            XCTAssertEqual("\(error)", "SSM parameter \(prefix)/GONE_SECRET not found: it was listed before the write; check who removed it")
        }
    }

    func testThePrivateInputFileIsOwnerOnlyAndRemoved() throws {
        var seen: (folder: String, path: String)?
        let mode = try PrivateInputFile.with(Data("canary-input-0123".utf8), name: "in.json") { path -> (Int, Int) in
            seen = ((path as NSString).deletingLastPathComponent, path)
            let file = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
            let folder = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)[.posixPermissions] as! Int
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "canary-input-0123")
            return (file, folder)
        }
        XCTAssertEqual(mode.0, 0o600)
        XCTAssertEqual(mode.1, 0o700)
        XCTAssertFalse(FileManager.default.fileExists(atPath: seen!.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: seen!.folder))
    }
}
