import Declarations
import Stores

/// Who puts values into a store and what reads from it: the inventory map's two right-hand
/// columns, decided here from the declarations (scripts, Terraform, deploy contracts, workflows)
/// so the document only renders them.
public struct StoreUsage: Sendable, Equatable {
    public enum Writers: Sendable, Equatable {
        /// Scripts or Terraform files that write to it (`repo/path`, sorted).
        case files([String])
        /// A store values are put into by people (an env file).
        case byHand
        /// A store with no script found that writes to it.
        case noScriptFound
        /// The application writes it (per-tenant credentials).
        case applicationPerTenant
    }

    public enum Readers: Sendable, Equatable {
        /// Deploy contracts, workflows or manifests that read from it (`repo/path`, sorted).
        case files([String])
        /// No contract names it: code reads it directly, if anything does.
        case codeDirectly
        /// The application reads it (per-tenant credentials).
        case application
    }

    public var writers: Writers
    public var readers: Readers

    public init(of listing: StoreListing, declarations: [Declaration]) {
        writers = Self.writers(of: listing, declarations)
        readers = Self.readers(of: listing, declarations)
    }

    static func writers(of l: StoreListing, _ declarations: [Declaration]) -> Writers {
        switch l.kind.writers {
        case .applicationPerTenant: return .applicationPerTenant
        case .byHand: return .byHand
        case .declarations(let kinds, let pointed):
            // `vercel env add` and `fly secrets set` are one kind of declaration: its store says which.
            let files = Set(declarations.filter { d in
                kinds.contains(d.kind) && (pointed ? Self.declaration(d, pointsInto: l) : d.store.map { $0.storeKind == l.kind } ?? true)
            }.map { "\($0.repo)/\($0.path)" })
            return files.isEmpty ? .noScriptFound : .files(files.sorted())
        }
    }

    static func readers(of l: StoreListing, _ declarations: [Declaration]) -> Readers {
        switch l.kind.readers {
        case .workflows:
            return .files(Set(declarations.filter { $0.kind == .workflowSecret }.map { "\($0.repo)/\($0.path)" }).sorted())
        case .application: return .application
        case .manifests(let kinds):
            // A listing's path ends in OBJECT/KEY: the objects it holds, by name.
            let objects = Set(l.secrets.compactMap { $0.path.split(separator: "/").dropLast().last.map(String.init) })
            let files = Set(declarations.filter { d in
                kinds.contains(d.kind) && d.store?.storeKind == l.kind && d.storePath.map(objects.contains) == true
            }.map { "\($0.repo)/\($0.path)" })
            return files.isEmpty ? .codeDirectly : .files(files.sorted())
        case .deployContracts:
            let files = Set(declarations.filter { d in
                Declaration.contractKinds.contains(d.kind) && Self.declaration(d, pointsInto: l)
            }.map { "\($0.repo)/\($0.path)" })
            return files.isEmpty ? .codeDirectly : .files(files.sorted())
        }
    }

    /// Whether a declaration's store path lies in what a listing covers (its prefix; a Secrets
    /// Manager listing of `*` covers every secret).
    public static func declaration(_ d: Declaration, pointsInto l: StoreListing) -> Bool {
        guard d.store?.storeKind == l.kind, let path = d.storePath else { return false }
        if l.kind == .secretsManager && l.location == "*" { return true }
        return Declaration.path(path, under: l.location) != nil
    }
}

extension Inventory {
    /// The secrets that get a runbook in the document: those whose rotation is ours to carry out
    /// (platform keys, internal-minted secrets, data-encryption keys) and for which a runbook has
    /// something to say, a store to update or an issuer to mint at and revoke from.
    public var secretsWithRunbooks: [SecretRecord] {
        records.filter { Self.rotatedByUs($0) && (!$0.stores.isEmpty || $0.issuer != nil) }
    }

    /// Ours to rotate, but with no store and no known issuer: each runbook would be the same
    /// steps of "unknown" (on a first run, before any store is configured, that is most of them),
    /// so the document lists them in one table instead.
    public var secretsWithoutRunbooks: [SecretRecord] {
        records.filter { Self.rotatedByUs($0) && $0.stores.isEmpty && $0.issuer == nil }
    }

    static func rotatedByUs(_ r: SecretRecord) -> Bool { r.secretClass.hasRunbook }
}

extension SecretRecord.SecretClass {
    /// Whether rotating it is ours to carry out: per-tenant credentials belong to the tenants,
    /// public and configuration values are not rotated.
    var hasRunbook: Bool {
        switch self {
        case .platform, .internalMinted, .dataEncryptionKey: return true
        case .perTenant, .buildTimePublic, .config: return false
        }
    }
}
