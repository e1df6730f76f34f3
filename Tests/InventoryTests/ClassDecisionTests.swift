import Declarations
@testable import Inventory
import SourceScan
import Stores
import XCTest

/// A record's class is decided over its evidence (ClassDecision.order), and the record says
/// which evidence decided.
final class ClassDecisionTests: XCTestCase {
    static let rules = try! RuleSet.builtIn()

    func classes(readers: [Reader] = [], declarations: [Declaration] = [], listings: [StoreListing] = [],
                 overrides: [String: ClassOverride] = [:]) -> [String] {
        var scan = ScanResult()
        scan.readers = readers
        var declared = DeclarationResult()
        declared.declarations = declarations
        let inventory = InventoryBuilder(rules: Self.rules, environments: ["production"], classOverrides: overrides)
            .build(scan: scan, declared: declared, stores: StoreSnapshot(takenAt: "2026-11-27T00:00:00Z", keyId: "k", listings: listings))
        return inventory.records.map { "\($0.name) \($0.secretClass.rawValue) \($0.classEvidence.text)" }
    }

    /// Every kind of evidence has one place in the order.
    func testTheOrderListsEveryStepOnce() {
        XCTAssertEqual(ClassDecision.order.count, ClassDecision.Step.allCases.count)
        XCTAssertEqual(Set(ClassDecision.order), Set(ClassDecision.Step.allCases))
    }

    /// The issue's names: flags, numbers and public identifiers named like secrets are
    /// configuration; credentials named like configuration are secrets; framework secrets are ours.
    func testNameTokensDecideTheClass() {
        let cases: [(String, String)] = [
            ("ENABLE_EMAIL_PASSWORD", "config flag-name"), ("PASSWORD_RESET_DISABLED", "config flag-name"),
            ("NEXT_DEBUG_AUTH", "config flag-name"), ("AUTH_RATE_LIMIT", "config quantity-name"),
            ("SESSION_LIFETIME_MINUTES", "config quantity-name"), ("TOKEN_TTL", "config quantity-name"),
            ("GITHUB_CLIENT_ID", "config identifier-name"), ("DAILY_APP_NAME", "config identifier-name"),
            ("STRIPE_ORGANIZATION_ID", "config identifier-name"), ("CLOUDFLARE_ZONE_ID", "config identifier-name"),
            ("S3_BUCKET_NAME", "config identifier-name"), ("S3_ENDPOINT_URL", "config identifier-name"),
            ("SENTRY_ENVIRONMENT", "config identifier-name"), ("AWS_ACCESS_KEY_ID", "config identifier-name"),
            ("TURNSTILE_SITE_KEY", "build-time-public public-key-name"), ("STRIPE_PUBLISHABLE_KEY", "build-time-public public-key-name"),
            ("NEXTAUTH_URL", "config url-name"), ("SLACK_WEBHOOK_URL", "platform credential-name"),
            ("DATABASE_URL_UNPOOLED", "platform database-url"), ("POSTGRES_PRISMA_URL", "platform database-url"),
            ("DATABASE_READ_REPLICA_URLS", "platform database-url"), ("AMQP_URL", "platform database-url"),
            ("MONGODB_URL", "platform database-url"), ("UPSTASH_REDIS_URL", "platform database-url"),
            ("PGPASSWORD", "platform database-url"), ("APPLE_KEY_FILE_CONTENTS", "platform credential-name"),
            ("GPG_PASSPHRASE", "data-encryption-key data-encryption-key"),
            ("NEXTAUTH_SECRET", "internal-minted framework-secret"), ("SECRET_KEY", "internal-minted framework-secret"),
            ("BETTER_AUTH_SECRET", "internal-minted framework-secret"), ("CALCOM_SERVER_SECRET_KEY", "internal-minted framework-secret"),
            ("JWT_SECRET", "internal-minted framework-secret"), ("SESSION_SECRET", "internal-minted framework-secret"),
            ("STRIPE_SECRET_KEY", "platform stripe"), ("PLANB_API_HOME", "config config"),
            ("ACCESS_TOKEN_EXPIRES_IN", "config quantity-name"), ("LANGFUSE_PUBLIC_KEY", "config public-half-name"),
            ("CELERY_BROKER_URL", "platform database-url"), ("UPSTASH_REDIS_REST_URL", "config url-name"),
            ("APP_SECRET", "internal-minted framework-secret"), ("SALT", "internal-minted framework-secret"),
        ]
        for (name, expected) in cases {
            let d = Self.rules.describe(name: name)
            XCTAssertEqual("\(d.secretClass?.rawValue ?? "-") \(d.classRule ?? "-")", expected, name)
        }
        XCTAssertTrue(Self.rules.describe(name: "PLANB_API_HOME").classIsFallback)
        XCTAssertFalse(Self.rules.describe(name: "GITHUB_CLIENT_ID").classIsFallback)
    }

