import XCTest
@testable import Declarations
@testable import Inventory
@testable import SourceScan
@testable import Stores

/// A key of a Kubernetes Secret is the secret of the variable a manifest's `secretKeyRef` gives it
/// to (`env: [{name: DATABASE_URL, valueFrom: {secretKeyRef: {name: api, key: database-url}}}]`),
/// whatever the key is called: the listing's entry `NAMESPACE/api/database-url` joins the record
/// DATABASE_URL. A key no reference names joins by its own name, as before.
final class KubernetesJoinTests: XCTestCase {
    func keyRef(_ name: String, secret: String, key: String, at: String) -> Declaration {
        DriftExample.declare(name, .kubernetesSecretKeyRef, at) { $0.store = .kubernetesSecret; $0.storePath = secret; $0.jsonKey = key }
    }

    func testAKeyJoinsTheVariableItsSecretKeyRefNames() {
        var declared = DeclarationResult()
        declared.declarations = [keyRef("DATABASE_URL", secret: "api", key: "database-url", at: "api/k8s/deployment.yaml:14"),
                                 keyRef("DB_PASSWORD", secret: "api", key: "POSTGRES_PASSWORD", at: "api/k8s/deployment.yaml:17"),
                                 // Another Secret's key of the same name is not this one.
                                 keyRef("CACHE_URL", secret: "cache", key: "database-url", at: "api/k8s/deployment.yaml:20")]
        var listing = StoreListing(kind: .kubernetesSecret, location: "prod-eu/platforms-prod", environment: "production")
        listing.secrets = ["database-url", "POSTGRES_PASSWORD", "INTERNAL_API_TOKEN"].map {
            StoredSecret(name: $0, path: "prod-eu/platforms-prod/api/\($0)")
        }
        let inventory = InventoryBuilder(rules: try! RuleSet.builtIn(), environments: ["production"])
            .build(scan: ScanResult(), declared: declared, stores: StoreSnapshot(takenAt: "2026-04-01T00:00:00Z", keyId: "k", listings: [listing]))
        XCTAssertEqual(inventory.records.map { "\($0.name): \($0.stores.map(\.path).joined(separator: ", ")) \($0.presence["production"].map { "\($0)" } ?? "-")" }, [
            "CACHE_URL:  missing",
            "DATABASE_URL: prod-eu/platforms-prod/api/database-url present",
            "DB_PASSWORD: prod-eu/platforms-prod/api/POSTGRES_PASSWORD present",
            "INTERNAL_API_TOKEN: prod-eu/platforms-prod/api/INTERNAL_API_TOKEN present",
        ])
    }
}
