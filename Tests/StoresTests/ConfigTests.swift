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

    /// Values of the right type but out of range: each one line with its line, never the value.
    func testOutOfRangeValuesAndBadRepoNamesEachWithTheirLine() {
        let canary = "Zq8Wv3Xr6Tn1Bm4Kp7Hs2Jd5Lf9Gc0Ya"
        let lines = errors("""
        version: 99
        repos:
          - { name: "web\\n\(canary)", path: web }
          - { name: "a/\(canary)", path: b }
          - { name: "", path: c }
          - { name: "bell\\a\(canary)", path: d }
          - { name: api, path: e }
        stores:
          timeout_seconds: -1
        """)
        XCTAssertEqual(lines, [
            "1: version must be 1: this secretmap reads version 1 of secretmap.yml",
            "3: repos[0].name must be a plain name: no '/', line breaks or control characters",
            "4: repos[1].name must be a plain name: no '/', line breaks or control characters",
            "5: repos[2].name must not be empty",
            "6: repos[3].name must be a plain name: no '/', line breaks or control characters",
            "9: stores.timeout_seconds must be a whole number from 1 to 3600",
        ])
        XCTAssertFalse(lines.joined().contains(String(canary.prefix(6))))
        XCTAssertEqual(errors("stores:\n  timeout_seconds: 0\n"), ["2: stores.timeout_seconds must be a whole number from 1 to 3600"])
        XCTAssertEqual(errors("version: 1\nstores:\n  timeout_seconds: 30\n"), [])
    }

    /// secretmap.yml's YAML errors name the line, column and category, never the text around them
    /// (Yams quotes the offending line, or the whole file up to a duplicate key).
    func testYAMLErrorsNameThePlaceAndCategoryOnly() {
        let canary = "Hx4Nw8Qc2Vb6Rt1Ym5Kj9Pd3Zs7Lg0Fa"
        XCTAssertEqual(errors("repos:\n  - { name: web, path: \"\(canary)\u{07}\" }\n"),
                       ["2: invalid YAML: control character at 2:\(25 + canary.count)"])
        XCTAssertEqual(errors("fingerprint_key: { env: \(canary) }\nrepos: []\nfingerprint_key: { env: OTHER }\n"),
                       ["3: invalid YAML: duplicate key at 3:1"])
    }

    /// `state_dir:` (rotate apply's journals): `.secretmap/` beside the config unless set, a
    /// relative path taken from the config's folder.
    func testTheStateFolderDefaultsBesideTheConfig() throws {
        let tree = TempTree()
        XCTAssertEqual(try StoreTesting.config("environments: {}\n", in: tree).stateDirectory, tree.path + "/.secretmap")
        XCTAssertEqual(try StoreTesting.config("state_dir: ops/rotations\n", in: tree).stateDirectory, tree.path + "/ops/rotations")
        XCTAssertEqual(errors("state_dir: [a]\n"), ["1: state_dir must be a string"])
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
