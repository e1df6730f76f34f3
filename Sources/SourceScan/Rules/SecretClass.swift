/// The article's classes of secret, defined where the rules that assign them are decoded
/// (`names:` in rules/issuers.yaml) and used by every stage after: a rule file naming another
/// class is refused when it loads.
public enum SecretClass: String, Codable, Sendable, CaseIterable {
    /// Issued by a third party (Stripe, Postmark…), which owns its lifecycle.
    case platform
    /// Minted by us: webhook bearers, signing secrets.
    case internalMinted = "internal-minted"
    /// Customer credentials, per tenant, in the application's database.
    case perTenant = "per-tenant"
    /// Baked into browser bundles at build time (`NEXT_PUBLIC_`…): public by design.
    case buildTimePublic = "build-time-public"
    /// Minted by us to encrypt data at rest (`*_ENCRYPTION_KEY`, a signing key's passphrase): data
    /// written with the old key stays encrypted with it, so rotating means adding the new key as
    /// the primary, re-encrypting, and only then retiring the old one.
    case dataEncryptionKey = "data-encryption-key"
    /// Not a secret: configuration.
    case config

    /// A secret class: what drift rules about missing and unread secrets care about.
    public var isSecret: Bool {
        switch self {
        case .platform, .internalMinted, .perTenant, .dataEncryptionKey: return true
        case .buildTimePublic, .config: return false
        }
    }
}

/// What the rules say about a name: its class and issuer, and the rule that said so first.
public struct NameDescription: Sendable, Equatable {
    public var secretClass: SecretClass?
    public var issuer: String?
    public var rule: String?
    /// The rule that gave the class, and whether it is a catch-all (`fallback: true`), which
    /// any other evidence outranks.
    public var classRule: String? = nil
    public var classIsFallback = false
}

/// What the rules say about a value that passed through memory: the issuer rule it matches.
public struct ValueDescription: Sendable, Equatable {
    public var rule: String
    public var issuer: String
    public var isPublic: Bool
    public var isTest: Bool
}
