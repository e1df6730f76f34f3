/// Every store provider, in the order their listings come out (a snapshot's order: keep it).
/// The config's `stores:` and `environments.NAME` shapes, its decoding and the reader's work are
/// all built from this list: adding a provider is its file and one line here.
enum StoreProviders {
    static let all: [RegisteredStoreProvider] = [
        RegisteredStoreProvider(AWSStores.self),          // ssm, iam, secretsmanager
        RegisteredStoreProvider(GitHubProvider.self),
        RegisteredStoreProvider(VaultProvider.self),
        RegisteredStoreProvider(EnvFileProvider.self),
        RegisteredStoreProvider(PostgresProvider.self),
    ]

    /// The `stores:` keys and their shapes, from every provider.
    static var storeKeys: [String: ConfigShape] {
        all.reduce(into: [:]) { keys, provider in keys.merge(provider.storeKeys) { first, _ in first } }
    }

    /// The keys of `environments.NAME` the providers read, each a string.
    static var environmentKeys: [String] { all.flatMap(\.environmentKeys) }
}
