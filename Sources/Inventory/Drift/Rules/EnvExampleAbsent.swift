/// Stored and read, declared elsewhere, but in no `.env.example`: a newcomer cannot know it is needed.
enum EnvExampleAbsent: DriftRule {
    static let description = DriftRuleDescription(
        id: .envExampleAbsent, severity: .fixed(.low), title: "Stored and read, but in no .env.example",
        when: "a secret stored, read and declared elsewhere, but in no `.env.example`",
        fix: "add NAME= to the .env.example of the repo that reads it")

    static let examples = [
        DriftExample(expected: ["Low CRON_TOKEN -"]) {
            $0.readers = [DriftExample.read("CRON_TOKEN", "web/src/cron.ts:2")]
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3"),
                               DriftExample.declare("SESSION_SECRET", .envExample, "web/.env.example:1")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil)]), DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil)])]
        },
        // Listed commented (`# CRON_TOKEN=`): documented, switched off; a newcomer reads it there.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("CRON_TOKEN", "web/src/cron.ts:2")]
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3"),
                               DriftExample.declare("CRON_TOKEN", .envExample, "web/.env.example:4") { $0.commented = true }]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil)]), DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil)])]
        },
        // A system with no .env.example at all is not told to add one name to it.
        DriftExample(expected: []) {
            $0.readers = [DriftExample.read("CRON_TOKEN", "web/src/cron.ts:2")]
            $0.declarations = [DriftExample.contract("CRON_TOKEN", "/p/CRON_TOKEN", "web/taskdef.json:3")]
            $0.listings = [DriftExample.ssm("production", "/p/", [("CRON_TOKEN", nil)]), DriftExample.ssm("staging", "/s/", [("CRON_TOKEN", nil)])]
        },
    ]

    static func run(_ c: inout DriftContext) {
        guard c.hasEnvExamples else { return }
        // A commented line (`# KEY=`, `#KEY=value`) documents the name: it counts as listed.
        for record in c.inventory.records where record.secretClass.isSecret && record.declarations([.envExample]).isEmpty {
            let stored = record.stores.filter { $0.environment != nil && $0.kind != .github }
            guard !record.readers.isEmpty, record.isDeclared, record.tenants == nil, !stored.isEmpty else { continue }
            c.add(DriftFinding(rule: description.id, severity: .low, record: record,
                               summary: "\(record.name) is stored and \(record.readerText) but no .env.example lists it",
                               evidence: stored.map { "\($0.kind) \($0.path)" } + record.readers.map(\.text),
                               fix: "add \(record.name)= to the .env.example of the repo that reads it"))
        }
    }
}

extension DriftContext {
    var hasEnvExamples: Bool { inventory.records.contains { !$0.declarations([.envExample]).isEmpty } }
}
