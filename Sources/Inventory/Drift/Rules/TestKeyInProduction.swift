/// A test-mode key where production needs a live one.
enum TestKeyInProduction: DriftRule {
    static let description = DriftRuleDescription(
        id: .testKeyInProduction, severity: .fixed(.high), title: "Test-mode key in production",
        when: "a test-mode key (Stripe `sk_test_`) in production",
        fix: "store the live key")

    static let examples = [
        DriftExample(expected: ["High STRIPE_SECRET_KEY production"]) {
            $0.readers = [DriftExample.read("STRIPE_SECRET_KEY")]
            var prod = DriftExample.ssm("production", "/p/", [("STRIPE_SECRET_KEY", "f-test")])
            prod.secrets[0].valueRule = "stripe-secret-key"; prod.secrets[0].valueIsTest = true
            $0.listings = [prod, DriftExample.ssm("staging", "/s/", [("STRIPE_SECRET_KEY", "f-stage")])]
        },
        // A test key in staging is what staging should hold.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("STRIPE_SECRET_KEY")]
            var staging = DriftExample.ssm("staging", "/s/", [("STRIPE_SECRET_KEY", "f-test")])
            staging.secrets[0].valueRule = "stripe-secret-key"; staging.secrets[0].valueIsTest = true
            $0.listings = [DriftExample.ssm("production", "/p/", [("STRIPE_SECRET_KEY", "f-live")]), staging]
        },
    ]

    static func run(_ c: inout DriftContext) {
        let prod = c.production
        for record in c.inventory.records {
            for e in record.stores where e.valueIsTest == true && e.environment == prod {
                c.add(DriftFinding(rule: description.id, severity: .high, record: record, environment: e.environment,
                                   summary: "\(e.kind) \(e.path) holds a test-mode key (\(e.hint ?? "")) in production",
                                   evidence: ["\(e.kind) \(e.path)"], fix: "store the live key"))
            }
        }
    }
}