    /// Issue 16's second round of name mistakes, one general name per kind: a setting whose name
    /// holds a secret word (a path, an ACL, a key id, a flag verb, a duration), a credential under
    /// a URL-ish name (a mail, cache or broker URL, a chat webhook), and who mints a secret (a
    /// password we set, a webhook secret we choose or an issuer generates, our own accounts' keys).
    func testWhoMintsAndWhatASettingIsNamed() {
        let cases: [(String, String)] = [
            ("BACKUP_KEY_PATH", "config setting-name"), ("DB_PASSWORD_FILE", "config setting-name"),
            ("CACHE_KEY_PREFIX", "config setting-name"), ("UPLOADS_S3_ACL", "config setting-name"),
            ("JWT_ALG", "config setting-name"), ("OIDC_ISSUER", "config setting-name"), ("LLM_MODEL", "config setting-name"),
            ("PROXY_CUSTOM_HEADERS", "config setting-name"), ("OTEL_EXPORTER_AUTH_HEADERS", "platform generic-secret"),
            ("IOS_SIGNING_IDENTITY", "config setting-name"), ("REPORTS_KMS_KEY_ID", "config identifier-name"),
            ("MINIO_ACCESS_KEY_ID", "config identifier-name"), ("MINIO_SECRET_ACCESS_KEY", "platform generic-secret"),
            ("SMTP_ALLOW_INSECURE", "config flag-verb-name"), ("MARIADB_ALLOW_EMPTY_PASSWORD", "config flag-verb-name"),
            ("SESSION_TOKEN_TIME", "config quantity-name"), ("UPLOAD_MAX_BYTES", "config quantity-name"),
            ("MAIL_URL", "platform service-url"), ("CACHE_URL", "platform service-url"), ("CLOUDAMQP_URL", "platform service-url"),
            ("CELERY_RESULT_BACKEND", "platform service-url"), ("EDGE_CONFIG", "platform service-url"),
            ("OPS_SLACK_WEBHOOK", "platform credential-name"), ("OPS_SLACK_HOOK_DEPLOYS", "platform credential-name"),
            ("POSTGRES_PASSWORD", "internal-minted chosen-password"), ("ANDROID_KEYSTORE_PASSWORD", "internal-minted chosen-password"),
            ("MQTT_TLS_KEY_PASSPHRASE", "internal-minted chosen-password"),
            ("CLERK_WEBHOOK_SIGNING_SECRET", "platform issuer-signing-secret"), ("QSTASH_NEXT_SIGNING_KEY", "platform issuer-signing-secret"),
            ("GITHUB_WEBHOOK_SECRET", "internal-minted chosen-webhook-secret"), ("STRIPE_WEBHOOK_SECRET", "platform stripe"),
            ("E2E_ADMIN_TOKEN", "internal-minted own-credential"), ("APP_INIT_ADMIN_PASSWORD", "internal-minted own-credential"),
            ("ADMIN_API_KEY", "internal-minted own-credential"), ("JWT_PRIVATE_KEY", "internal-minted internal-minted"),
            ("SAML_PRIVATE_KEY", "internal-minted own-credential"), ("GITHUB_APP_PRIVATE_KEY", "platform github"),
            ("PREVIEW_SHARE_SECRET", "internal-minted own-credential"), ("ZOOM_CLIENT_SECRET", "platform generic-secret"),
            ("QUEUE_WORKER_TOKEN", "internal-minted internal-minted"), ("GITHUB_SHA", "config setting-name"),
            ("AWS_S3_FORCE_PATH_STYLE", "config flag-verb-name"), ("OPENAI_MODEL", "config setting-name"),
            ("POSTHOG_PROJECT_KEY", "build-time-public public-key-name"), ("POSTHOG_PERSONAL_API_KEY", "platform generic-secret"),
            ("VERCEL_AUTOMATION_BYPASS_SECRET", "platform vercel"), ("VERCEL_GIT_COMMIT_SHA", "config setting-name"),
        ]
        for (name, expected) in cases {
            let d = Self.rules.describe(name: name)
            XCTAssertEqual("\(d.secretClass?.rawValue ?? "-") \(d.classRule ?? "-")", expected, name)
        }
    }

