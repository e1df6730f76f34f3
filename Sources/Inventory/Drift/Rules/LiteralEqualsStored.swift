/// The worst case: a hard-coded literal equal to a stored secret. Rotating it means changing code
/// in every repo that holds the literal and redeploying them with the store.
enum LiteralEqualsStored: DriftRule {
    static let description = DriftRuleDescription(
        id: .literalEqualsStored, severity: .fixed(.high), title: "Hard-coded literal equal to a stored secret",
        when: "a hard-coded literal whose fingerprint equals a stored value: rotating it needs coordinated deploys of every repo that holds it",
        fix: "read the value from the store instead of the literal")

    static let examples = [
        DriftExample(expected: ["High CALLBACK_TOKEN -"]) {
            $0.readers = [DriftExample.read("CALLBACK_TOKEN")]
            $0.declarations = [DriftExample.declare("CALLBACK_TOKEN", .envExample, "web/.env.example:1")]
            $0.literals = [DriftExample.literal("lambda/index.js:9", fingerprint: "f-cb")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CALLBACK_TOKEN", "f-cb")]), DriftExample.ssm("staging", "/s/", [("CALLBACK_TOKEN", "f-cb2")])]
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
            let places = record.literals.map { "\($0.repo)/\($0.path):\($0.line)" }
            let held = record.stores.filter { s in record.literals.contains { $0.fingerprint == s.fingerprint } }
            let repos = Set(record.literals.map(\.repo)).sorted()
            let literal = record.literals[0]
            c.add(DriftFinding(rule: description.id, severity: .high, record: record,
                               summary: "the value of \(record.name) in \(held.map { "\($0.kind) \($0.path)" }.joined(separator: ", ")) is hard-coded at \(places.joined(separator: ", "))",
                               evidence: places + held.map { "\($0.kind) \($0.path) (\($0.hint ?? "same fingerprint"))" },
                               fix: "read it from the store in \(repos.joined(separator: ", ")); until then a rotation needs coordinated deploys of \(repos.joined(separator: ", ")) and the store",
                               location: .init(repo: literal.repo, path: literal.path, line: literal.line)))
        }
    }
}
