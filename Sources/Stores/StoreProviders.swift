import Declarations

/// Every store provider, in the order their listings come out (a snapshot's order: keep it): the
/// order of their first kind in `StoreKind`. The config's `stores:` and `environments.NAME`
/// shapes, its decoding and the reader's work are all built from this list, and the list is
/// generated (`registered`, by scripts/generate-registries): adding a provider is its file.
enum StoreProviders {
    static let all: [RegisteredStoreProvider] = registered.sorted { a, b in
        (a.kinds.first.flatMap(StoreKind.allCases.firstIndex) ?? .max, a.name) < (b.kinds.first.flatMap(StoreKind.allCases.firstIndex) ?? .max, b.name)
    }

    /// The `stores:` keys and their shapes, from every provider.
    static var storeKeys: [String: ConfigShape] {
        all.reduce(into: [:]) { keys, provider in keys.merge(provider.storeKeys) { first, _ in first } }
    }

    /// The keys of `environments.NAME` the providers read, each a string.
    static var environmentKeys: [String] { all.flatMap(\.environmentKeys) }
}
