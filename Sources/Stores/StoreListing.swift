import Declarations
import SourceScan
/// What one store holds, as listed by its provider: names and metadata, and fingerprints only when
/// asked (`--fingerprint-values`). Never a value.
public struct StoreListing: Codable, Hashable, Sendable {
    /// `ssm`, `secretsmanager`, `github`, `vault`, `env-file`, `postgres`.
    public var kind: StoreKind
    /// Where exactly: `/planb/`, `owner/repo`, `owner/repo@production`, `secret/planb`, a file path…
    public var location: String
    /// The environment this listing stands for, when the config says.
    public var environment: String?
    /// False when the listing could not be completed (CLI missing, access denied, timeout…):
    /// later stages must say "unknown" for this store, never "missing".
    public var complete: Bool
    /// Why it is incomplete, in one line that says what to do.
    public var problem: String?
    public var secrets: [StoredSecret]
    /// Per-tenant credentials: counts and ages per name, not one row per tenant.
    public var tenantSecrets: [TenantSecretSummary]?
    /// The `iam` listing: principals, policies and access keys (who can read the stores).
    public var iam: IAMAuthorization?
    /// A GitHub repository's deployment environments and what protects them.
    public var githubEnvironments: [GitHubEnvironment]?

    public init(kind: StoreKind, location: String, environment: String? = nil, complete: Bool = true,
                problem: String? = nil, secrets: [StoredSecret] = []) {
        self.kind = kind; self.location = location; self.environment = environment
        self.complete = complete; self.problem = problem; self.secrets = secrets
    }

    static func failed(_ kind: StoreKind, _ location: String, environment: String?, _ problem: String) -> StoreListing {
        StoreListing(kind: kind, location: location, environment: environment, complete: false, problem: problem)
    }
}

/// One secret in a store. Dates are ISO 8601 text as the store gave them (UTC).
public struct StoredSecret: Codable, Hashable, Sendable {
    /// The name code would read it by: the last segment of an SSM path, a GitHub secret's name,
    /// a Vault key inside its secret, a Secrets Manager secret's name.
    public var name: String
    /// The full path in the store (`/planb/STRIPE_SECRET_KEY`, `secret/planb/worker`).
    public var path: String
    public var type: String?
    public var version: Int?
    public var createdAt: String?
    public var lastModified: String?
    public var lastModifiedBy: String?
    public var lastRotated: String?
    public var rotationEnabled: Bool?
    public var tags: [String: String]?
    /// Only with `--fingerprint-values`: HMAC of the value, and its hint.
    public var fingerprint: String?
    public var hint: String?
    /// What the issuer rules say of the value (its rule id, and whether it is a test-mode or a
    /// public value): facts about the value, never the value.
    public var valueRule: String?
    public var valueIsTest: Bool?
    public var valueIsPublic: Bool?
    /// What the value looks like (boolean, number, URL with a password, 32-byte key).
    public var valueShape: ValueShape?
    /// A JSON secret (Secrets Manager, a Vault secret): its keys, each fingerprinted when asked.
    public var keys: [String: KeyFingerprint]?

    public init(name: String, path: String) { self.name = name; self.path = path }
}

public struct KeyFingerprint: Codable, Hashable, Sendable {
    public var fingerprint: String?
    public var hint: String?
    public var valueRule: String?
    public var valueIsTest: Bool?
    public var valueIsPublic: Bool?
    public var valueShape: ValueShape?
    public init(fingerprint: String?, hint: String?) { self.fingerprint = fingerprint; self.hint = hint }
}

/// Per-tenant credentials by name: how many tenants have one, and how old they are.
public struct TenantSecretSummary: Codable, Hashable, Sendable {
    public var name: String
    public var tenants: Int
    public var oldestUpdate: String?
    public var newestUpdate: String?
    /// Tenants whose credential was last updated more than 90 / 180 / 365 days before the listing.
    public var olderThan90Days: Int
    public var olderThan180Days: Int
    public var olderThan365Days: Int
    /// Each credential's age in whole days at the listing, oldest first: drift counts at the
    /// configured `tenant_max_age_days`, not only at the three buckets. Absent in older snapshots.
    public var updateAgesDays: [Int]?

    public init(name: String, tenants: Int, oldestUpdate: String?, newestUpdate: String?,
                olderThan90Days: Int, olderThan180Days: Int, olderThan365Days: Int, updateAgesDays: [Int]? = nil) {
        self.name = name; self.tenants = tenants; self.oldestUpdate = oldestUpdate; self.newestUpdate = newestUpdate
        self.olderThan90Days = olderThan90Days; self.olderThan180Days = olderThan180Days; self.olderThan365Days = olderThan365Days
        self.updateAgesDays = updateAgesDays
    }
}

/// Every provider's listing at one moment: what `secretmap snapshot` saves and `--snapshot` reads.
public struct StoreSnapshot: Codable, Sendable {
    public static let formatVersion = 1
    public var formatVersion: Int
    public var takenAt: String
    /// Which key made the fingerprints (its id, never the key), so snapshots compare only when equal.
    public var keyId: String
    public var listings: [StoreListing]

    public init(takenAt: String, keyId: String, listings: [StoreListing]) {
        formatVersion = Self.formatVersion; self.takenAt = takenAt; self.keyId = keyId; self.listings = listings
    }
}

/// A GitHub deployment environment: who may deploy to it, and so read its secrets.
public struct GitHubEnvironment: Codable, Hashable, Sendable {
    public var name: String
    /// `required reviewers: 2`, `wait timer: 30 min`, `branches: protected`…; empty: anyone who
    /// can run a workflow can use its secrets.
    public var protections: [String]
    public init(name: String, protections: [String]) { self.name = name; self.protections = protections }
}
