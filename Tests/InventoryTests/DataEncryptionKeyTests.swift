import Declarations
import Inventory
import SourceScan
import Stores
import XCTest

/// A key that encrypts data at rest is not a bearer token: data written with the old key needs
/// it until re-encrypted, so its runbook keeps the old key until the data is re-encrypted and
/// checked.
final class DataEncryptionKeyTests: XCTestCase {
    static let rules = try! RuleSet.builtIn()

    static func inventory(readers: [Reader] = [], declarations: [Declaration] = [], listings: [StoreListing]) -> Inventory {
        var scan = ScanResult()
        scan.readers = readers
        var declared = DeclarationResult()
        declared.declarations = declarations
        return InventoryBuilder(rules: rules, environments: ["production", "staging"])
            .build(scan: scan, declared: declared, stores: StoreSnapshot(takenAt: "2026-11-27T00:00:00Z", keyId: "k", listings: listings))
    }

    func testEncryptionKeyNamesAreDataEncryptionKeys() {
        let inventory = Self.inventory(listings: [DriftExample.ssm("production", "/p/", [
            ("CALENDSO_ENCRYPTION_KEY", "f1"), ("ENCRYPTION_KEY_SECONDARY", "f2"), ("TOKEN_ENCRYPTION_SECRET", "f3"),
            ("APP_SECONDARY_KEY", "f4"), ("SIGNING_KEY_PASSPHRASE", "f5"), ("JWT_SIGNING_KEY", "f6"), ("ENCRYPTION_ENABLED", "f7"),
        ])])
        XCTAssertEqual(inventory.records.map { "\($0.name) \($0.secretClass.rawValue) \($0.classEvidence.text)" }, [
            "APP_SECONDARY_KEY data-encryption-key name-rule: data-encryption-key",
            "CALENDSO_ENCRYPTION_KEY data-encryption-key name-rule: data-encryption-key",
            "ENCRYPTION_ENABLED config name-rule: flag-name",
            "ENCRYPTION_KEY_SECONDARY data-encryption-key name-rule: data-encryption-key",
            "JWT_SIGNING_KEY internal-minted name-rule: internal-minted",
            "SIGNING_KEY_PASSPHRASE data-encryption-key name-rule: data-encryption-key",
            "TOKEN_ENCRYPTION_SECRET data-encryption-key name-rule: data-encryption-key",
        ])
    }

    /// The new key comes in as the primary while the old one still decrypts; the data is
    /// re-encrypted and checked; only then does the old key go. Never "delete the old value" first.
    func testRunbookReencryptsBeforeTheOldKeyIsRetired() throws {
        let inventory = Self.inventory(readers: [DriftExample.read("CALENDSO_ENCRYPTION_KEY", "web/src/crypto.ts:3")],
                                       listings: [DriftExample.ssm("production", "/p/", [("CALENDSO_ENCRYPTION_KEY", "f1")])])
        let planner = RotationPlanner(inventory: inventory, facts: Self.rules.facts, deployUnits: [])
        let plan = try XCTUnwrap(planner.plan("CALENDSO_ENCRYPTION_KEY", environment: "production"))
        XCTAssertEqual(plan.secretClass, .dataEncryptionKey)
        XCTAssertEqual(plan.steps.map(\.phase), [.mint, .overlap, .overlap, .stores, .redeploy, .reencrypt, .verify, .expire])
        XCTAssertEqual(plan.steps.map(\.text), [
            "Generate a new key of the same kind (a 32-byte key: `openssl rand -base64 32`); keep the old key: data encrypted with it can be read only with it.",
            "Overlap window: the old key stays available for decryption until every record encrypted with it is re-encrypted.",
            "The application must support two keys: it encrypts with the new key (the primary) and decrypts with either (for example the new key in CALENDSO_ENCRYPTION_KEY and the old one in CALENDSO_ENCRYPTION_KEY_PREVIOUS, or a key list); deploy that support before any store changes.",
            "Set the new key as the primary in SSM /p/CALENDSO_ENCRYPTION_KEY (`aws ssm put-parameter --name /p/CALENDSO_ENCRYPTION_KEY --type SecureString --overwrite --value …`), and keep the old key there for decryption (e.g. as CALENDSO_ENCRYPTION_KEY_PREVIOUS): never overwrite the only copy of the old key.",
            "Redeploy web (it reads the value at start): its usual deploy (no deploy file found in the repo).",
            "Re-encrypt every record, file and backup written with the old key (see the code that encrypts with it: web/src/crypto.ts:3): run the application's re-encryption job, or read each with the old key and write it back with the new one.",
            "Check that nothing is still encrypted with the old key (count records by key version, or read every record with the new key alone) and that the service works with the new key.",
            "Only now retire the old key: remove it from the stores and the application's key list, and redeploy; keep it in offline escrow while backups encrypted with it are kept.",
        ])
        // No step before the re-encryption removes, deletes, revokes or retires anything.
        let reencrypt = try XCTUnwrap(plan.steps.firstIndex { $0.phase == .reencrypt })
        for step in plan.steps[..<reencrypt] {
            for word in ["delete", "remove", "revoke", "retire"] {
                XCTAssertFalse(step.text.lowercased().contains(word), "\(step.phase): \(step.text)")
            }
        }
    }

