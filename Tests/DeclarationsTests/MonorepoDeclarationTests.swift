import XCTest
@testable import Declarations

/// One fixture per source kind, written from each format's public documentation: exact names and lines.
final class MonorepoDeclarationTests: XCTestCase {
    static let result = Fixtures.declared([("mono", "monorepo")])

    func lines(_ pathPrefix: String) -> [String] { Self.result.lines().filter { $0.contains(" mono/" + pathPrefix) } }

    /// turbo.json with comments: globalEnv, globalPassThroughEnv, task env and passThroughEnv; `!GIT_SHA` is an exclusion
    func testTurboJSON() {
        XCTAssertEqual(lines("turbo.json"), [
            "turbo-env NODE_ENV mono/turbo.json:4",
            "turbo-env VERCEL_ENV mono/turbo.json:4",
            "turbo-env AWS_PROFILE mono/turbo.json:5",
            "turbo-env NEXT_PUBLIC_SUPABASE_ANON_KEY mono/turbo.json:10 job=build",
            "turbo-env NEXT_PUBLIC_SUPABASE_URL mono/turbo.json:10 job=build",
            "turbo-env STRIPE_SECRET_KEY mono/turbo.json:10 job=build",
            "turbo-env DATABASE_URL mono/turbo.json:14 job=test",
        ])
    }

    /// t3-env: server and client keys; runtimeEnv maps STRIPE_SECRET_KEY to process.env.STRIPE_API_KEY
    func testT3EnvSchemaWithRuntimeAliases() {
        XCTAssertEqual(lines("apps/web/src/env.ts"), [
            "env-schema DATABASE_URL mono/apps/web/src/env.ts:6 job=t3-env server",
            "env-schema STRIPE_SECRET_KEY mono/apps/web/src/env.ts:7 job=t3-env server alias=STRIPE_API_KEY",
            "env-schema POSTMARK_SERVER_TOKEN mono/apps/web/src/env.ts:8 job=t3-env server alias=POSTMARK_TOKEN",
            "env-schema NODE_ENV mono/apps/web/src/env.ts:9 job=t3-env server",
            "env-schema NEXT_PUBLIC_SUPABASE_URL mono/apps/web/src/env.ts:12 job=t3-env client",
        ])
    }

    /// zod: upper-case keys only; the nested object's keys are a value, not variables
    func testZodSchemaParsedFromProcessEnv() {
        XCTAssertEqual(lines("packages/config/src/schema.ts"), [
            "env-schema REDIS_URL mono/packages/config/src/schema.ts:5 job=zod",
            "env-schema SENTRY_DSN mono/packages/config/src/schema.ts:6 job=zod",
            "env-schema FEATURE_FLAGS mono/packages/config/src/schema.ts:8 job=zod",
        ])
    }

    /// pydantic: env_prefix, validation_alias, pydantic-1 Config; private attributes, methods' locals and plain classes are not fields
    func testPydanticSettings() {
        XCTAssertEqual(lines("apps/api/app/settings.py"), [
            "settings-field PLANB_DATABASE_URL mono/apps/api/app/settings.py:10 job=pydantic alias=database_url",
            "settings-field STRIPE_SECRET_KEY mono/apps/api/app/settings.py:11 job=pydantic alias=stripe_secret_key",
            "settings-field PLANB_DEBUG mono/apps/api/app/settings.py:12 job=pydantic alias=debug",
            "settings-field LEGACY_SENTRY_DSN mono/apps/api/app/settings.py:21 job=pydantic alias=sentry_dsn",
        ])
    }

    /// compose: environment map and list, env_file, service and top-level secrets, ${VAR} interpolation ($$ is a literal dollar)
    func testCompose() {
        XCTAssertEqual(lines("docker-compose.yml"), [
            "compose-environment PLANB_DATABASE_URL mono/docker-compose.yml:5 job=api",
            "compose-environment STRIPE_SECRET_KEY mono/docker-compose.yml:6 job=api",
            "compose-interpolation STRIPE_SECRET_KEY mono/docker-compose.yml:6",
            "compose-env-file * mono/docker-compose.yml:8 job=api store=file at=.env.local",
            "compose-secret postmark_token mono/docker-compose.yml:10 job=api",
            "compose-secret supabase_key mono/docker-compose.yml:11 job=api alias=SUPABASE_SERVICE_ROLE_KEY",
            "compose-interpolation WORKER_TAG mono/docker-compose.yml:14",
            "compose-environment REDIS_URL mono/docker-compose.yml:16 job=worker",
            "compose-environment SENTRY_DSN mono/docker-compose.yml:17 job=worker",
            "compose-secret postmark_token mono/docker-compose.yml:20 store=file at=./secrets/postmark.txt",
            "compose-secret supabase_key mono/docker-compose.yml:22 store=environment at=SUPABASE_SERVICE_ROLE_KEY",
        ])
    }

