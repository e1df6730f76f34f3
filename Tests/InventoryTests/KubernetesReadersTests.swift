@testable import Declarations
@testable import Stores
import XCTest
@testable import Inventory

/// "What reads it" for a Kubernetes namespace's Secrets: the manifests whose `secretKeyRef` or
/// `envFrom.secretRef` names one of its Secrets (a Deployment's pods get the value from it at
/// start). Before, the inventory map said "code that reads it directly".
final class KubernetesReadersTests: XCTestCase {
    func ref(_ name: String, _ kind: Declaration.Kind, secret: String, at path: String) -> Declaration {
        var d = Declaration(name: name, kind: kind, repo: "api", path: path, line: 12)
        d.store = .kubernetesSecret
        d.storePath = secret
        return d
    }

    func testTheManifestsThatReferenceTheNamespacesSecretsReadIt() {
        var listing = StoreListing(kind: .kubernetesSecret, location: "platforms-prod", environment: "production")
        listing.secrets = [StoredSecret(name: "database-url", path: "platforms-prod/api/database-url")]
        let declarations = [
            ref("DATABASE_URL", .kubernetesSecretKeyRef, secret: "api", at: "k8s/deployment.yaml"),
            ref("*", .kubernetesSecretRef, secret: "api", at: "k8s/cronjob.yaml"),
            // A manifest of another Secret does not read this namespace's.
            ref("CACHE_URL", .kubernetesSecretKeyRef, secret: "cache", at: "k8s/cache.yaml"),
        ]
        XCTAssertEqual(StoreUsage(of: listing, declarations: declarations).readers,
                       .files(["api/k8s/cronjob.yaml", "api/k8s/deployment.yaml"]))
        XCTAssertEqual(StoreUsage(of: listing, declarations: []).readers, .codeDirectly)
    }
}
