import Declarations
import Foundation
import TestSupport
import XCTest
@testable import Stores
import SourceScan

/// The registry is the one list the config and the reader iterate: these tests fail when a store
/// kind that is listed has no provider there, when two providers claim one key, when a provider
/// lists a kind it does not declare, or when the README's store table says something else.
final class StoreProviderRegistryTests: XCTestCase {
    /// Every kind is either listed by a provider or only ever declared by repositories. The switch
    /// is exhaustive: a new `StoreKind` does not build until it is put on one side.
    static func isListedByAProvider(_ kind: StoreKind) -> Bool {
        switch kind {
        case .ssm, .secretsManager, .github, .vault, .envFile, .postgres, .iam, .kubernetesSecret, .vercel, .fly, .doppler, .onePassword: return true
        case .render, .external: return false
        }
    }

    func testEveryListedStoreKindHasAProviderInTheRegistry() {
        let registered = StoreProviders.all.flatMap(\.kinds)
        XCTAssertEqual(Set(registered), Set(StoreKind.allCases.filter(Self.isListedByAProvider)))
        XCTAssertEqual(registered.count, Set(registered).count, "a kind listed by two providers: \(registered)")
    }

    /// The registry is generated from the providers' files: a provider added without re-running
    /// scripts/generate-registries (or the file edited by hand) fails here.
    func testTheGeneratedRegistryMatchesTheProvidersFiles() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/bash")
        check.arguments = [FixturePaths.packageRoot.appendingPathComponent("scripts/generate-registries").path, "--check"]
        let errors = Pipe()
        check.standardError = errors
        try check.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0, message)
    }

    /// Listings come out in the order of the providers' first kinds in `StoreKind` (a snapshot's
    /// order), not in the generated file's alphabetical one.
    func testProvidersAreInListingOrder() {
        XCTAssertEqual(StoreProviders.all.map(\.name), ["AWSStores", "GitHubProvider", "VaultProvider", "EnvFileProvider", "PostgresProvider",
                                                     "KubernetesProvider", "VercelProvider", "FlyProvider", "OnePasswordConnectProvider", "DopplerProvider"])
    }

    func testNoTwoProvidersClaimAKey() {
        let storeKeys = StoreProviders.all.flatMap(\.storeKeys.keys)
        XCTAssertEqual(storeKeys.count, Set(storeKeys).count, "\(storeKeys.sorted())")
        XCTAssertFalse(storeKeys.contains("timeout_seconds"), "stores.timeout_seconds belongs to every store")
        let environmentKeys = StoreProviders.environmentKeys
        XCTAssertEqual(environmentKeys.count, Set(environmentKeys).count, "\(environmentKeys.sorted())")
        XCTAssertFalse(environmentKeys.contains("parity"), "environments.NAME.parity is not a store's")
    }

    /// A config naming every store, read with no CLI on PATH and no credentials: each provider's
    /// work fails at once, as a listing of one of the kinds the provider declares; together they
    /// give every declared kind.
    func testEachProviderListsOnlyTheKindsItDeclares() throws {
        let tree = TempTree()
        let config = try StoreTesting.config("""
        environments:
          production: { ssm: /p/, secrets_manager_prefix: p/, github_environment: production, vault_path: p, vercel_target: production, fly_app: p,
                        kubernetes_namespace: p, doppler_config: prd }
        stores:
          aws: { region: eu-west-1, iam: true }
          secrets_manager: {}
          github: { repos: [o/r], orgs: [o], via: gh }
          vault: { cli: bao, paths: [shared] }
          env_files: [{ path: missing.env }]
          postgres: { url_env: REGISTRY_TEST_UNSET_URL, query: select 1 }
          vercel: { projects: [web] }
          fly: { apps: [shared] }
          kubernetes: { context: p }
          doppler: { project: p }
          onepassword: { connect_url: "http://127.0.0.1:1", vaults: [Production] }
        """, in: tree)
        let runner = CommandRunner(timeout: 5, retries: 0, environment: ["PATH": tree.path + "/no-tools"])
        let context = StoreReadContext(environments: config.environments, runner: runner,
                                       fingerprinter: StoreTesting.fingerprinter, values: nil)
        var listed: [String: [String]] = [:]
        for provider in StoreProviders.all {
            let section = try XCTUnwrap(config.sections[provider.id], provider.name)
            let kinds = provider.tasks(section, context).map { $0() }.map(\.kind)
            XCTAssertTrue(Set(kinds).isSubset(of: provider.kinds), "\(provider.name) listed \(kinds)")
            XCTAssertEqual(Set(kinds), Set(provider.kinds), "\(provider.name) never listed some of its kinds")
            listed[provider.name] = kinds.map(\.rawValue)
        }
        XCTAssertEqual(listed, [
            "AWSStores": ["ssm", "iam", "secretsmanager"],
            "GitHubProvider": ["github", "github", "github"],
            "VaultProvider": ["vault", "vault"],
            "EnvFileProvider": ["env-file"],
            "PostgresProvider": ["postgres"],
            "KubernetesProvider": ["kubernetes-secret"],
            "VercelProvider": ["vercel"],
            "FlyProvider": ["fly", "fly"],
            "DopplerProvider": ["doppler"],
            "OnePasswordConnectProvider": ["1password"],
        ])
    }

    /// README.md, "What the stores hold": one row per `stores:` key, with the `environments.NAME`
    /// keys it reads, the listing kinds it gives and how it is authenticated. Each row must be true of the provider that
    /// owns the key, and the rows together must name every key and kind.
    func testTheREADMEStoreTableMatchesTheRegistry() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try XCTUnwrap(text.components(separatedBy: "## What the stores hold").dropFirst().first?
            .components(separatedBy: "\n## ").first)
        func ticked(_ cell: Substring) -> [String] {
            cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        var rows: [(key: String, environment: [String], kinds: [String])] = []
        // The table's body: its lines after the header and the `|---|` line.
        for line in section.split(separator: "\n").filter({ $0.hasPrefix("|") }).dropFirst(2) {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().map { $0 }
            guard cells.count >= 3, let key = ticked(cells[0]).first else { continue }
            rows.append((key, ticked(cells[1]), ticked(cells[2])))
            // Each store says how it is authenticated (its fifth column).
            XCTAssertFalse(cells.count < 5 || cells[4].trimmingCharacters(in: .whitespaces).isEmpty, "\(key): how is it authenticated?")
        }
        XCTAssertEqual(Set(rows.map(\.key)), Set(StoreProviders.storeKeys.keys), "the table's `stores:` keys")
        XCTAssertEqual(Set(rows.flatMap(\.environment)), Set(StoreProviders.environmentKeys), "the table's environment keys")
        XCTAssertEqual(Set(rows.flatMap(\.kinds)), Set(StoreProviders.all.flatMap(\.kinds).map(\.rawValue)), "the table's kinds")
        for row in rows {
            guard let owner = StoreProviders.all.first(where: { $0.storeKeys[row.key] != nil }) else { continue }
            XCTAssertTrue(Set(row.environment).isSubset(of: owner.environmentKeys), "\(row.key): \(row.environment)")
            XCTAssertTrue(Set(row.kinds).isSubset(of: owner.kinds.map(\.rawValue)), "\(row.key): \(row.kinds)")
        }
    }
}
