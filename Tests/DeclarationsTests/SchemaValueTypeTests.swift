import Foundation
@testable import Declarations
import XCTest

/// A typed schema's type is recorded on its declaration (`valueType`): evidence of the class.
final class SchemaValueTypeTests: XCTestCase {
    func types(_ d: [Declaration]) -> [String] { d.map { "\($0.name):\($0.line) \($0.valueType?.rawValue ?? "-")" } }

    func testZodAndT3EnvTypes() {
        let t3 = """
            import { createEnv } from "@t3-oss/env-nextjs";
            import { z } from "zod";
            export const env = createEnv({
              server: {
                ENABLE_SIGNUP: z.coerce.boolean().default(false),
                MAX_SEATS: z.coerce.number().int(),
                AUTH_PROVIDER: z.enum(["github", "google"]),
                DATABASE_URL: z.string().url(),
                STRIPE_SECRET_KEY: z.string().min(1),
                TRIMMED: z.string().transform((v) => v.length > 0 && z.boolean()),
              },
              client: { NEXT_PUBLIC_APP_URL: z.string().url() },
              runtimeEnv: process.env,
            });
            """
        XCTAssertEqual(types(EnvSchemas.parse(t3, SourceFile(repo: "web", path: "src/env.ts")).declarations), [
            "ENABLE_SIGNUP:5 boolean", "MAX_SEATS:6 number", "AUTH_PROVIDER:7 enum", "DATABASE_URL:8 url",
            "STRIPE_SECRET_KEY:9 -", "TRIMMED:10 -", "NEXT_PUBLIC_APP_URL:12 url",
        ])
        let zod = """
            const schema = z.object({
              DEBUG_SQL: z.boolean(),
              SMTP_PASSWORD: z.string(),
            });
            export const config = schema.parse(process.env);
            """
        XCTAssertEqual(types(EnvSchemas.parse(zod, SourceFile(repo: "web", path: "src/config.ts")).declarations),
                       ["DEBUG_SQL:2 boolean", "SMTP_PASSWORD:3 -"])
    }

    func testPydanticTypes() {
        let settings = """
            from pydantic import SecretStr, HttpUrl, PostgresDsn
            from pydantic_settings import BaseSettings

            class Settings(BaseSettings):
                api_token: SecretStr
                database_url: PostgresDsn
                debug: bool = False
                workers: int = 4
                mode: Literal["a", "b"] = "a"
                sentry_url: Optional[HttpUrl] = None
                signing_key: SecretStr | None = None
                region: str = "eu"
            """
        XCTAssertEqual(types(PydanticSettings.parse(settings, SourceFile(repo: "api", path: "app/settings.py")).declarations), [
            "API_TOKEN:5 secret", "DATABASE_URL:6 secret", "DEBUG:7 boolean", "WORKERS:8 number", "MODE:9 enum",
            "SENTRY_URL:10 url", "SIGNING_KEY:11 secret", "REGION:12 -",
        ])
    }

    /// A settings class deriving from another of the same file is a settings class (mealie's
    /// `AppSettings(AppLoggingSettings)`); its fields were read, but reported declared nowhere.
    func testPydanticSubclassesOfSettingsClasses() {
        let settings = """
            from pydantic_settings import BaseSettings, SettingsConfigDict

            class LoggingSettings(BaseSettings):
                model_config = SettingsConfigDict(env_prefix="APP_")
                log_level: str = "info"

            class AppSettings(LoggingSettings):
                OPENAI_API_KEY: str | None = None

            class Plain(object):
                NOT_A_SETTING: str = "x"
            """
        XCTAssertEqual(types(PydanticSettings.parse(settings, SourceFile(repo: "api", path: "app/settings.py")).declarations), [
            "APP_LOG_LEVEL:5 -", "APP_OPENAI_API_KEY:8 -",
        ])
    }

