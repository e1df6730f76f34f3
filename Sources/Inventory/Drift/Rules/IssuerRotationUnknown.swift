/// A platform key not yet stale: store dates are upload times, so when the issuer issued it is
/// unknown until someone reads it from the issuer's dashboard.
enum IssuerRotationUnknown: DriftRule {
    static let description = DriftRuleDescription(
        id: .issuerRotationUnknown, severity: .fixed(.low), title: "Issuer's issue date unknown",
        when: "a platform key: store dates are upload times, the issuer's issue date must be read from its dashboard",
        fix: "look up when the issuer issued the key and record the date")

    static let examples = [
        DriftExample(expected: ["Low POSTMARK_SERVER_TOKEN -"]) {
            $0.readers = [DriftExample.read("POSTMARK_SERVER_TOKEN")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("POSTMARK_SERVER_TOKEN", nil)])]
        },
        // A stale key is reported as stale, not twice; an internal secret has no issuer.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("POSTMARK_SERVER_TOKEN"), DriftExample.read("SESSION_SECRET")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("POSTMARK_SERVER_TOKEN", nil)], modified: "2025-06-01T00:00:00Z"),
                           DriftExample.ssm("production", "/p2/", [("SESSION_SECRET", nil)])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records where record.secretClass == .platform && !record.stores.isEmpty {
            guard let issuer = record.issuer, c.storesOlderThanMaxAge(record).isEmpty else { continue }
            let dates = record.stores.compactMap { e in e.lastModified.map { "\(e.kind) \(e.path) \($0)" } }
            c.add(DriftFinding(rule: description.id, severity: .low, record: record,
                               summary: "when \(issuer) issued \(record.name) is unknown: store dates are upload times, not rotations",
                               evidence: dates, fix: "look up when \(issuer) issued the key (its dashboard or API) and record the date"))
        }
    }
}
