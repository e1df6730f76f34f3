import SourceScan

/// The worst case: a hard-coded literal equal to a stored secret. Rotating it means changing code
/// in every repo that holds the literal and redeploying them with the store.
enum LiteralEqualsStored: DriftRule {
    static let description = DriftRuleDescription(
        id: .literalEqualsStored, severity: .fixed(.high), title: "Hard-coded literal equal to a stored secret",
        when: "a hard-coded literal, or a variable's hard-coded default (compose, script, Dockerfile, code; a placeholder too), whose fingerprint equals a stored value: rotating it needs coordinated deploys of every repo that holds it",
        fix: "read the value from the store instead of the literal")

    static let examples = [
        DriftExample(expected: ["High CALLBACK_TOKEN -"]) {
            $0.readers = [DriftExample.read("CALLBACK_TOKEN")]
            $0.declarations = [DriftExample.declare("CALLBACK_TOKEN", .envExample, "web/.env.example:1")]
            $0.literals = [DriftExample.literal("lambda/index.js:9", fingerprint: "f-cb")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")]), DriftExample.ssm("staging", "/s/", [("CALLBACK_TOKEN", "f-cb2")])]
        },
        // A compose default (`${CALLBACK_TOKEN:-…}`) a deployment kept: the store holds it.
        DriftExample(expected: ["High CALLBACK_TOKEN -"]) {
            $0.declarations = [DriftExample.declare("CALLBACK_TOKEN", .composeInterpolation, "web/docker-compose.yml:7")]
            $0.defaults = [DriftExample.environmentDefault("CALLBACK_TOKEN", "web/docker-compose.yml:7", fingerprint: "f-cb")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")])]
        },
        // A placeholder default (`${SECRET_KEY:-changeme}`) still in the store: found all the same.
        DriftExample(expected: ["High SECRET_KEY -"]) {
            $0.declarations = [DriftExample.declare("SECRET_KEY", .dockerfileEnv, "web/Dockerfile:3")]
            $0.defaults = [DriftExample.environmentDefault("SECRET_KEY", "web/Dockerfile:3", fingerprint: "f-changeme", placeholder: true,
                                                           context: .dockerfileEnv)]
            $0.listings = [DriftExample.ssm("production", "/p/", [("SECRET_KEY", "f-changeme")])]
        },
        // The store holds another value: the default is only reported, not drift.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("CALLBACK_TOKEN", .composeInterpolation, "web/docker-compose.yml:7")]
            $0.defaults = [DriftExample.environmentDefault("CALLBACK_TOKEN", "web/docker-compose.yml:7", fingerprint: "f-default")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")])]
        },
        // A placeholder default of another name equal to this secret's value joins nothing.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("DEBUG", .composeInterpolation, "web/docker-compose.yml:8"),
                               DriftExample.declare("FEATURE_TOKEN", .envExample, "web/.env.example:1")]
            $0.defaults = [DriftExample.environmentDefault("DEBUG", "web/docker-compose.yml:8", fingerprint: "f-false", placeholder: true)]
            $0.listings = [DriftExample.ssm("production", "/p/", [("FEATURE_TOKEN", "f-false")])]
        },
        // A literal equal to no stored value is a scan finding, not drift.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("CALLBACK_TOKEN")]
            $0.literals = [DriftExample.literal("lambda/index.js:9", fingerprint: "f-other")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records where !record.literals.isEmpty {
            let places = record.literals.map(place)
            let held = record.stores.filter { s in record.literals.contains { $0.fingerprint == s.fingerprint } }
            let repos = Set(record.literals.map(\.repo)).sorted()
            let literal = record.literals[0]
            // A store holding a placeholder default (`changeme`) was never set: said as such.
            let placeholder = record.literals.contains { $0.placeholder == true }
                ? "; that value is a placeholder default, never replaced by a real one" : ""
            c.add(DriftFinding(rule: description.id, severity: .high, record: record,
                               summary: "the value of \(record.name) in \(held.map { "\($0.kind) \($0.path)" }.joined(separator: ", ")) is hard-coded at \(places.joined(separator: ", "))" + placeholder,
                               evidence: places + held.map { "\($0.kind) \($0.path) (\($0.hint ?? "same fingerprint"))" },
                               fix: "read it from the store in \(repos.joined(separator: ", ")); until then a rotation needs coordinated deploys of \(repos.joined(separator: ", ")) and the store",
                               location: .init(repo: literal.repo, path: literal.path, line: literal.line)))
        }
    }

    /// `repo/path:line`, and for an environment default what it is: `(default of X, cha…me)`.
    static func place(_ l: Literal) -> String {
        let at = "\(l.repo)/\(l.path):\(l.line)"
        guard let context = l.contextKind, context.isEnvironmentDefault else { return at }
        let kind = l.placeholder == true ? "placeholder default" : "default"
        return at + " (\(kind) of \(l.target ?? "?"), \(l.hint))"
    }
}
