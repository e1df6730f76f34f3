import Foundation
import XCTest
@testable import Stores
import SourceScan

final class ConfigTests: XCTestCase {
    func errors(_ yaml: String) -> [String] {
        let tree = TempTree()
        do { _ = try StoreTesting.config(yaml, in: tree); return [] } catch let e as ConfigErrors {
            return e.errors.map { "\($0.line ?? 0): \($0.message)" }
        } catch let e as ConfigError { return ["\(e.line ?? 0): \(e.message)"] } catch { return ["\(error)"] }
    }

    func testUnknownKeysWrongTypesAndMissingKeysEachWithTheirLine() {
        XCTAssertEqual(errors("""
        repos:
          - name: web
        environments:
          production: { ssm: /planb/, github_enviroment: production }
        stores:
          aws: { region: 5 }
          postgres: { url_env: DATABASE_URL }
          timeout_seconds: soon
        ownerz: {}
        """), [
            "2: repos[0] needs 'path'",
            "4: unknown key 'github_enviroment' in environments.production; did you mean 'github_environment'?",
            "7: stores.postgres needs 'query'",
            "8: stores.timeout_seconds must be a whole number",
            "9: unknown key 'ownerz' in the top level; did you mean 'owners'?",
        ])
    }

    func testInvalidYAMLAndEmptyFile() {
        XCTAssertTrue(errors("stores: [\n").first?.hasPrefix("2: invalid YAML:") == true)
        XCTAssertEqual(errors(""), ["0: the config file is empty"])
    }

    func testPathsResolveFromTheConfigFileAndOwnersMatchInOrder() throws {
        let tree = TempTree()
        let config = try StoreTesting.config("""
        repos:
          - { name: web, path: ../web }
        owners:
          "STRIPE_WEBHOOK_*": billing-oncall
          "STRIPE_*": payments
          "*": platform
        """, in: tree)
        XCTAssertEqual(config.repos.first?.path, (tree.path as NSString).appendingPathComponent("../web"))
        XCTAssertEqual(config.owner(of: "STRIPE_WEBHOOK_SECRET"), "billing-oncall")
        XCTAssertEqual(config.owner(of: "STRIPE_SECRET_KEY"), "payments")
        XCTAssertEqual(config.owner(of: "GA4_ID"), "platform")
    }

    /// A key file inside a scanned checkout would be committed one day: refused.
    func testFingerprintKeyFileInsideARepoIsRefused() throws {
        let tree = TempTree()
        tree.write("web/.secretmap-key", "k3y\n")
        tree.write("keys/team.key", "team-key\n")
        let inside = try StoreTesting.config("repos: [{ path: web }]\nfingerprint_key: { file: web/.secretmap-key }\n", in: tree)
        XCTAssertThrowsError(try inside.fingerprinter()) { error in
            XCTAssertTrue("\(error)".contains("is inside the repository 'web'"), "\(error)")
        }
        let outside = try StoreTesting.config("repos: [{ path: web }]\nfingerprint_key: { file: keys/team.key }\n", in: tree)
        XCTAssertEqual(try outside.fingerprinter().keyId, Fingerprinter(key: "team-key").keyId)
        let fromEnv = try StoreTesting.config("fingerprint_key: { env: PLANB_KEY }\n", in: tree)
        XCTAssertThrowsError(try fromEnv.fingerprinter(environment: [:]))
        XCTAssertEqual(try fromEnv.fingerprinter(environment: ["PLANB_KEY": "team-key"]).keyId, Fingerprinter(key: "team-key").keyId)
    }
}