    /// k8s: a ConfigMap key is declared as configuration, beside the secret references.
    func testKubernetesConfigMapKeyRef() {
        let manifest = """
            apiVersion: apps/v1
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      env:
                        - name: LOG_LEVEL_TOKEN
                          valueFrom:
                            configMapKeyRef: { name: api-config, key: log-level }
                        - name: STRIPE_SECRET_KEY
                          valueFrom:
                            secretKeyRef: { name: stripe, key: secret-key }
            """
        let parsed = Kubernetes.parse(manifest, SourceFile(repo: "ops", path: "k8s/api.yaml"), helm: false)
        XCTAssertEqual(parsed.declarations.map { "\($0.kind.rawValue) \($0.name):\($0.line) job=\($0.job ?? "-")" }, [
            "k8s-config-map-key-ref LOG_LEVEL_TOKEN:9 job=api", "k8s-secret-key-ref STRIPE_SECRET_KEY:12 job=api",
        ])
    }

    /// A real env file's values are dropped at once, but their shape is kept (a class's evidence);
    /// an example file's values are placeholders: only a URL with a password is kept (see
    /// testAnExampleKeepsOnlyACredentialURLsShape).
    func testRealEnvFileKeepsTheValuesShapeOnly() {
        let canary = "Hv7Rt2Qm9Xc4Lp8Zs1Wd6Kb3Nf5Gj0Ya"
        let text = "MAIL_RELAY=smtp://mailer:\(canary)@relay:587\nBETA=true\nWORKERS=4\nFIELD_CIPHER=\"\(canary)Qa2Wb9Xc4Lp\"\nNAME=planb\n"
        let real = EnvFiles.parse(text, role: .real, repo: "api", path: ".env", fingerprinter: Fixtures.fingerprinter)
        XCTAssertEqual(real.map { "\($0.name) \($0.valueShape?.rawValue ?? "-")" },
                       ["MAIL_RELAY credential-url", "BETA boolean", "WORKERS number", "FIELD_CIPHER 32-byte-key", "NAME -"])
        let json = String(decoding: try! JSONEncoder().encode(real), as: UTF8.self)
        for start in 0...(canary.count - 6) {
            let window = String(Array(canary)[start..<start + 6])
            XCTAssertFalse(json.contains(window), "a piece of the value reached the declarations: \(window)")
        }
        let example = EnvFiles.parse(text, role: .example, repo: "api", path: ".env.example", fingerprinter: Fixtures.fingerprinter)
        XCTAssertEqual(example.map { "\($0.name) \($0.valueShape?.rawValue ?? "-")" },
                       ["MAIL_RELAY credential-url", "BETA -", "WORKERS -", "FIELD_CIPHER -", "NAME -"])
    }

    /// An env example's `user:password@` URL, active or commented, quoted or followed by a
    /// comment, is kept as a shape (evidence that the real value carries a credential); a URL
    /// without a password, an empty value and other placeholders are not. The value never is.
    func testAnExampleKeepsOnlyACredentialURLsShape() {
        let canary = "Qz8Lm3Vt6Rb1Xn4Kc7Wp2Hd5Gs9Jf0Ay"
        let text = """
            DIRECT_URL="postgresql://postgres:\(canary)@localhost:5432/postgres"
            # CLICKHOUSE_URL=http://default:\(canary)@localhost:8123
            EVENTS_URL=http://localhost:8123
            SMTP_CONNECTION_URL=""  # smtp://user:pass@host
            QUEUE_URL=amqp://guest:\(canary)@rabbit:5672 # local broker
            SECRET_KEY=\(canary)Qa2Wb9Xc4Lp
            """
        let example = EnvFiles.parse(text, role: .example, repo: "api", path: ".env.example", fingerprinter: Fixtures.fingerprinter)
        XCTAssertEqual(example.map { "\($0.name):\($0.line) \($0.valueShape?.rawValue ?? "-")" }, [
            "DIRECT_URL:1 credential-url", "CLICKHOUSE_URL:2 credential-url", "EVENTS_URL:3 -", "SMTP_CONNECTION_URL:4 -",
            "QUEUE_URL:5 credential-url", "SECRET_KEY:6 -",
        ])
        let json = String(decoding: try! JSONEncoder().encode(example), as: UTF8.self)
        for start in 0...(canary.count - 6) {
            let window = String(Array(canary)[start..<start + 6])
            XCTAssertFalse(json.contains(window), "a piece of the value reached the declarations: \(window)")
        }
    }
}
