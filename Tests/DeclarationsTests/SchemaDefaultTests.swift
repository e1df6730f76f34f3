import Foundation
@testable import Declarations
import SourceScan
import XCTest

/// Defaults a typed settings schema gives a variable (issue 17 item 2): zod's `.default("…")` in a
/// t3-env `createEnv` or a `z.object` parsed from the environment, and a pydantic `BaseSettings`
/// field's `= "…"` or `Field("…")`. Each is a literal tied to the variable's name, as the compose
/// and shell defaults are; a computed default (`process.env.X`, a template, a number) is not one.
final class SchemaDefaultTests: XCTestCase {
    static let zodCanary = "Hv3Qm8Zt1Lx6Wp4Rk9Nc2Bd7Fs5Jg0Ya"
    static let pydanticCanary = "Tc6Yw1Lq8Pz3Vn5Rk2Xm9Hd4Jb7Fs0Ga"

    func tree() -> TempTree {
        let tree = TempTree()
        tree.write("apps/web/src/env.ts", """
            import { createEnv } from "@t3-oss/env-nextjs";
            import { z } from "zod";
            export const env = createEnv({
              server: {
                STRIPE_SECRET_KEY: z.string().default("\(Self.zodCanary)"),
                PORT: z.coerce.number().default(3000),
                APP_ENV: z.string().default(process.env.NODE_ENV),
                LOG_PREFIX: z.string().default(`${"web"}-log`),
                REDIS_URL: z.string().url().optional().default('redis://localhost:6379'),
                MAPPED: z.string().transform((v) => v.default("not-a-default")),
              },
              runtimeEnv: process.env,
            });
            """)
        tree.write("apps/worker/env.server.ts", """
            import { z } from "zod";
            const EnvironmentSchema = z
              .object({
                POSTHOG_PROJECT_KEY: z.string().default("phc_example_project_key"),
                SESSION_SECRET: z.string(),
              });
            export const env = EnvironmentSchema.parse(process.env);
            """)
        tree.write("app/settings.py", """
            from pydantic import Field, SecretStr
            from pydantic_settings import BaseSettings, SettingsConfigDict


            class Settings(BaseSettings):
                model_config = SettingsConfigDict(env_prefix="APP_")

                secret_key: str = "\(Self.pydanticCanary)"
                db_password: str = 'changeme'
                port: int = 8000
                debug: bool = False
                region: str | None = None
                api_token: str = Field("tok-literal-value", alias="API_TOKEN")
                webhook_secret: SecretStr = Field(default="whsec-literal-value")
                computed: str = f"{port}-x"
                ADMIN_USER: str = "admin"
            """)
        return tree
    }

    func testEachSchemaDefaultIsALiteralTiedToItsName() {
        XCTAssertEqual(HardCodedDefaultTests.lines(Fixtures.declared(in: tree())), [
            "schema-default APP_SECRET_KEY t/app/settings.py:8:23 Tc6…Ga secret-like",
            "schema-default APP_DB_PASSWORD t/app/settings.py:9:24 cha…me placeholder",
            "schema-default API_TOKEN t/app/settings.py:13:28 tok…ue secret-like",
            "schema-default APP_WEBHOOK_SECRET t/app/settings.py:14:47 whs…ue secret-like",
            "schema-default APP_ADMIN_USER t/app/settings.py:16:23 … placeholder",
            "schema-default STRIPE_SECRET_KEY t/apps/web/src/env.ts:5:43 Hv3…Ya secret-like",
            "schema-default REDIS_URL t/apps/web/src/env.ts:9:52 red…79 placeholder",
            "schema-default POSTHOG_PROJECT_KEY t/apps/worker/env.server.ts:4:45 phc…ey placeholder",
        ])
    }

    /// Neither value reaches the declarations' JSON; the fingerprint is the value's.
    func testNoSchemaDefaultValueReachesTheResult() throws {
        let result = Fixtures.declared(in: tree())
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        for canary in [Self.zodCanary, Self.pydanticCanary].map(Array.init) {
            for start in 0...(canary.count - 6) {
                XCTAssertFalse(json.contains(String(canary[start..<(start + 6)])), String(canary[start..<(start + 6)]))
            }
        }
        XCTAssertEqual(result.defaults.first { $0.target == "STRIPE_SECRET_KEY" }?.fingerprint,
                       Fixtures.fingerprinter.fingerprint(Self.zodCanary))
        XCTAssertEqual(result.defaults.first { $0.target == "APP_SECRET_KEY" }?.fingerprint,
                       Fixtures.fingerprinter.fingerprint(Self.pydanticCanary))
    }
}
