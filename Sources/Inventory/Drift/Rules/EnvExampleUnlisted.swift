import Declarations

/// Read by code and declared for it elsewhere (a workflow's `secrets.X`, an env schema, a
/// Dockerfile, turbo.json, compose, k8s, a deploy contract), but in no `.env.example` of the repo
/// that reads it: a newcomer setting that repo up cannot know it is needed. Unlike
/// env-example-absent it needs no store, so the first run (no stores configured) finds it.
enum EnvExampleUnlisted: DriftRule {
    static let description = DriftRuleDescription(
        id: .envExampleUnlisted, severity: .fixed(.low), title: "Read and declared, not in its .env.example",
        when: "a secret code reads and a workflow, schema, Dockerfile, turbo.json, compose, k8s or contract declares, but that no `.env.example` of the reading repo lists (repos with one; no stores needed)",
        fix: "add NAME= to the reading repo's .env.example")

    /// Declarations that say the running system needs the name (not the example itself, not a
    /// real env file, not a script that provisions it).
    static let evidenceKinds: Set<Declaration.Kind> = [
        .workflowSecret, .envSchema, .settingsField, .dockerfileArg, .dockerfileEnv, .dockerfileSecret, .turboEnv,
        .composeEnvironment, .composeInterpolation, .composeSecret, .kubernetesSecretKeyRef, .kubernetesSecretKey, .externalSecret,
        .taskDefinitionSecret, .cloudFormationResolve, .serverlessSSM, .serverlessEnv, .platformEnv,
    ]

    static let examples = [
        DriftExample(expected: ["Low STRIPE_WEBHOOK_SECRET -"]) {
            $0.environments = []
            $0.readers = [DriftExample.read("STRIPE_WEBHOOK_SECRET", "web/src/webhook.ts:7")]
            $0.declarations = [DriftExample.declare("STRIPE_WEBHOOK_SECRET", .workflowSecret, "web/.github/workflows/deploy.yml:21"),
                               DriftExample.declare("SESSION_SECRET", .envExample, "web/.env.example:1")]
        },
        // Read only on its own schema line: no code needs it (declared-unread says so).
        DriftExample(expected: []) {
            $0.environments = []
            $0.readers = [DriftExample.read("SLACK_BOT_TOKEN", "web/app/env.server.ts:12")]
            $0.declarations = [DriftExample.declare("SLACK_BOT_TOKEN", .envSchema, "web/app/env.server.ts:12"),
                               DriftExample.declare("SESSION_SECRET", .envExample, "web/.env.example:1")]
        },
        // Listed commented: documented. And a repo with no .env.example is not told to add one name to it.
        DriftExample(expected: []) {
            $0.environments = []
            $0.readers = [DriftExample.read("STRIPE_WEBHOOK_SECRET", "web/src/webhook.ts:7"), DriftExample.read("CRON_TOKEN", "worker/src/cron.py:2")]
            $0.declarations = [DriftExample.declare("STRIPE_WEBHOOK_SECRET", .workflowSecret, "web/.github/workflows/deploy.yml:21"),
                               DriftExample.declare("STRIPE_WEBHOOK_SECRET", .envExample, "web/.env.example:4") { $0.commented = true },
                               DriftExample.declare("CRON_TOKEN", .dockerfileEnv, "worker/Dockerfile:3")]
        },
    ]

    static func run(_ c: inout DriftContext) {
        // Every example file, by repo.
        var examplesByRepo: [String: Set<String>] = [:]
        for record in c.inventory.records {
            for d in record.declarations([.envExample]) { examplesByRepo[d.repo, default: []].insert(d.path) }
        }
        guard !examplesByRepo.isEmpty else { return }
        let reported = Set(c.findings.filter { $0.rule == .envExampleAbsent }.map(\.name))
        for record in c.inventory.records where record.secretClass.isSecret && record.tenants == nil && !reported.contains(record.name)
            && c.platformProviding(record.name) == nil {
            // GitHub mints secrets.GITHUB_TOKEN for each job: no one sets it up.
            let evidence = record.declarations(evidenceKinds).filter { !($0.kind == .workflowSecret && $0.name == "GITHUB_TOKEN") }
            guard !evidence.isEmpty else { continue }
            let listedIn = Set(record.declarations([.envExample]).map(\.repo))
            // A published package's users set what it reads, and a library's implied read asks
            // for nothing: neither is a reason to list the name in our example.
            let unlisted = record.consumers.filter {
                examplesByRepo[$0.repo] != nil && !listedIn.contains($0.repo) && $0.published != true && !$0.isImplied
            }
            guard let first = unlisted.first else { continue }
            let repos = unlisted.map(\.repo).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let files = repos.map { repo in
                let reader = unlisted.first { $0.repo == repo }!
                return repo + "/" + closest(examplesByRepo[repo]!, to: reader.path)
            }
            c.add(DriftFinding(rule: description.id, severity: .low, record: record,
                               summary: "\(record.name) is read at \(first.text) and declared at \(evidence[0].place), but no .env.example of \(repos.joined(separator: ", ")) lists it",
                               evidence: unlisted.map(\.text) + evidence.map(\.place),
                               fix: "add \(record.name)= to \(files.joined(separator: " and "))", location: first))
        }
    }

    /// The example file a newcomer to the reading file's app would copy: one in the reading
    /// file's folder or the nearest folder above it (an app of a monorepo that has none loads the
    /// root's `.env`), never a sibling app's example, which documents another program. Only when
    /// no example sits above the reader: the one sharing the longest folder path. Among examples
    /// in one folder the plainest name (`.env.example` before `.env.dev-azure.example`).
    static func closest(_ examples: Set<String>, to path: String) -> String {
        let readerFolder = path.split(separator: "/").dropLast()
        func folder(_ example: String) -> ArraySlice<Substring> { example.split(separator: "/").dropLast() }
        func shared(_ example: String) -> Int { zip(readerFolder, folder(example)).prefix { $0 == $1 }.count }
        func above(_ example: String) -> Bool { shared(example) == folder(example).count }
        func fileName(_ example: String) -> Substring { example.split(separator: "/").last ?? Substring(example) }
        return examples.sorted {
            (above($0) ? 0 : 1, -shared($0), fileName($0).count, $0) < (above($1) ? 0 : 1, -shared($1), fileName($1).count, $1)
        }[0]
    }
}
