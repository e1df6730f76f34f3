import Foundation
import XCTest
@testable import SourceScan

/// The env-object forms the real-world set showed missing (Benchmarks/real-world,
/// env_object_facts.py): each a small tree shaped like the repository it came from, and the
/// exact readers it gives (`NAME path:line:column via`), including what must not be one.
final class EnvObjectFormTests: XCTestCase {
    /// langfuse worker/src/env.ts: the exported object calls a local function that parses
    /// `process.env`; a local function that does not parse it builds no object.
    func testZodParseInsideALocalFunction() throws {
        let found = try objectReaders([
            "src/env.ts": """
            import { z } from "zod";
            const EnvSchema = z.object({
              STRIPE_SECRET_KEY: z.string().optional(),
            });
            type ParsedEnv = z.infer<typeof EnvSchema>;
            const parseEnv = (): ParsedEnv => {
              const parsed = EnvSchema.parse(removeEmptyEnvVariables(process.env));
              return parsed;
            };
            export const env: ParsedEnv =
              process.env.DOCKER_BUILD === "1"
                ? (process.env as any)
                : parseEnv();
            """,
            "src/app.ts": "import { env } from \"./env\";\nif (env.STRIPE_SECRET_KEY) {}\n",
            "lib/flags.ts": """
            function compute() {
              return { FLAG_KEY: process.env.FLAG_KEY };
            }
            const defaults = () => ({ OTHER: 1 });
            export const flags = process.env.CI ? defaults() : compute();
            """,
            "lib/use.ts": "import { flags } from \"./flags\";\nuse(flags.FLAG_KEY, flags.OTHER);\n",
        ])
        XCTAssertEqual(found, [
            "STRIPE_SECRET_KEY src/app.ts:2:9 env (src/env.ts:10)",
            "STRIPE_SECRET_KEY src/env.ts:3:3 env (src/env.ts:10)",
        ])
    }

    /// trigger.dev app/env.server.ts: the module reads its own object after building it.
    func testReadsInTheDefiningModuleItself() throws {
        let found = try objectReaders([
            "app/env.server.ts": """
            import { z } from "zod";
            env.SESSION_SECRET; // before the object: not its read
            const EnvironmentSchema = z.object({
              SESSION_SECRET: z.string(),
              PORT: z.string(),
            });
            export const env = EnvironmentSchema.parse(process.env);

            if (env.ALLOW_INSECURE) {
              check([["SESSION_SECRET", env.SESSION_SECRET]]);
            }
            """,
        ])
        XCTAssertEqual(found, [
            "SESSION_SECRET app/env.server.ts:4:3 env (app/env.server.ts:7)",
            "PORT app/env.server.ts:5:3 env (app/env.server.ts:7)",
            "SESSION_SECRET app/env.server.ts:10:33 env (app/env.server.ts:7)",
        ])
    }

    static let envServer = """
        import { z } from "zod";
        const schema = z.object({ SESSION_SECRET: z.string(), PORT: z.string() });
        export const env = schema.parse(process.env);
        """

    /// `const { env } = await import(…)` (trigger.dev's tests), CommonJS `require`, namespace
    /// imports (`import * as E`, `const E = require(…)`): the object through each; a require of
    /// another module, and a namespace's own names, are not reads.
    func testDynamicImportRequireAndNamespace() throws {
        let found = try objectReaders([
            "app/env.server.ts": Self.envServer,
            "test/env.server.test.ts": """
            it("reads", async () => {
              const { env } = await import("../app/env.server");
              expect(env.SESSION_SECRET).toBe("a");
            });
            """,
            "scripts/cjs.js": """
            const { env: config } = require("../app/env.server");
            const other = require("../app/other");
            use(config.PORT, other.env.PORT);
            """,
            "lib/ns.ts": """
            import * as E from "../app/env.server";
            const R = require("../app/env.server");
            use(E.env.SESSION_SECRET, E.PORT, R.env.PORT);
            """,
        ])
        XCTAssertEqual(found, [
            "SESSION_SECRET app/env.server.ts:2:27 env (app/env.server.ts:3)",
            "PORT app/env.server.ts:2:55 env (app/env.server.ts:3)",
            "SESSION_SECRET lib/ns.ts:3:11 E (app/env.server.ts:3)",
            "PORT lib/ns.ts:3:41 R (app/env.server.ts:3)",
            "PORT scripts/cjs.js:3:12 config (app/env.server.ts:3)",
            "SESSION_SECRET test/env.server.test.ts:3:14 env (app/env.server.ts:3) test",
        ])
    }