    /// Dockerfile: ARG, ENV (both forms, continued lines), BuildKit secret mount
    func testDockerfile() {
        XCTAssertEqual(lines("apps/api/Dockerfile"), [
            "dockerfile-arg PIP_INDEX_URL mono/apps/api/Dockerfile:3",
            "dockerfile-arg APP_VERSION mono/apps/api/Dockerfile:4",
            "dockerfile-env PLANB_DEBUG mono/apps/api/Dockerfile:5",
            "dockerfile-env PYTHONUNBUFFERED mono/apps/api/Dockerfile:5",
            "dockerfile-env LEGACY_MODE mono/apps/api/Dockerfile:7",
            "dockerfile-secret pip_token mono/apps/api/Dockerfile:8 alias=PIP_TOKEN",
        ])
    }

    /// Helm templates: secretKeyRef (also inside {{- if }}), envFrom secretRef with prefix, ExternalSecret remoteRef
    func testHelmSecretKeyRefAndExternalSecret() {
        XCTAssertEqual(lines("deploy/helm"), [
            "k8s-secret-key-ref STRIPE_SECRET_KEY mono/deploy/helm/planb/templates/deployment.yaml:15 job=api store=kubernetes-secret at=planb-stripe key=secret-key",
            "k8s-secret-key-ref POSTMARK_SERVER_TOKEN mono/deploy/helm/planb/templates/deployment.yaml:23 job=api store=kubernetes-secret at=<template>-postmark key=token",
            "k8s-secret-ref * mono/deploy/helm/planb/templates/deployment.yaml:30 job=api alias=APP_ store=kubernetes-secret at=planb-common",
            "external-secret secret-key mono/deploy/helm/planb/templates/externalsecret.yaml:13 store=aws-parameter-store at=/planb/STRIPE_SECRET_KEY",
            "external-secret webhook-secret mono/deploy/helm/planb/templates/externalsecret.yaml:16 store=aws-parameter-store at=planb/stripe key=webhook_secret",
            "external-secret * mono/deploy/helm/planb/templates/externalsecret.yaml:22 store=aws-parameter-store at=planb/common",
        ])
    }

    /// plain manifest, two documents: Secret keys (no values), a flow-style secretKeyRef
    func testKubernetesSecretAndCronJob() {
        XCTAssertEqual(lines("deploy/k8s/worker.yaml"), [
            "k8s-secret-key DATABASE_URL mono/deploy/k8s/worker.yaml:7 store=kubernetes-secret at=planb-worker",
            "k8s-secret-key SENTRY_DSN mono/deploy/k8s/worker.yaml:9 store=kubernetes-secret at=planb-worker",
            "k8s-secret-key-ref DATABASE_URL mono/deploy/k8s/worker.yaml:25 job=worker store=kubernetes-secret at=planb-worker key=DATABASE_URL",
        ])
    }

    /// Terraform: sensitive variable, SSM parameter, Secrets Manager secret, GitHub environment secret
    func testTerraform() {
        XCTAssertEqual(lines("infra/main.tf"), [
            "terraform-sensitive-variable stripe_secret_key mono/infra/main.tf:6 alias=TF_VAR_stripe_secret_key",
            "terraform-parameter STRIPE_WEBHOOK_SECRET mono/infra/main.tf:13 store=ssm at=/${var.environment}/STRIPE_WEBHOOK_SECRET",
            "terraform-secret planb/supabase mono/infra/main.tf:29 store=secretsmanager at=planb/supabase",
            "terraform-github-secret AWS_DEPLOY_ROLE_ARN mono/infra/main.tf:38 env=production store=github at=planb-web",
        ])
    }

    /// SAM: {{resolve:ssm}}, {{resolve:secretsmanager}} by ARN with JSON key, {{resolve:ssm-secure}} with version, SSM-typed parameter
    func testSAMResolveAndSSMParameter() {
        XCTAssertEqual(lines("services/lambda/template.yaml"), [
            "cloudformation-parameter CallbackToken mono/services/lambda/template.yaml:4 alias=LAMBDA_CALLBACK_TOKEN store=ssm at=/planb/LAMBDA_CALLBACK_TOKEN",
            "cloudformation-resolve LAMBDA_GETSCHEDULES_TOKEN mono/services/lambda/template.yaml:15 store=ssm at=/planb/LAMBDA_GETSCHEDULES_TOKEN",
            "cloudformation-resolve DB_PASSWORD mono/services/lambda/template.yaml:17 store=secretsmanager at=planb/db key=password",
            "cloudformation-resolve STRIPE_KEY mono/services/lambda/template.yaml:18 alias=STRIPE_SECRET_KEY store=ssm at=/planb/STRIPE_SECRET_KEY",
        ])
    }

