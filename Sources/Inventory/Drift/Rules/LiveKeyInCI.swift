/// A live key in CI: every workflow run, fork pull requests' included where allowed, can use it.
enum LiveKeyInCI: DriftRule {
    static let description = DriftRuleDescription(
        id: .liveKeyInCI, severity: .fixed(.high), title: "Live key in CI",
        when: "a live key in a GitHub store",
        fix: "use a test-mode key in CI")

    static let examples = [
        DriftExample(expected: ["High STRIPE_SECRET_KEY -"]) {
            var ci = DriftExample.github("acme/web", ["STRIPE_SECRET_KEY"])
            ci.secrets[0].valueRule = "stripe-secret-key"; ci.secrets[0].valueIsTest = false
            $0.declarations = [DriftExample.declare("STRIPE_SECRET_KEY", .workflowSecret, "web/.github/workflows/ci.yml:9")]
            $0.listings = [ci]
        },
        DriftExample(expected: []) {
            var ci = DriftExample.github("acme/web", ["STRIPE_SECRET_KEY"])
            ci.secrets[0].valueRule = "stripe-secret-key"; ci.secrets[0].valueIsTest = true
            $0.declarations = [DriftExample.declare("STRIPE_SECRET_KEY", .workflowSecret, "web/.github/workflows/ci.yml:9")]
            $0.listings = [ci]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records {
            for e in record.stores where e.kind == .github && e.valueRule != nil && e.valueIsTest == false {
                c.add(DriftFinding(rule: description.id, severity: .high, record: record,
                                   summary: "\(e.path) in GitHub holds a live key", evidence: ["github \(e.path)"], fix: "use a test-mode key in CI"))
            }
        }
    }
}