    /// An index module re-exports the object (`export { env } from`, `export { env as e } from`,
    /// `export * from`): its importers read the object through it.
    func testReExportedObject() throws {
        let found = try objectReaders([
            "lib/env.ts": Self.envServer,
            "lib/index.ts": "export { env } from \"./env\";\nexport { env as serverEnv } from \"./env\";\nexport { other } from \"./other\";\n",
            "pkg/index.ts": "export * from \"../lib/env\";\n",
            "app/a.ts": "import { env, serverEnv } from \"~/lib\";\nuse(env.SESSION_SECRET, serverEnv.PORT);\n",
            "app/b.ts": "import { env } from \"../pkg\";\nuse(env.PORT);\n",
        ])
        XCTAssertEqual(found, [
            "SESSION_SECRET app/a.ts:2:9 env (lib/index.ts:1)",
            "PORT app/a.ts:2:35 serverEnv (lib/index.ts:2)",
            "PORT app/b.ts:2:9 env (pkg/index.ts:1)",
            "SESSION_SECRET lib/env.ts:2:27 env (lib/env.ts:3)",
            "PORT lib/env.ts:2:55 env (lib/env.ts:3)",
        ])
    }

    /// A plain object with nested objects: `config.db.url` reads what `db.url` reads, not every
    /// variable of `db`; `config.db` whole reads all of them. outline's `env.public.X` reads
    /// field X of the class instance, or of a plugin's environment class.
    func testNestedObjectsAndPublicFields() throws {
        let found = try objectReaders([
            "config/index.ts": """
            export const config = {
              db: { url: process.env.DATABASE_URL, pool: 5, replica: process.env.REPLICA_URL },
              stripe: process.env.STRIPE_KEY,
            };
            """,
            "api.ts": "import { config } from \"./config\";\nconnect(config.db.url, config.db.pool, config.stripe);\nall(config.db);\n",
            "server/env.ts": """
            export class Environment {
              public SLACK_KEY = process.env.SLACK_KEY;
              get public() { return {}; }
            }
            export default new Environment();
            """,
            "plugins/slack/server/env.ts": """
            import { Environment } from "@server/env";
            class SlackPluginEnvironment extends Environment {
              public SLACK_APP_ID = process.env.SLACK_APP_ID;
            }
            export default new SlackPluginEnvironment();
            """,
            "server/app.ts": "import env from \"@server/env\";\nrender(env.public.SLACK_KEY, env.public.OTHER, env.public.SLACK_APP_ID);\n",
        ])
        XCTAssertEqual(found, [
            "DATABASE_URL api.ts:2:19 config (config/index.ts:1)",
            "STRIPE_KEY api.ts:2:47 config (config/index.ts:1)",
            "DATABASE_URL api.ts:3:12 config (config/index.ts:1)",
            "REPLICA_URL api.ts:3:12 config (config/index.ts:1)",
            "SLACK_KEY server/app.ts:2:19 env (server/env.ts:5)",
            "SLACK_APP_ID server/app.ts:2:59 env (server/env.ts:5)",
        ])
    }

    /// saleor: a Django setting derived from another module-level name that reads the
    /// environment (`email_config = parse(EMAIL_URL)`), and annotated settings
    /// (`EMAIL_HOST_PASSWORD: str = …`); a setting derived from a constant reads nothing.
    func testDjangoSettingsDerivedFromOtherNames() throws {
        let found = try objectReaders([
            "shop/settings.py": """
            import os
            import dj_email_url

            EMAIL_URL = os.environ.get("EMAIL_URL")
            email_config = dj_email_url.parse(EMAIL_URL or "")
            EMAIL_HOST_PASSWORD: str = email_config.get("EMAIL_HOST_PASSWORD", "")
            API_KEY: str = os.environ.get("API_KEY", "")
            SITE_NAME = "shop"
            TITLE = SITE_NAME
            """,
            "shop/plugin.py": """
            from django.conf import settings


            def configure():
                return settings.EMAIL_HOST_PASSWORD, settings.API_KEY, settings.TITLE
            """,
        ])
        XCTAssertEqual(found, [
            "EMAIL_URL shop/plugin.py:5:21 settings (shop/settings.py:1)",
            "API_KEY shop/plugin.py:5:51 settings (shop/settings.py:1)",
        ])
    }
}