    /// serverless.yml: ${ssm:}, ${ssm(region):} through the Secrets Manager bridge, ${env:}
    func testServerless() {
        XCTAssertEqual(lines("services/cron/serverless.yml"), [
            "serverless-ssm POSTMARK_SERVER_TOKEN mono/services/cron/serverless.yml:6 store=ssm at=/planb/POSTMARK_SERVER_TOKEN",
            "serverless-ssm SUPABASE_SERVICE_ROLE_KEY mono/services/cron/serverless.yml:7 store=secretsmanager at=planb/supabase",
            "serverless-env SENTRY_DSN mono/services/cron/serverless.yml:8",
        ])
    }

    /// vercel.json, fly.toml [env], render.yaml envVars
    func testPlatformFiles() {
        XCTAssertEqual(Self.result.lines().filter { $0.contains("vercel.json") || $0.contains("fly.toml") || $0.contains("render.yaml") }, [
            "platform-env NEXT_PUBLIC_SITE_URL mono/apps/web/vercel.json:4 store=vercel",
            "platform-env SUPABASE_SERVICE_ROLE_KEY mono/apps/web/vercel.json:5 alias=supabase-service-role-key store=vercel",
            "platform-env SENTRY_AUTH_TOKEN mono/apps/web/vercel.json:8 alias=sentry-auth-token store=vercel",
            "platform-env PLANB_DEBUG mono/fly.toml:5 store=fly",
            "platform-env LOG_LEVEL mono/fly.toml:6 store=fly",
            "platform-env STRIPE_SECRET_KEY mono/render.yaml:6 job=planb-api store=render at=dashboard",
            "platform-env SESSION_SECRET mono/render.yaml:8 job=planb-api store=render at=generated",
            "platform-env DATABASE_URL mono/render.yaml:10 job=planb-api store=render at=reference",
            "platform-env POSTMARK_SERVER_TOKEN mono/render.yaml:18 job=planb-shared store=render at=dashboard",
        ])
    }

    /// fly secrets set, vercel env add
    func testPlatformSecretsSetByScript() {
        XCTAssertEqual(lines("scripts/"), [
            "bootstrap-platform-secret PLANB_DATABASE_URL mono/scripts/bootstrap-platforms.sh:4 store=fly",
            "bootstrap-platform-secret STRIPE_SECRET_KEY mono/scripts/bootstrap-platforms.sh:4 store=fly",
            "bootstrap-platform-secret SENTRY_AUTH_TOKEN mono/scripts/bootstrap-platforms.sh:5 env=production store=vercel",
        ])
    }

    /// A Makefile recipe: `$$k` is the shell's loop variable, `$(STAGE)` the Makefile's default.
    func testMakefileRecipeLoop() {
        XCTAssertEqual(lines("Makefile"), [
            "bootstrap-parameter REDIS_URL mono/Makefile:5 store=ssm at=/planb-staging/REDIS_URL",
            "bootstrap-parameter SESSION_SECRET mono/Makefile:5 store=ssm at=/planb-staging/SESSION_SECRET",
        ])
    }

    func testTerraformNameComputedAtPlanTimeIsANoteNotASilentGap() {
        XCTAssertEqual(Self.result.notes.map { "\($0.path):\($0.line ?? 0) \($0.message)" }, [
            "infra/main.tf:20 name ${each.key} is computed by Terraform; cannot list it",
        ])
        XCTAssertEqual(Self.result.warnings, [])
    }

    /// Tools: prisma's env() in schema.prisma and $VAR in package.json scripts (tool-read)
    func testToolReads() {
        XCTAssertEqual(Self.result.lines([.toolRead]), [
            "tool-read SENTRY_AUTH_TOKEN mono/apps/web/package.json:7 job=npm script sourcemaps",
            "tool-read SENTRY_ORG mono/apps/web/package.json:7 job=npm script sourcemaps",
            "tool-read DATABASE_URL mono/apps/web/prisma/schema.prisma:5 job=prisma",
            "tool-read DIRECT_DATABASE_URL mono/apps/web/prisma/schema.prisma:6 job=prisma",
        ])
    }
}
