import Foundation
import XCTest
@testable import SourceScan

/// Readers through env objects: the module that builds the object defines its properties; a
/// property read in a file that imports it is a reader of the variable, with the object as
/// evidence (`via`).
final class EnvObjectTests: XCTestCase {
    func testT3EnvReadsInImportersFollowRuntimeEnvNames() throws {
        let found = try objectReaders([
            "src/env.mjs": """
            import { createEnv } from "@t3-oss/env-nextjs";
            import { z } from "zod";

            export const env = createEnv({
              server: {
                STRIPE_SECRET_KEY: z.string(),
                DB_URL: z.string().url(),
              },
              client: { NEXT_PUBLIC_APP_URL: z.string() },
              runtimeEnv: {
                STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
                DB_URL: process.env.DATABASE_URL,
                NEXT_PUBLIC_APP_URL: process.env.NEXT_PUBLIC_APP_URL,
              },
            });
            """,
            "src/lib/stripe.ts": """
            import Stripe from "stripe";
            import { env } from "~/env";

            export const stripe = new Stripe(env.STRIPE_SECRET_KEY);
            // env.IN_A_COMMENT
            export const db = env?.DB_URL;
            """,
            // Not an importer of the env module: its own `env` is not the object.
            "src/other.ts": "const env = { STRIPE_SECRET_KEY: 1 };\nexport const x = env.STRIPE_SECRET_KEY;\n",
        ])
        XCTAssertEqual(found, [
            "STRIPE_SECRET_KEY src/lib/stripe.ts:4:38 env (src/env.mjs:4)",
            "DATABASE_URL src/lib/stripe.ts:6:24 env (src/env.mjs:4)",
        ])
    }

    /// A read through the object in a test file is marked as a test's, like the workers' readers.
    func testReadsThroughTheObjectInTestFilesAreTests() throws {
        let found = try objectReaders([
            "src/env.mjs": "import { createEnv } from \"@t3-oss/env-nextjs\";\nexport const env = createEnv({\n  server: { STRIPE_SECRET_KEY: z.string() },\n  runtimeEnv: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY },\n});\n",
            "src/lib/stripe.ts": "import { env } from \"~/env\";\nexport const key = env.STRIPE_SECRET_KEY;\n",
            "src/lib/stripe.test.ts": "import { env } from \"~/env\";\nexpect(env.STRIPE_SECRET_KEY).toBeDefined();\n",
        ])
        XCTAssertEqual(found, [
            "STRIPE_SECRET_KEY src/lib/stripe.test.ts:2:12 env (src/env.mjs:2) test",
            "STRIPE_SECRET_KEY src/lib/stripe.ts:2:24 env (src/env.mjs:2)",
        ])
    }

    /// The Python test's word (`Settings`) comes from the worker's keyword pass, with the answer a
    /// search of its own gives; past 63 keywords (a shared bit) the pass gives none.
    func testThePrefilterSaysWhetherAPythonModuleMayDefineAnObject() throws {
        let rules = try RuleSet.builtIn()
        let detector = ReaderDetector(rules: rules.readers.filter { $0.families.contains(.python) })
        let word = try XCTUnwrap(EnvObjectFollower.prefilterWord(.python))
        // JavaScript's word is std-env's (EnvObjectLastFormsTests); Swift has none.
        XCTAssertEqual(EnvObjectFollower.prefilterWord(.javascript), Array("std-env".utf8))
        XCTAssertNil(EnvObjectFollower.prefilterWord(.swift))
        let prefilter = FilePrefilter(readers: detector, contextKeywords: ContextFinders.forFamily(.python).keywords, envObjectWord: word)
        let crowded = FilePrefilter(readers: detector, contextKeywords: (0..<70).map { Array("kw\($0)".utf8) }, envObjectWord: word)
        for (text, expected) in [("class S(BaseSettings):\n    key: str\n", true), ("import os\nx = os.environ['A']\n", false),
                                 ("settings = load()\n", false), ("from app import Settings", true), ("Setting s", false)] {
            Array(text.utf8).withUnsafeBufferPointer { b in
                XCTAssertEqual(prefilter.check(b).envObjectWord, expected, text)
                XCTAssertEqual(EnvObjectFollower.contains(b, EnvObjectFollower.settings), expected, text)
                XCTAssertNil(crowded.check(b).envObjectWord, text)
            }
        }
    }

