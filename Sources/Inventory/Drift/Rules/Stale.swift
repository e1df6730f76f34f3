import Foundation

/// Last written to a store longer ago than `drift.max_age_days`. A store's date is when the value
/// was uploaded there, not when the issuer issued it: the finding says the issuer's time is unknown.
enum Stale: DriftRule {
    static let description = DriftRuleDescription(
        id: .stale, severity: .fixed(.medium), title: "Not written for longer than the maximum age",
        when: "last written to a store more than `drift.max_age_days` (365) ago; the issuer's rotation time is unknown",
        fix: "rotate it at its issuer and record the issuer-side date")

    static let examples = [
        DriftExample(expected: ["Medium STRIPE_SECRET_KEY -"]) {
            $0.readers = [DriftExample.read("STRIPE_SECRET_KEY")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("STRIPE_SECRET_KEY", nil)], modified: "2025-06-01T00:00:00Z")]
        },
        // The threshold is the configured one.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("STRIPE_SECRET_KEY")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("STRIPE_SECRET_KEY", nil)], modified: "2025-06-01T00:00:00Z")]
            $0.options.maxAgeDays = 730
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records {
            let old = c.storesOlderThanMaxAge(record)
            guard !old.isEmpty else { continue }
            c.add(DriftFinding(rule: description.id, severity: .medium, record: record,
                               summary: "\(record.name) was last written to \(old.map { "\($0.0.kind) \($0.0.path)" }.joined(separator: ", ")) \(old.map(\.1).max()!) days ago; issuer rotation time unknown",
                               evidence: old.map { "\($0.0.kind) \($0.0.path) modified \($0.0.lastModified ?? "?")" },
                               fix: "rotate it at \(record.issuer ?? "its issuer") and record the issuer-side date"))
        }
    }
}

extension DriftContext {
    /// The record's store entries last written more than `maxAgeDays` ago, with their age in days.
    func storesOlderThanMaxAge(_ record: SecretRecord) -> [(SecretRecord.StoreEntry, Int)] {
        record.stores.compactMap { e in
            guard let modified = e.lastModified.flatMap(parseDate) else { return nil }
            let days = Int(asOf.timeIntervalSince(modified) / 86_400)
            return days > options.maxAgeDays ? (e, days) : nil
        }
    }

    func parseDate(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s)
    }
}