    /// An env example's `user:password@` URL says the real value carries a credential, whatever
    /// the name (Prisma's DIRECT_URL); a URL without one says nothing, and a name rule decides.
    func testAnExamplesCredentialURL() {
        let example = [DriftExample.declare("DIRECT_URL", .envExample, "web/.env.example:10") { $0.valueShape = .credentialURL },
                       DriftExample.declare("ANALYTICS_URL", .envExample, "web/.env.example:11")]
        XCTAssertEqual(classes(declarations: example), [
            "ANALYTICS_URL config name-rule: url-name",
            "DIRECT_URL platform value-shape: web/.env.example:10: credential-url",
        ])
    }

    /// A test env file's values are stand-ins: `GOOGLE_CLIENT_SECRET=123` in `.env.test` does not
    /// make the secret a number; the same number in a real `.env` still does.
    func testTestEnvFileValuesAreNoEvidence() {
        let files = [DriftExample.declare("LINEAR_CLIENT_SECRET", .envFile, "web/.env.test:39") { $0.valueShape = .number },
                     DriftExample.declare("IFRAMELY_API_KEY", .envFile, "web/.env.testing.local:3") { $0.valueShape = .number },
                     DriftExample.declare("MAX_SEATS_SECRET", .envFile, "web/.env:4") { $0.valueShape = .number }]
        XCTAssertEqual(classes(declarations: files), [
            "IFRAMELY_API_KEY platform name-rule: generic-secret",
            "LINEAR_CLIENT_SECRET platform name-rule: generic-secret",
            "MAX_SEATS_SECRET config value-shape: web/.env:4: number",
        ])
        // The same file read as an env-file store (init lists the repo's env files as stores):
        // an entry's path is the file and the line, as EnvFileProvider writes it.
        var store = StoreListing(kind: .envFile, location: "./web/.env.test", environment: "development")
        store.secrets = [StoredSecret(name: "LINEAR_CLIENT_SECRET", path: "./web/.env.test:39")]
        store.secrets[0].valueShape = .number
        XCTAssertEqual(classes(listings: [store]), ["LINEAR_CLIENT_SECRET platform name-rule: generic-secret"])
        XCTAssertTrue(ClassDecision.isTestEnvFile("api/.env.test"))
        XCTAssertTrue(ClassDecision.isTestEnvFile(".env.e2e.local"))
        XCTAssertTrue(ClassDecision.isTestEnvFile("./../rw/app/.env.test:11"))
        XCTAssertFalse(ClassDecision.isTestEnvFile("api/.env"))
        XCTAssertFalse(ClassDecision.isTestEnvFile("api/.env.production"))
        XCTAssertFalse(ClassDecision.isTestEnvFile("tests/.env"))
    }

    /// A secret we mint (framework-secret) that code reads in a file about encryption encrypts
    /// data at rest; a reader in a test file, or an issuer's key read there, says nothing of it.
    func testAnEncryptingReaderMakesOurSecretADataKey() {
        XCTAssertEqual(classes(readers: [DriftExample.read("SECRET_KEY", "web/server/env.ts:74"),
                                         DriftExample.read("SECRET_KEY", "web/server/models/decorators/Encrypted.ts:23")]),
                       ["SECRET_KEY data-encryption-key encrypting-reader: web/server/models/decorators/Encrypted.ts:23"])
        XCTAssertEqual(classes(readers: [DriftExample.read("SECRET_KEY", "web/server/csrf.ts:25"),
                                         DriftExample.read("SECRET_KEY", "web/server/Encrypted.test.ts:64", test: true)]),
                       ["SECRET_KEY internal-minted name-rule: framework-secret"])
        XCTAssertEqual(classes(readers: [DriftExample.read("STRIPE_SECRET_KEY", "web/lib/encryption.ts:4")]),
                       ["STRIPE_SECRET_KEY platform name-rule: stripe"])
    }

