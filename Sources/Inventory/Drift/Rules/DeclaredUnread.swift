import Declarations

/// A secret declared for the running code (example, contract, schema, compose of a service we
/// build, k8s) that no scanned code reads.
enum DeclaredUnread: DriftRule {
    static let description = DriftRuleDescription(
        id: .declaredUnread, severity: .fixed(.low), title: "Declared for the code, read by none",
        when: "a secret declared for the running code (example, contract, schema, compose of a service we build, k8s) that no scanned code reads",
        fix: "remove the declaration, or check the code that reads it is scanned")

    /// Declarations that promise running code will read the name.
    static let consumingKinds: Set<Declaration.Kind> = [
        .envExample, .taskDefinitionSecret, .composeEnvironment, .kubernetesSecretKeyRef, .envSchema, .settingsField,
        .cloudFormationResolve, .serverlessSSM, .platformEnv,
    ]

    static let examples = [
        DriftExample(expected: ["Low OLD_WEBHOOK_SECRET -"]) {
            $0.declarations = [DriftExample.declare("OLD_WEBHOOK_SECRET", .envExample, "web/.env.example:2")]
        },
        // A workflow's secret is for the job, not for the running code.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("NPM_TOKEN", .workflowSecret, "web/.github/workflows/ci.yml:9")]
        },
        // Compose environment of a service with `image:` and no `build:`: postgres reads it.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("POSTGRES_PASSWORD", .composeEnvironment, "web/docker-compose.yml:5") {
                $0.job = "db"; $0.thirdPartyImage = "postgres"
            }]
        },
        // Read by a tool: prisma's `env("DATABASE_URL")` in schema.prisma.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("DATABASE_URL", .envExample, "web/.env.example:1"),
                               DriftExample.declare("DATABASE_URL", .toolRead, "web/prisma/schema.prisma:4") { $0.job = "prisma" }]
        },
        // libpq's PGPASSWORD given to a service whose command runs pg_basebackup: the tool reads it.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("PGPASSWORD", .composeEnvironment, "web/docker-compose.yml:12") { $0.job = "replica" }]
        },
        // Read only on the schema line that defines it (an env object's module): declared, unused.
        DriftExample(expected: ["Low SLACK_BOT_TOKEN -"]) {
            $0.readers = [DriftExample.read("SLACK_BOT_TOKEN", "web/app/env.server.ts:12")]
            $0.declarations = [DriftExample.declare("SLACK_BOT_TOKEN", .envSchema, "web/app/env.server.ts:12")]
        },
        // The AWS SDK reads its credentials by itself: a schema listing them is not unused.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("AWS_SESSION_TOKEN", .envSchema, "web/app/env.server.ts:14")]
        },
        // …and an example name compose interpolates into that image's environment is read by it.
        DriftExample(expected: []) {
            $0.declarations = [DriftExample.declare("POSTGRES_PASSWORD", .envExample, "web/.env.example:3"),
                               DriftExample.declare("POSTGRES_PASSWORD", .composeInterpolation, "web/docker-compose.yml:5") { $0.thirdPartyImage = "postgres" }]
        },
    ]

    static func run(_ c: inout DriftContext) {
        for record in c.inventory.records where record.secretClass.isSecret && record.tenants == nil && record.consumers.isEmpty {
            // Compose passes it to a third-party image (`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}`):
            // that image reads it, so every declaration of it is in use.
            if record.declarations.contains(where: { $0.kind == .composeInterpolation && $0.thirdPartyImage != nil }) { continue }
            // Read by a tool (prisma's env("X"), a package.json script): in use, though not by code.
            if !record.declarations([.toolRead]).isEmpty { continue }
            // A variable a standard tool reads by itself (libpq's PGPASSWORD): in use wherever declared.
            if ToolReadVariables.tool(reading: record.name) != nil { continue }
            // A third-party image's own environment entry is the image's, not a promise about our code.
            let consumers = record.declarations(consumingKinds).filter { $0.thirdPartyImage == nil }
            guard !consumers.isEmpty else { continue }
            c.add(DriftFinding(rule: description.id, severity: .low, record: record,
                               summary: "\(record.name) is declared at \(consumers[0].place) but no scanned code reads it",
                               evidence: consumers.map(\.place), fix: "remove the declaration, or check the code that reads it is scanned",
                               location: consumers[0].placeRef))
        }
    }
}
