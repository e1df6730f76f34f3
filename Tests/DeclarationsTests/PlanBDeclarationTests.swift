import XCTest
@testable import Declarations

/// The PlanB checkouts: every declaration with its exact file and line.
final class PlanBDeclarationTests: XCTestCase {
    static let result = Fixtures.declared([("web", "planb/web"), ("lambda", "planb/lambda"),
                                           ("worker", "planb/worker"), ("api", "planb/api")])

    func testEnvExample() {
        XCTAssertEqual(Self.result.lines([.envExample]), [
            "env-example JWT_SIGNING_KEY api/.env.example:2",
            "env-example DATABASE_URL api/.env.example:3",
            "env-example PLANB_API_HOME api/.env.example:4",
            "env-example STRIPE_SECRET_KEY web/.env.example:1",
            "env-example STRIPE_WEBHOOK_SECRET web/.env.example:2",
            "env-example POSTMARK_SERVER_TOKEN web/.env.example:3",
            "env-example NEXT_PUBLIC_SUPABASE_URL web/.env.example:4",
            "env-example NEXT_PUBLIC_SUPABASE_ANON_KEY web/.env.example:5",
            "env-example SUPABASE_SERVICE_ROLE_KEY web/.env.example:6",
            "env-example LAMBDA_CALLBACK_TOKEN web/.env.example:7",
            "env-example LAMBDA_GETSCHEDULES_TOKEN web/.env.example:8",
            "env-example UNSUBSCRIBE_TOKEN_SECRET web/.env.example:9",
            "env-example GA4_ID web/.env.example:10",
            "env-example GA4_API_SECRET web/.env.example:11",
        ])
    }

    func testWorkflowReferences() {
        XCTAssertEqual(Self.result.lines([.workflowSecret, .workflowVariable, .workflowSecretsInherit]), [
            "workflow-secret STRIPE_TEST_KEY web/.github/workflows/ci.yml:8 job=test alias=STRIPE_KEY",
            "workflow-variable SUPABASE_URL web/.github/workflows/ci.yml:13 job=test",
            "workflow-secret SENTRY_AUTH_TOKEN web/.github/workflows/ci.yml:14 job=test",
            "workflow-secret STAGING_E2E_TOKEN web/.github/workflows/ci.yml:20 job=e2e env=staging",
            "workflow-variable STAGING_URL web/.github/workflows/ci.yml:20 job=e2e env=staging",
            "workflow-secrets-inherit * web/.github/workflows/ci.yml:23 job=release alias=./.github/workflows/deploy-app.yml",
            "workflow-secret AWS_DEPLOY_ROLE_ARN web/.github/workflows/deploy-app.yml:16 job=deploy env=production",
            "workflow-variable AWS_REGION web/.github/workflows/deploy-app.yml:17 job=deploy env=production",
        ])
    }

    /// The article's contract: the deploy workflow's inline `secrets: [...]` block, lines inside the
    /// `run: |` heredoc, `valueFrom` parsed (Secrets Manager ARN suffix dropped, JSON key kept).
    func testDeployWorkflowTaskDefinitionSecrets() {
        XCTAssertEqual(Self.result.lines([.taskDefinitionSecret]).filter { $0.contains("deploy-app.yml") }, [
            "task-definition-secret STRIPE_SECRET_KEY web/.github/workflows/deploy-app.yml:30 store=ssm at=/planb/STRIPE_SECRET_KEY",
            "task-definition-secret STRIPE_WEBHOOK_SECRET web/.github/workflows/deploy-app.yml:31 store=ssm at=/planb/STRIPE_WEBHOOK_SECRET",
            "task-definition-secret POSTMARK_SERVER_TOKEN web/.github/workflows/deploy-app.yml:32 store=ssm at=/planb/POSTMARK_SERVER_TOKEN",
            "task-definition-secret SUPABASE_SERVICE_ROLE_KEY web/.github/workflows/deploy-app.yml:33 store=secretsmanager at=planb/supabase key=service_role",
            "task-definition-secret LAMBDA_CALLBACK_TOKEN web/.github/workflows/deploy-app.yml:34 store=ssm at=/planb/LAMBDA_CALLBACK_TOKEN",
            "task-definition-secret LAMBDA_GETSCHEDULES_TOKEN web/.github/workflows/deploy-app.yml:35 store=ssm at=/planb/LAMBDA_GETSCHEDULES_TOKEN",
            "task-definition-secret UNSUBSCRIBE_TOKEN_SECRET web/.github/workflows/deploy-app.yml:36 store=ssm at=/planb/UNSUBSCRIBE_TOKEN_SECRET",
            "task-definition-secret GA4_ID web/.github/workflows/deploy-app.yml:37 alias=GA4_MEASUREMENT_ID store=ssm at=/planb/GA4_MEASUREMENT_ID",
            "task-definition-secret GA4_API_SECRET web/.github/workflows/deploy-app.yml:38 store=ssm at=/planb/GA4_API_SECRET",
        ])
    }