    /// How a name is declared: `vars.X` is configuration unless something declares it secret;
    /// `secrets.X` makes a name that no rule knows a secret, not one a rule calls configuration.
    func testWorkflowVarsAndSecrets() {
        let ci = ".github/workflows/ci.yml"
        XCTAssertEqual(classes(readers: [DriftExample.read("DEPLOY_TOKEN")],
                               declarations: [DriftExample.declare("DEPLOY_TOKEN", .workflowVariable, "web/\(ci):12")]),
                       ["DEPLOY_TOKEN config workflow-vars: web/\(ci):12"])
        XCTAssertEqual(classes(declarations: [DriftExample.declare("DEPLOY_TOKEN", .workflowVariable, "web/\(ci):12"),
                                              DriftExample.declare("DEPLOY_TOKEN", .workflowSecret, "web/\(ci):20")]),
                       ["DEPLOY_TOKEN platform name-rule: generic-secret"])
        XCTAssertEqual(classes(declarations: [DriftExample.declare("ANALYTICS_WRITE", .workflowSecret, "web/\(ci):20")]),
                       ["ANALYTICS_WRITE platform declared-secret: web/\(ci):20 (workflow-secret)"])
        XCTAssertEqual(classes(declarations: [DriftExample.declare("ANALYTICS_WRITE", .kubernetesSecretKeyRef, "web/k8s/app.yaml:30")]),
                       ["ANALYTICS_WRITE platform declared-secret: web/k8s/app.yaml:30 (k8s-secret-key-ref)"])
        XCTAssertEqual(classes(readers: [DriftExample.read("LOG_LEVEL_TOKEN")],
                               declarations: [DriftExample.declare("LOG_LEVEL_TOKEN", .kubernetesConfigMapKeyRef, "ops/k8s/api.yaml:10")]),
                       ["LOG_LEVEL_TOKEN config k8s-config-map-key-ref: ops/k8s/api.yaml:10"])
        XCTAssertEqual(classes(declarations: [DriftExample.declare("ANALYTICS_WRITE", .dockerfileSecret, "web/Dockerfile:4")]),
                       ["ANALYTICS_WRITE platform declared-secret: web/Dockerfile:4 (dockerfile-secret)"])
        XCTAssertEqual(classes(declarations: [DriftExample.declare("APP_NAME", .workflowSecret, "web/\(ci):20")]),
                       ["APP_NAME config name-rule: identifier-name"])
        XCTAssertEqual(classes(readers: [DriftExample.read("ANALYTICS_WRITE")]), ["ANALYTICS_WRITE config fallback: config"])
    }

    /// A typed schema's type: boolean, number and enum are configuration whatever the name; a
    /// URL is configuration unless the name says credential; pydantic `SecretStr` is a secret;
    /// a t3-env client key is public.
    func testSchemaTypes() {
        func schema(_ name: String, _ type: Declaration.ValueType?, job: String = "zod") -> Declaration {
            DriftExample.declare(name, type == .secret ? .settingsField : .envSchema, "web/src/env.ts:5") { $0.valueType = type; $0.job = job }
        }
        XCTAssertEqual(classes(declarations: [schema("MAGIC_LINK_PASSWORD", .boolean)]), ["MAGIC_LINK_PASSWORD config schema-type: web/src/env.ts:5 (boolean)"])
        XCTAssertEqual(classes(declarations: [schema("API_KEY_COUNT", .number)]), ["API_KEY_COUNT config schema-type: web/src/env.ts:5 (number)"])
        XCTAssertEqual(classes(declarations: [schema("AUTH_PROVIDER", .enumeration)]), ["AUTH_PROVIDER config schema-type: web/src/env.ts:5 (enum)"])
        XCTAssertEqual(classes(declarations: [schema("SEARCH_SERVICE", .url)]), ["SEARCH_SERVICE config schema-type: web/src/env.ts:5 (url)"])
        XCTAssertEqual(classes(declarations: [schema("DATABASE_URL", .url)]), ["DATABASE_URL platform name-rule: database-url"])
        XCTAssertEqual(classes(declarations: [schema("ANALYTICS_WRITE", .secret)]), ["ANALYTICS_WRITE platform declared-secret: web/src/env.ts:5 (secret type)"])
        XCTAssertEqual(classes(declarations: [schema("SITE_BANNER", nil, job: "t3-env client")]),
                       ["SITE_BANNER build-time-public schema-type: web/src/env.ts:5 (t3-env client)"])
    }