    /// A bearer token's runbook is unchanged: no re-encryption step.
    func testOtherClassesHaveNoReencryptStep() throws {
        let inventory = Self.inventory(listings: [DriftExample.ssm("production", "/p/", [("LAMBDA_CALLBACK_TOKEN", "f1"), ("STRIPE_SECRET_KEY", "f2")])])
        let planner = RotationPlanner(inventory: inventory, facts: Self.rules.facts, deployUnits: [])
        for name in ["LAMBDA_CALLBACK_TOKEN", "STRIPE_SECRET_KEY"] {
            let plan = try XCTUnwrap(planner.plan(name, environment: "production"))
            XCTAssertFalse(plan.steps.contains { $0.phase == .reencrypt }, name)
        }
    }

    /// Whether a runbook can be carried out: the secret in no store, or in none of this environment's.
    func testStoreGapSaysWhereTheSecretIsMissing() {
        let inventory = Self.inventory(readers: [DriftExample.read("ORPHAN_TOKEN")],
                                       listings: [DriftExample.ssm("staging", "/s/", [("FIELD_ENCRYPTION_KEY", "f1")]),
                                                  DriftExample.ssm("production", "/p/", [("STRIPE_SECRET_KEY", "f2")])])
        let planner = RotationPlanner(inventory: inventory, facts: Self.rules.facts, deployUnits: [])
        XCTAssertEqual(planner.storeGap("FIELD_ENCRYPTION_KEY", environment: "production"),
                       "FIELD_ENCRYPTION_KEY is missing from production (held in staging): the runbook has no store of production to update; add it there first")
        XCTAssertEqual(planner.storeGap("ORPHAN_TOKEN", environment: "production"),
                       "ORPHAN_TOKEN is in no store: there is no value to rotate yet; add it to the stores of production first, or check the name")
        XCTAssertNil(planner.storeGap("STRIPE_SECRET_KEY", environment: "production"))

        // A per-tenant credential is in the tenants' table: no gap.
        var tenants = StoreListing(kind: .postgres, location: "private.secrets", environment: "production")
        tenants.tenantSecrets = [TenantSecretSummary(name: "SHOPIFY_TOKEN", tenants: 3, oldestUpdate: nil, newestUpdate: nil,
                                                     olderThan90Days: 0, olderThan180Days: 0, olderThan365Days: 0)]
        let perTenant = RotationPlanner(inventory: Self.inventory(listings: [tenants]), facts: Self.rules.facts, deployUnits: [])
        XCTAssertNil(perTenant.storeGap("SHOPIFY_TOKEN", environment: "production"))
    }
}
