import Foundation
import SourceScan
import Stores

/// `secretmap stores` and `secretmap snapshot`: what each store holds.
public enum StoresOutput {
    /// A fingerprint as the table shows it: the scheme and the first 12 hex digits of the digest
    /// (`hmac-sha256:1a2b3c4d5e6f`), enough to tell values apart by eye; JSON carries it whole.
    /// (Cutting the whole text at 12 characters left `hmac-sha256:` and no digest at all.)
    static func shortFingerprint(_ fingerprint: String) -> String {
        guard let colon = fingerprint.firstIndex(of: ":") else { return String(fingerprint.prefix(12)) }
        return String(fingerprint[...colon]) + fingerprint[fingerprint.index(after: colon)...].prefix(12)
    }

    public static func text(_ snapshot: StoreSnapshot) -> String {
        var out = ""
        for listing in snapshot.listings {
            // Locations (a .env file's path, a table, a Vault mount) come from the config and the
            // stores: printable, so none can add lines (table cells are escaped by `Table`).
            let env = listing.environment.map { " (\(Printable.escape($0)))" } ?? ""
            let location = Printable.escape(listing.location)
            if !listing.complete {
                out += "\(listing.kind) \(location)\(env): INCOMPLETE: \(Printable.escape(listing.problem ?? "unknown problem"))\n\n"
                continue
            }
            if let tenants = listing.tenantSecrets {
                out += "\(listing.kind) \(location)\(env): \(tenants.count) names, per tenant\n"
                var table = Table(header: ["NAME", "TENANTS", "OLDEST UPDATE", "NEWEST UPDATE", ">90 D", ">180 D", ">365 D"])
                for t in tenants {
                    table.rows.append([t.name, "\(t.tenants)", t.oldestUpdate ?? "-", t.newestUpdate ?? "-",
                                       "\(t.olderThan90Days)", "\(t.olderThan180Days)", "\(t.olderThan365Days)"])
                }
                out += (tenants.isEmpty ? "" : table.text()) + "\n"
                continue
            }
            out += "\(listing.kind) \(location)\(env): \(listing.secrets.count) secrets\n"
            var table = Table(header: ["NAME", "PATH", "LAST MODIFIED", "BY", "VERSION", "FINGERPRINT"])
            for s in listing.secrets {
                let keys = s.keys.map { " keys " + $0.keys.sorted().joined(separator: ",") } ?? ""
                table.rows.append([s.name, s.path, s.lastModified ?? "-", s.lastModifiedBy ?? "-", s.version.map(String.init) ?? "-",
                                   (s.fingerprint.map { "\(Self.shortFingerprint($0)) \(s.hint ?? "")" } ?? "-") + keys])
            }
            out += (listing.secrets.isEmpty ? "" : table.text()) + "\n"
        }
        let incomplete = snapshot.listings.filter { !$0.complete }.count
        out += "\(snapshot.listings.count) store listings, \(incomplete) incomplete; fingerprint key \(snapshot.keyId)\n"
        return out
    }

    public static func json(_ snapshot: StoreSnapshot) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(snapshot)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