    /// The workers' byte test: each form a defining module contains, and not a plain reader.
    func testTheByteTestKnowsEachDefiningForm() {
        // The tokenizer lists only identifiers of 6 to 9 bytes starting with c, p or e, in order,
        // interpolations included.
        let source = "export let config = `${process.env.A}`; cleanEnv(c, e, pe, #process, environment, processes)"
        let lexed = Tokenizers.tokenize(source, as: .javascript)
        let bytes = Array(source.utf8)
        let listed = lexed.formWordTokens.map { i -> String in
            let t = lexed.tokens[Int(i)]
            return t.kind == .identifier ? String(decoding: bytes[t.start..<t.end], as: UTF8.self) : "not an identifier"
        }
        XCTAssertEqual(listed, ["export", "config", "process", "cleanEnv", "processes"])

        // The byte test and the token test the workers run must agree on every form.
        func may(_ text: String) -> Bool {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { raw -> Bool in
                let b = UnsafeBufferPointer(raw)
                let lexed = JavaScriptTokenizer().tokenize(b, scratch: LexScratch())
                let byTokens = EnvObjectFollower.mayDefine(tokens: lexed.tokens, b)
                XCTAssertEqual(byTokens, EnvObjectFollower.mayDefineJavaScript(b), text)
                // The workers' test looks only at the tokens the tokenizer listed.
                XCTAssertEqual(EnvObjectFollower.mayDefine(lexed, b), byTokens, text)
                return byTokens
            }
        }
        for form in ["export const env = createEnv({", "const env = cleanEnv(process.env, {", "schema.parse(process.env)",
                     "load(process.env, opts)", "const e = process.env;", "const e = process.env\nexport { e }",
                     "export default new Environment()", "export default {\n  a: 1 }", "export const config: Config = {",
                     "const s = `${cleanEnv(x)}`", "f(`a ${g(process.env)} b`)"] {
            XCTAssertTrue(may(form), form)
        }
        for plain in ["const key = process.env.STRIPE_SECRET_KEY;", "getEnv('X')", "export function f() {}",
                      "const e = process.envs;", "this.#process = process.env.X;"] {
            XCTAssertFalse(may(plain), plain)
        }
    }

    func testZodParseOfProcessEnvDefinesItsKeys() throws {
        let found = try objectReaders([
            "src/env.ts": """
            import { z } from "zod";

            const schema = z.object({
              OPENAI_API_KEY: z.string(),
              PORT: z.coerce.number().default(3000),
            });

            export const env: Env = process.env.SKIP ? ({} as Env) : schema.parse(withoutEmpty(process.env));
            """,
            "app/chat.ts": "import { env } from \"../src/env\";\nconst key = env.OPENAI_API_KEY;\n",
        ])
        XCTAssertEqual(found, [
            "OPENAI_API_KEY app/chat.ts:2:17 env (src/env.ts:8)",
            "OPENAI_API_KEY src/env.ts:4:3 env (src/env.ts:8)",
            "PORT src/env.ts:5:3 env (src/env.ts:8)",
        ])
    }

    /// dub's playwright/env.ts: the object is a `const` exported by an export list.
    func testObjectExportedByAnExportList() throws {
        let found = try objectReaders([
            "playwright/env.ts": """
            import * as z from "zod/v4";

            const envSchema = z.object({
              E2E_PARTNER_PASSWORD: z.string().min(1),
            });

            const env = envSchema.parse(process.env);

            export { env };
            """,
            "playwright/partners/login.spec.ts": "import { env } from \"../env\";\n\nfill(`${env.E2E_PARTNER_PASSWORD}`);\n",
        ])
        XCTAssertEqual(found, [
            "E2E_PARTNER_PASSWORD playwright/env.ts:4:3 env (playwright/env.ts:7) test",
            "E2E_PARTNER_PASSWORD playwright/partners/login.spec.ts:3:13 env (playwright/env.ts:7) test",
        ])
    }

    func testEnvalidAndPlainObjectAndDestructuring() throws {
        let found = try objectReaders([
            "config/env.js": """
            import { cleanEnv, str } from "envalid";

            export const env = cleanEnv(process.env, {
              SENDGRID_API_KEY: str(),
            });
            """,
            "server.js": "import { env } from \"./config/env.js\";\nsend(env.SENDGRID_API_KEY);\n",
            "lib/config.ts": """
            export const config = {
              stripeKey: process.env.STRIPE_KEY,
              port: Number(process.env.PORT ?? 3000),
              name: "shop",
            };
            """,
            "api/pay.ts": "import { config as c } from \"@/lib/config\";\nconst s = c.stripeKey;\nconst { port, name } = c;\n",
        ])
        XCTAssertEqual(found, [
            "STRIPE_KEY api/pay.ts:2:13 c (lib/config.ts:1)",
            "PORT api/pay.ts:3:9 c (lib/config.ts:1)",
            "SENDGRID_API_KEY config/env.js:4:3 env (config/env.js:3)",
            "SENDGRID_API_KEY server.js:2:10 env (config/env.js:3)",
        ])
    }

