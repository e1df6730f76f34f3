import Foundation
import XCTest
@testable import SourceScan

/// std-env's `env`, a proxy of the environment (issue 17 item 1, docs/accuracy.md): a small
/// tree shaped like trigger.dev, and the exact readers it gives (`NAME path:line:column via`).
final class StdEnvObjectTests: XCTestCase {
    /// trigger.dev apps/supervisor: a zod schema parses std-env's `env` (a proxy of
    /// `process.env`), and the module never names `process.env`; cli-v3 reads std-env's `env`
    /// directly. A parse of another module's `env`, or another std-env export, is not one.
    func testStdEnvParsedBySchemaAndReadDirectly() throws {
        let found = try objectReaders([
            "apps/supervisor/src/env.ts": """
            import { env as stdEnv } from "std-env";
            import { z } from "zod";

            export const Env = z.object({
              TRIGGER_WORKER_TOKEN: z.string(),
              MANAGED_WORKER_SECRET: z.string(),
            });

            export const env = Env.parse(stdEnv);
            """,
            "apps/supervisor/src/workerToken.ts": """
            import { env } from "./env.js";

            export function getWorkerToken() {
              return env.TRIGGER_WORKER_TOKEN;
            }
            """,
            "cli/logger.ts": "import { env } from \"std-env\";\nconst level = env.TRIGGER_LOG_LEVEL?.toLowerCase();\n",
            "cli/ci.ts": "import { isCI } from \"std-env\";\nconst env = load();\nuse(isCI, env.NOT_STD_ENV);\n",
            "lib/parse.ts": """
            // std-env is not what this parses
            import { z } from "zod";
            import { env as localEnv } from "./settings";
            const Schema = z.object({ NOT_FROM_STD: z.string() });
            export const cfg = Schema.parse(localEnv);
            """,
            "lib/use.ts": "import { cfg } from \"./parse\";\nuse(cfg.NOT_FROM_STD);\n",
        ])
        XCTAssertEqual(found, [
            "TRIGGER_WORKER_TOKEN apps/supervisor/src/env.ts:5:3 env (apps/supervisor/src/env.ts:9)",
            "MANAGED_WORKER_SECRET apps/supervisor/src/env.ts:6:3 env (apps/supervisor/src/env.ts:9)",
            "TRIGGER_WORKER_TOKEN apps/supervisor/src/workerToken.ts:4:14 env (apps/supervisor/src/env.ts:9)",
            "TRIGGER_LOG_LEVEL cli/logger.ts:2:19 env (cli/logger.ts:1)",
        ])
    }

    /// The workers keep a std-env module by the JavaScript keyword pass's env-object word, whatever
    /// reader keywords it has (none, in trigger.dev's supervisor).
    func testThePrefilterSaysWhetherAModuleImportsStdEnv() throws {
        let rules = try RuleSet.builtIn()
        let detector = ReaderDetector(rules: rules.readers.filter { $0.families.contains(.javascript) })
        let prefilter = FilePrefilter(readers: detector, contextKeywords: ContextFinders.forFamily(.javascript).keywords,
                                      envObjectWord: EnvObjectFollower.prefilterWord(.javascript))
        for (text, expected) in [("import { env as stdEnv } from \"std-env\";\n", true), ("const { env } = require('std-env')", true),
                                 ("const key = process.env.KEY;", false), ("import { env } from \"./std/env\"", false)] {
            Array(text.utf8).withUnsafeBufferPointer { b in
                XCTAssertEqual(prefilter.check(b).envObjectWord, expected, text)
                XCTAssertEqual(EnvObjectFollower.importsStdEnv(b, wordPresent: nil), expected, text)
            }
        }
    }
}
