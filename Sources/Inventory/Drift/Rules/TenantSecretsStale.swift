import Stores

/// Per-tenant credentials older than `drift.tenant_max_age_days`: the tenants should rotate them.
enum TenantSecretsStale: DriftRule {
    static let description = DriftRuleDescription(
        id: .tenantSecretsStale, severity: .fixed(.low), title: "Tenants' credentials older than the maximum age",
        when: "per-tenant credentials older than `drift.tenant_max_age_days` (180)",
        fix: "nudge those tenants to rotate")

    static let examples = [
        DriftExample(expected: ["Low BUBBLE_API_TOKEN -"]) {
            $0.listings = [tenants(ages: [10, 120, 200])]
        },
        // The configured age is what is counted: at 90 days two of three are old…
        DriftExample(expected: ["Low BUBBLE_API_TOKEN -"]) {
            $0.listings = [tenants(ages: [10, 120, 150])]
            $0.options.tenantMaxAgeDays = 90
        },
        // …and at 365 none is.
        DriftExample(expected: []) {
            $0.listings = [tenants(ages: [10, 120, 200])]
            $0.options.tenantMaxAgeDays = 365
        },
    ]

    static func tenants(ages: [Int]) -> StoreListing {
        var l = StoreListing(kind: .postgres, location: "postgres:DB")
        var summary = TenantSecretSummary(name: "BUBBLE_API_TOKEN", tenants: ages.count, oldestUpdate: nil, newestUpdate: nil,
                                          olderThan90Days: ages.filter { $0 >= 90 }.count, olderThan180Days: ages.filter { $0 >= 180 }.count,
                                          olderThan365Days: ages.filter { $0 >= 365 }.count)
        summary.updateAgesDays = ages
        l.tenantSecrets = [summary]
        return l
    }

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records {
            guard let t = record.tenants else { continue }
            let (count, days) = t.olderThan(days: c.options.tenantMaxAgeDays)
            guard count > 0 else { continue }
            c.add(DriftFinding(rule: description.id, severity: .low, record: record,
                               summary: "\(count) of \(t.tenants) tenants' \(record.name) are older than \(days) days",
                               evidence: ["oldest update \(t.oldestUpdate ?? "?")"], fix: "nudge those tenants to rotate"))
        }
    }
}

extension TenantSecretSummary {
    /// How many credentials are at least `days` days old, and the threshold actually counted: a
    /// snapshot from before ages were kept has only the 90/180/365 buckets, so the largest bucket
    /// at or below `days` is used (it counts at least as many), and its days are what is said.
    func olderThan(days: Int) -> (count: Int, days: Int) {
        if let ages = updateAgesDays { return (ages.filter { $0 >= days }.count, days) }
        let buckets = [(365, olderThan365Days), (180, olderThan180Days), (90, olderThan90Days)]
        guard let bucket = buckets.first(where: { $0.0 <= days }) else { return (olderThan90Days, 90) }
        return (bucket.1, bucket.0)
    }
}
