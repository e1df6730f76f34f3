import Declarations
import Inventory
import SourceScan
import Stores
import XCTest

/// A Kubernetes Secret is what the pods of its namespace run with: in a runbook it is the
/// environment's runtime store (updated first, before a developer's env file), and its update
/// says how to write one key (`kubectl create secret … --dry-run=client -o yaml | kubectl apply
/// -f -`, which rewrites the whole Secret) and that the Deployments reading it restart to see it.
final class KubernetesRunbookTests: XCTestCase {
    static let rules = try! RuleSet.builtIn()

    func testAKubernetesSecretIsUpdatedFirstWithKubectlApply() throws {
        var cluster = StoreListing(kind: .kubernetesSecret, location: "platforms-prod", environment: "production")
        cluster.secrets = [StoredSecret(name: "INTERNAL_API_TOKEN", path: "platforms-prod/api/INTERNAL_API_TOKEN")]
        var envFile = StoreListing(kind: .envFile, location: "api/.env", environment: "production")
        envFile.secrets = [StoredSecret(name: "INTERNAL_API_TOKEN", path: "api/.env")]
        var scan = ScanResult()
        scan.readers = [DriftExample.read("INTERNAL_API_TOKEN", "api/app/main.py:4")]
        let inventory = InventoryBuilder(rules: Self.rules, environments: ["production"])
            .build(scan: scan, declared: DeclarationResult(),
                   stores: StoreSnapshot(takenAt: "2026-11-27T00:00:00Z", keyId: "k", listings: [envFile, cluster]))
        let plan = try XCTUnwrap(RotationPlanner(inventory: inventory, facts: Self.rules.facts, deployUnits: []).plan("INTERNAL_API_TOKEN", environment: "production"))
        let stores = plan.steps.filter { $0.phase == .stores }.map(\.text)
        XCTAssertEqual(stores.count, 2, "\(stores)")
        XCTAssertTrue(stores.first?.contains(
            "the Kubernetes Secret api key INTERNAL_API_TOKEN in namespace platforms-prod (`kubectl create secret generic api -n platforms-prod --from-literal=INTERNAL_API_TOKEN=… --dry-run=client -o yaml | kubectl apply -f -`, with every other key of the Secret too: apply replaces them all; then `kubectl rollout restart` the Deployments that read it)") == true,
            "\(stores)")
        XCTAssertTrue(stores.last?.contains("the env file api/.env") == true, "\(stores)")
    }

    /// A listing under a configured context has the context in its path.
    func testTheContextIsPassedToKubectl() {
        XCTAssertEqual(StoreKind.kubernetesSecret.updatePhrase(path: "prod-eu/platforms-prod/api/TOKEN", key: nil),
                       "the Kubernetes Secret api key TOKEN in namespace platforms-prod (`kubectl --context prod-eu create secret generic api -n platforms-prod --from-literal=TOKEN=… --dry-run=client -o yaml | kubectl --context prod-eu apply -f -`, with every other key of the Secret too: apply replaces them all; then `kubectl rollout restart` the Deployments that read it)")
    }
}