    /// outline: a proxy over process.env read as `environment.X` by a class's fields, whose
    /// instance is the default export read as `env.X` elsewhere.
    func testClassOverAProxyOfProcessEnv() throws {
        let found = try objectReaders([
            "server/utils/environment.ts": "export default withFileSecrets(process.env);\n",
            "server/env.ts": """
            import environment from "./utils/environment";

            export class Environment {
              @IsNotEmpty()
              public SECRET_KEY = environment.SECRET_KEY ?? "";

              public REDIS_URL = this.toOptionalString(environment.REDIS_URL);
            }

            export default new Environment();
            """,
            "server/redis.ts": "import env from \"@server/env\";\nconnect(env.REDIS_URL);\nsign(env.SECRET_KEY);\n",
        ])
        XCTAssertEqual(found, [
            "SECRET_KEY server/env.ts:5:35 environment (server/utils/environment.ts:1)",
            "REDIS_URL server/env.ts:7:56 environment (server/utils/environment.ts:1)",
            "REDIS_URL server/redis.ts:2:13 env (server/env.ts:10)",
            "SECRET_KEY server/redis.ts:3:10 env (server/env.ts:10)",
        ])
    }

    /// mealie: a settings class inheriting BaseSettings through another settings class, with
    /// `env_prefix` and a field alias, read as `settings.x` and `self.settings.x`.
    func testPydanticSettingsThroughASettingsBaseClass() throws {
        let found = try objectReaders([
            "app/core/config.py": """
            from pydantic_settings import BaseSettings, SettingsConfigDict


            class LoggingSettings(BaseSettings):
                model_config = SettingsConfigDict(env_prefix="APP_")

                log_level: str = "info"


            class Settings(LoggingSettings):
                stripe_key: str
                database_url: str = Field(alias="DATABASE_URL")

                def dsn(self) -> str:
                    return self.database_url


            settings = Settings()
            """,
            "app/billing.py": "from app.core.config import settings\n\n\ndef charge():\n    return settings.stripe_key, settings.log_level\n",
            "app/db.py": "class Repo:\n    def url(self):\n        # settings.stripe_key in a comment\n        return self.settings.database_url\n",
        ])
        XCTAssertEqual(found, [
            "APP_STRIPE_KEY app/billing.py:5:21 Settings (app/core/config.py:10)",
            "APP_LOG_LEVEL app/billing.py:5:42 LoggingSettings (app/core/config.py:4)",
            "APP_LOG_LEVEL app/core/config.py:7:5 LoggingSettings (app/core/config.py:4)",
            "APP_STRIPE_KEY app/core/config.py:11:5 Settings (app/core/config.py:10)",
            "DATABASE_URL app/core/config.py:12:5 Settings (app/core/config.py:10)",
            "DATABASE_URL app/core/config.py:15:21 Settings (app/core/config.py:10)",
            "DATABASE_URL app/db.py:4:30 Settings (app/core/config.py:10)",
        ])
    }

    func testDjangoSettingsNames() throws {
        let found = try objectReaders([
            "mysite/settings.py": "import os\n\nSECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\nDEBUG = False\n",
            "shop/views.py": "from django.conf import settings\n\n\ndef sign():\n    return settings.SECRET_KEY, settings.DEBUG\n",
        ])
        XCTAssertEqual(found, ["DJANGO_SECRET_KEY shop/views.py:5:21 settings (mysite/settings.py:1)"])
    }

    /// No module builds an env object: nothing is added (and no file is read again).
    func testNothingWithoutAnEnvObject() throws {
        let found = try objectReaders([
            "a.ts": "export const key = process.env.STRIPE_KEY;\n",
            "b.ts": "import { key } from \"./a\";\nconst env = { X: 1 };\nuse(env.X, key);\n",
            "c.py": "import os\nTOKEN = os.environ[\"TOKEN\"]\nprint(settings.TOKEN)\n",
        ])
        XCTAssertEqual(found, [])
    }
}
