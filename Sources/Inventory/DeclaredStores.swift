import Declarations
import Stores

/// Stores the repositories point at that secretmap does not list: 1Password, through secret
/// references (`op://vault/item/field`). What they hold is known from the references only, so
/// the inventory map gives one row per vault and item: the names that point there, who puts the
/// values in (people, in 1Password) and the files that read them (through `op run`, `op inject`
/// or an integration).
public struct DeclaredStore: Sendable, Equatable {
    public var kind: StoreKind
    /// `vault/item`.
    public var location: String
    /// The names pointing there, sorted, each once.
    public var names: [String]
    /// The files holding the references (`repo/path`), sorted.
    public var files: [String]

    /// One per kind and location, in that order; a vault read through Connect (a complete
    /// listing among `listed`) has its own rows and gets none here.
    public static func of(_ declarations: [Declaration], listed: [StoreListing] = []) -> [DeclaredStore] {
        let listedVaults = Set(listed.filter { $0.kind == .onePassword && $0.complete }.map { $0.location.lowercased() })
        var groups: [String: DeclaredStore] = [:]
        for d in declarations {
            guard d.store == .onePassword, let path = d.storePath else { continue }
            let segments = path.split(separator: "/")
            if let vault = segments.first, listedVaults.contains(vault.lowercased()) { continue }
            let location = segments.prefix(2).joined(separator: "/")
            var store = groups[location] ?? DeclaredStore(kind: .onePassword, location: location, names: [], files: [])
            if !store.names.contains(d.name) { store.names.append(d.name) }
            let file = "\(d.repo)/\(d.path)"
            if !store.files.contains(file) { store.files.append(file) }
            groups[location] = store
        }
        return groups.values.map { s in
            var s = s
            s.names.sort(); s.files.sort()
            return s
        }.sorted { ($0.kind, $0.location) < ($1.kind, $1.location) }
    }
}
