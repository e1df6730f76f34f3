/// A build-time-public variable (`NEXT_PUBLIC_`, `VITE_`…) holding a secret value: it is in every
/// browser bundle.
enum SecretInPublicVariable: DriftRule {
    static let description = DriftRuleDescription(
        id: .secretInPublicVariable, severity: .fixed(.high), title: "Secret value in a public variable",
        when: "a build-time-public variable (`NEXT_PUBLIC_`, `VITE_`…) holding a secret-class value",
        fix: "rotate the value now and read it server-side under a non-public name")

    static let examples = [
        DriftExample(expected: ["High NEXT_PUBLIC_STRIPE_KEY production"]) {
            $0.readers = [DriftExample.read("NEXT_PUBLIC_STRIPE_KEY")]
            var prod = DriftExample.ssm("production", "/p/", [("NEXT_PUBLIC_STRIPE_KEY", "f-public")])
            prod.secrets[0].valueRule = "stripe-secret-key"
            $0.listings = [prod]
        },
        // A publishable key is meant to be public.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("NEXT_PUBLIC_STRIPE_KEY")]
            var prod = DriftExample.ssm("production", "/p/", [("NEXT_PUBLIC_STRIPE_KEY", "f-public")])
            prod.secrets[0].valueRule = "stripe-publishable-key"; prod.secrets[0].valueIsPublic = true
            $0.listings = [prod]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records where record.secretClass == .buildTimePublic {
            for e in record.stores {
                guard let rule = e.valueRule, e.valueIsPublic != true, rule != "jwt" else { continue }
                c.add(DriftFinding(rule: description.id, severity: .high, record: record, environment: e.environment,
                                   summary: "\(record.name) is baked into public bundles but holds a secret value (\(rule))",
                                   evidence: ["\(e.kind) \(e.path)"], fix: "rotate the value now and read it server-side under a non-public name"))
            }
        }
    }
}