    func testTaskDefinitionJSONFile() {
        XCTAssertEqual(Self.result.lines([.taskDefinitionSecret]).filter { $0.contains("task-definition.json") }, [
            "task-definition-secret DATABASE_URL worker/.aws/task-definition.json:8 store=secretsmanager at=planb/worker key=database_url",
            "task-definition-secret POSTMARK_SERVER_TOKEN worker/.aws/task-definition.json:9 store=ssm at=/planb/POSTMARK_SERVER_TOKEN",
            "task-definition-secret STRIPE_SECRET_KEY worker/.aws/task-definition.json:10 store=ssm at=/planb/STRIPE_SECRET_KEY",
            "task-definition-secret SENTRY_DSN worker/.aws/task-definition.json:11 store=secretsmanager at=planb/worker key=sentry_dsn",
        ])
    }

    func testBootstrapScripts() {
        XCTAssertEqual(Self.result.lines([.bootstrapParameter, .bootstrapGitHubSecret, .bootstrapVault]), [
            "bootstrap-parameter LAMBDA_CALLBACK_TOKEN web/scripts/aws-push-secrets.sh:16 store=ssm at=/planb/LAMBDA_CALLBACK_TOKEN",
            "bootstrap-parameter LAMBDA_GETSCHEDULES_TOKEN web/scripts/aws-push-secrets.sh:16 store=ssm at=/planb/LAMBDA_GETSCHEDULES_TOKEN",
            "bootstrap-parameter POSTMARK_SERVER_TOKEN web/scripts/aws-push-secrets.sh:16 store=ssm at=/planb/POSTMARK_SERVER_TOKEN",
            "bootstrap-parameter STRIPE_SECRET_KEY web/scripts/aws-push-secrets.sh:16 store=ssm at=/planb/STRIPE_SECRET_KEY",
            "bootstrap-parameter STRIPE_WEBHOOK_SECRET web/scripts/aws-push-secrets.sh:16 store=ssm at=/planb/STRIPE_WEBHOOK_SECRET",
            "bootstrap-parameter planb/supabase web/scripts/aws-push-secrets.sh:20 store=secretsmanager at=planb/supabase",
            "bootstrap-parameter planb/worker web/scripts/aws-push-secrets.sh:21 store=secretsmanager at=planb/worker",
            "bootstrap-github-secret AWS_DEPLOY_ROLE_ARN web/scripts/aws-push-secrets.sh:22",
            "bootstrap-vault DATABASE_URL web/scripts/aws-push-secrets.sh:23 store=bao at=secret/planb/worker",
            "bootstrap-vault SENTRY_DSN web/scripts/aws-push-secrets.sh:23 store=bao at=secret/planb/worker",
            "bootstrap-parameter GA4_API_SECRET web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/GA4_API_SECRET",
            "bootstrap-parameter GA4_ID web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/GA4_ID",
            "bootstrap-parameter LAMBDA_CALLBACK_TOKEN web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/LAMBDA_CALLBACK_TOKEN",
            "bootstrap-parameter LAMBDA_GETSCHEDULES_TOKEN web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/LAMBDA_GETSCHEDULES_TOKEN",
            "bootstrap-parameter NEXT_PUBLIC_SUPABASE_ANON_KEY web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/NEXT_PUBLIC_SUPABASE_ANON_KEY",
            "bootstrap-parameter NEXT_PUBLIC_SUPABASE_URL web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/NEXT_PUBLIC_SUPABASE_URL",
            "bootstrap-parameter POSTMARK_SERVER_TOKEN web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/POSTMARK_SERVER_TOKEN",
            "bootstrap-parameter STRIPE_SECRET_KEY web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/STRIPE_SECRET_KEY",
            "bootstrap-parameter STRIPE_WEBHOOK_SECRET web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/STRIPE_WEBHOOK_SECRET",
            "bootstrap-parameter SUPABASE_SERVICE_ROLE_KEY web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/SUPABASE_SERVICE_ROLE_KEY",
            "bootstrap-parameter UNSUBSCRIBE_TOKEN_SECRET web/scripts/push-staging-secrets.sh:6 store=ssm at=/planb-staging/UNSUBSCRIBE_TOKEN_SECRET",
        ])
        XCTAssertEqual(Self.result.notes.map { "\($0.path):\($0.line ?? 0) \($0.message)" }, [
            "scripts/push-staging-secrets.sh:9 name $GH_SECRET_NAME is built at run time; cannot list what it provisions",
        ])
        XCTAssertEqual(Self.result.warnings, [])
    }

    /// The article's finding: the bootstrap script is three names behind the deploy workflow.
    func testBootstrapScriptMissesThreeOfTheDeployWorkflowNames() {
        let deployed = Self.result.declarations.filter { $0.kind == .taskDefinitionSecret && $0.path.hasSuffix("deploy-app.yml") && $0.store == .ssm }
        let pushed = Set(Self.result.declarations.filter { $0.path == "scripts/aws-push-secrets.sh" }.compactMap(\.storePath))
        XCTAssertEqual(deployed.filter { !pushed.contains($0.storePath ?? "") }.map { "\($0.name) \($0.storePath ?? "")" }, [
            "UNSUBSCRIBE_TOKEN_SECRET /planb/UNSUBSCRIBE_TOKEN_SECRET",
            "GA4_ID /planb/GA4_MEASUREMENT_ID",
            "GA4_API_SECRET /planb/GA4_API_SECRET",
        ])
    }
}