    /// The value's shape where fingerprinted: a password URL is a credential, a flag or a number
    /// is configuration, whatever the name; 32 random bytes are a key where nothing else speaks.
    func testValueShapes() {
        func listing(_ entries: [(String, ValueShape)]) -> StoreListing {
            var l = DriftExample.ssm("production", "/p/", entries.map { ($0.0, "f-\($0.0)") })
            for i in l.secrets.indices { l.secrets[i].valueShape = entries[i].1 }
            return l
        }
        XCTAssertEqual(classes(listings: [listing([("ANALYTICS_CONN", .credentialURL), ("SMTP_PASSWORD", .boolean), ("MAX_SEATS_SECRET", .number),
                                                   ("FIELD_CIPHER", .key32), ("STRIPE_SECRET_KEY", .key32), ("NEXT_PUBLIC_DB", .credentialURL),
                                                   ("SEARCH_URL", .credentialURL)])]), [
            "ANALYTICS_CONN platform value-shape: ssm /p/ANALYTICS_CONN: credential-url",
            "FIELD_CIPHER data-encryption-key value-shape: ssm /p/FIELD_CIPHER: 32-byte-key",
            "MAX_SEATS_SECRET config value-shape: ssm /p/MAX_SEATS_SECRET: number",
            "NEXT_PUBLIC_DB build-time-public public-name: build-time-public",
            "SEARCH_URL platform value-shape: ssm /p/SEARCH_URL: credential-url",
            "SMTP_PASSWORD config value-shape: ssm /p/SMTP_PASSWORD: boolean",
            "STRIPE_SECRET_KEY platform name-rule: stripe",
        ])
        // A real env file in a repo: its values' shapes too.
        let envFile = [DriftExample.declare("MAIL_RELAY", .envFile, "api/.env:3") { $0.valueShape = .credentialURL },
                       DriftExample.declare("BETA_SECRET_MODE", .envFile, "api/.env:4") { $0.valueShape = .boolean }]
        XCTAssertEqual(classes(declarations: envFile), [
            "BETA_SECRET_MODE config value-shape: api/.env:4: boolean",
            "MAIL_RELAY platform value-shape: api/.env:3: credential-url",
        ])
        var issuer = DriftExample.ssm("production", "/p/", [("BILLING_CALLBACK_TOKEN", "f1"), ("SESSION_SECRET", "f2")])
        issuer.secrets[0].valueRule = "stripe-secret-key"
        issuer.secrets[1].valueRule = "jwt"
        XCTAssertEqual(classes(listings: [issuer]), [
            "BILLING_CALLBACK_TOKEN platform value-shape: ssm /p/BILLING_CALLBACK_TOKEN: issuer rule stripe-secret-key",
            "SESSION_SECRET internal-minted name-rule: framework-secret",
        ])
    }

    /// `classes:` in secretmap.yml outranks every other evidence; a tenants' table outranks names.
    func testOverrideAndTenantTable() {
        let overrides = ["STRIPE_SECRET_KEY": ClassOverride(.config, place: "secretmap.yml:9")]
        XCTAssertEqual(classes(readers: [DriftExample.read("STRIPE_SECRET_KEY"), DriftExample.read("STRIPE_WEBHOOK_SECRET")], overrides: overrides), [
            "STRIPE_SECRET_KEY config config-override: secretmap.yml:9",
            "STRIPE_WEBHOOK_SECRET platform name-rule: stripe",
        ])
        var tenants = StoreListing(kind: .postgres, location: "private.secrets", environment: "production")
        tenants.tenantSecrets = [TenantSecretSummary(name: "SHOPIFY_TOKEN", tenants: 3, oldestUpdate: nil, newestUpdate: nil,
                                                     olderThan90Days: 0, olderThan180Days: 0, olderThan365Days: 0)]
        XCTAssertEqual(classes(listings: [tenants]), ["SHOPIFY_TOKEN per-tenant tenant-table: postgres private.secrets: 3 tenants"])
    }
}
