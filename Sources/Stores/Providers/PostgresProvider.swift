import Declarations
import Foundation
import Yams

/// Per-tenant credentials in the application's PostgreSQL, through `psql` and a URL taken from an
/// environment variable. The configured query returns tenant, name, created_at, updated_at (in
/// that order); further columns are ignored, so a value column can never be read by mistake into
/// the result. The listing holds counts and ages per name, not rows per tenant.
struct PostgresProvider {
    var config: SecretMapConfig.Postgres
    var runner: CommandRunner
    var now: Date = Date()

    func list() -> StoreListing {
        let location = "postgres:\(config.urlEnv)"
        guard let url = runner.environment[config.urlEnv], !url.isEmpty else {
            return .failed(.postgres, location, environment: nil, "\(config.urlEnv) is not set: export the database URL the query runs against")
        }
        var listing = StoreListing(kind: .postgres, location: location, environment: nil)
        do {
            let data = try runner.run("psql", [url, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-c", config.query],
                                      extraEnvironment: ["PGCONNECT_TIMEOUT": "10"])
            let rows = CSV.rows(String(decoding: data, as: UTF8.self)).dropFirst()   // the header
            var byName: [String: [(tenant: String, updated: Date?)]] = [:]
            for row in rows where row.count >= 4 {
                byName[row[1], default: []].append((row[0], StoreDate.parse(row[3]) ?? StoreDate.parse(row[2])))
            }
            listing.tenantSecrets = byName.keys.sorted().map { name in
                let entries = byName[name]!
                let dates = entries.compactMap(\.updated)
                func older(_ days: Double) -> Int { dates.filter { now.timeIntervalSince($0) > days * 86_400 }.count }
                return TenantSecretSummary(name: name, tenants: Set(entries.map(\.tenant)).count,
                                           oldestUpdate: dates.min().map(StoreDate.format), newestUpdate: dates.max().map(StoreDate.format),
                                           olderThan90Days: older(90), olderThan180Days: older(180), olderThan365Days: older(365),
                                           updateAgesDays: dates.map { Int(now.timeIntervalSince($0) / 86_400) }.sorted(by: >))
            }
        } catch {
            // psql puts the URL in some errors: never repeat it.
            return .failed(.postgres, location, environment: nil, "\(error)".replacingOccurrences(of: url, with: "$\(config.urlEnv)"))
        }
        return listing
    }
}

extension PostgresProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = [
        "postgres": .object(["url_env": .string, "query": .string], required: ["url_env", "query"]),
    ]
    static let kinds: [StoreKind] = [.postgres]

    static func section(_ stores: Node?, paths: ConfigPaths) -> SecretMapConfig.Postgres? {
        guard let p = stores?["postgres"] else { return nil }
        return SecretMapConfig.Postgres(urlEnv: p["url_env"]!.string!, query: p["query"]!.string!)
    }

    static func tasks(_ postgres: SecretMapConfig.Postgres, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        let runner = context.runner
        return [{ PostgresProvider(config: postgres, runner: runner).list() }]
    }

    static func credentials(_ postgres: SecretMapConfig.Postgres) -> StoreCredentials {
        StoreCredentials(environmentVariables: [postgres.urlEnv])
    }
}

extension SecretMapConfig {
    /// `stores.postgres`: the variable holding the database URL, and the listing query.
    public struct Postgres: Sendable { public var urlEnv: String; public var query: String }

    public var postgres: Postgres? { section(PostgresProvider.self) }
}

/// RFC 4180 rows (psql --csv): quoted fields, doubled quotes, newlines inside quotes.
enum CSV {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var chars = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
            } else {
                switch c {
                case "\"": quoted = true
                case ",": row.append(field); field = ""
                case "\n", "\r\n": row.append(field); rows.append(row); row = []; field = ""
                case "\r": continue
                default: field.append(c)
                }
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
