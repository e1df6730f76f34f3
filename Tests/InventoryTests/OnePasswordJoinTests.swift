import XCTest
@testable import Declarations
@testable import Inventory
@testable import SourceScan
@testable import Stores

/// A 1Password field listed through Connect is the secret of each name whose secret reference
/// (`op://vault/item/field`, or with the field's section) points at it, whatever the field's
/// label; a field nothing points at is no secret of any name (a label such as `password` is not a
/// variable).
final class OnePasswordJoinTests: XCTestCase {
    func reference(_ name: String, _ path: String, at: String) -> Declaration {
        var d = DriftExample.declare(name, .onePasswordReference, at)
        d.store = .onePassword
        d.storePath = path
        return d
    }

    func field(_ path: String, fingerprint: String) -> StoredSecret {
        var s = StoredSecret(name: String(path.split(separator: "/").last!), path: path)
        s.fingerprint = fingerprint
        s.lastModified = "2026-03-01T10:00:00Z"
        return s
    }

    func testAFieldJoinsTheNamesWhoseReferencesPointAtIt() {
        let declarations = [
            reference("STRIPE_SECRET_KEY", "Production/Stripe/secret key", at: "web/.env.production:1"),
            // Case does not matter to 1Password; a section may be left out when the label is unique.
            reference("STRIPE_WEBHOOK_SECRET", "production/stripe/webhook", at: "web/.env.production:2"),
            reference("DATABASE_URL", "Production/Postgres/connection/url", at: "api/.env.production:1"),
        ]
        var listing = StoreListing(kind: .onePassword, location: "Production")
        listing.secrets = [field("Production/Stripe/secret key", fingerprint: "f-stripe"),
                           field("Production/Stripe/hooks/webhook", fingerprint: "f-hook"),
                           field("Production/Postgres/connection/url", fingerprint: "f-db"),
                           field("Production/Postgres/password", fingerprint: "f-pw")]
        var declared = DeclarationResult()
        declared.declarations = declarations
        let inventory = InventoryBuilder(rules: try! RuleSet.builtIn(), environments: [])
            .build(scan: ScanResult(), declared: declared, stores: StoreSnapshot(takenAt: "2026-04-01T00:00:00Z", keyId: "k", listings: [listing]))
        XCTAssertEqual(inventory.records.map(\.name), ["DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
        XCTAssertEqual(inventory.records.map { $0.stores.map { "\($0.kind) \($0.path) \($0.fingerprint ?? "-")" } }, [
            ["1password Production/Postgres/connection/url f-db"],
            ["1password Production/Stripe/secret key f-stripe"],
            ["1password Production/Stripe/hooks/webhook f-hook"],
        ])
        // The audit's rows of referenced-only vaults: the listed one is no longer among them.
        let staging = reference("STRIPE_SECRET_KEY", "Staging/Stripe/secret key", at: "web/.env.staging:1")
        XCTAssertEqual(DeclaredStore.of(declarations + [staging]).map(\.location), ["Production/Postgres", "Production/Stripe", "Staging/Stripe", "production/stripe"])
        XCTAssertEqual(DeclaredStore.of(declarations + [staging], listed: [listing]).map(\.location), ["Staging/Stripe"])
    }
}
