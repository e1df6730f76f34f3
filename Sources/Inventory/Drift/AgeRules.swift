import Foundation

/// Rule 10: ages. A store's date is when the value was uploaded there, not when the issuer
/// issued it: every finding says the issuer's rotation time is unknown.
extension DriftContext {
    mutating func ageRules() {
        for record in inventory.records {
            var old: [(SecretRecord.StoreEntry, Int)] = []
            for e in record.stores {
                guard let modified = e.lastModified.flatMap(parseDate) else { continue }
                let days = Int(asOf.timeIntervalSince(modified) / 86_400)
                if days > options.maxAgeDays { old.append((e, days)) }
            }
            if !old.isEmpty {
                add(DriftFinding(rule: "stale", severity: .medium, record: record,
                                 summary: "\(record.name) was last written to \(old.map { "\($0.0.kind) \($0.0.path)" }.joined(separator: ", ")) \(old.map(\.1).max()!) days ago; issuer rotation time unknown",
                                 evidence: old.map { "\($0.0.kind) \($0.0.path) modified \($0.0.lastModified ?? "?")" },
                                 fix: "rotate it at \(record.issuer ?? "its issuer") and record the issuer-side date"))
            } else if record.secretClass == .platform, let issuer = record.issuer, !record.stores.isEmpty {
                let dates = record.stores.compactMap { e in e.lastModified.map { "\(e.kind) \(e.path) \($0)" } }
                add(DriftFinding(rule: "issuer-rotation-unknown", severity: .low, record: record,
                                 summary: "when \(issuer) issued \(record.name) is unknown: store dates are upload times, not rotations",
                                 evidence: dates, fix: "look up when \(issuer) issued the key (its dashboard or API) and record the date"))
            }
            if let t = record.tenants, t.olderThan180Days > 0 {
                add(DriftFinding(rule: "tenant-secrets-stale", severity: .low, record: record,
                                 summary: "\(t.olderThan180Days) of \(t.tenants) tenants' \(record.name) are older than \(options.tenantMaxAgeDays) days",
                                 evidence: ["oldest update \(t.oldestUpdate ?? "?")"], fix: "nudge those tenants to rotate"))
            }
        }
    }

    func parseDate(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s)
    }
}
