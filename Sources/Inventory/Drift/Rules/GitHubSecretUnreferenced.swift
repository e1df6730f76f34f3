/// A GitHub secret no workflow references: left over, or used by a workflow outside the scan.
enum GitHubSecretUnreferenced: DriftRule {
    static let description = DriftRuleDescription(
        id: .githubSecretUnreferenced, severity: .fixed(.low), title: "GitHub secret no workflow uses",
        when: "a GitHub secret no workflow references",
        fix: "gh secret delete NAME")

    static let examples = [
        DriftExample(expected: ["Low OLD_SLACK_TOKEN -"]) {
            $0.declarations = [DriftExample.declare("NPM_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:9")]
            $0.listings = [DriftExample.github("acme/web", ["NPM_TOKEN", "OLD_SLACK_TOKEN"])]
        },
        // An incomplete listing proves nothing.
        DriftExample(expected: []) {
            var listing = DriftExample.github("acme/web", ["OLD_SLACK_TOKEN"])
            listing.complete = false
            $0.listings = [listing]
        },
    ]

    static func run(_ c: inout DriftContext) {
        let referenced = Set(c.inventory.records.flatMap { $0.declarations([.workflowSecret]).map(\.name) })
        for l in c.stores.listings where l.kind == .github && l.complete {
            for s in l.secrets where !referenced.contains(s.name) {
                guard let record = c.inventory.record(s.name) else { continue }
                var f = DriftFinding(rule: description.id, severity: .low, record: record, environment: l.environment,
                                     summary: "GitHub secret \(s.name) (\(l.location)) is referenced by no workflow",
                                     evidence: ["github \(l.location)/\(s.name)"], fix: "delete it: gh secret delete \(s.name)")
                f.id += ":" + l.location
                c.add(f)
            }
        }
    }
}
