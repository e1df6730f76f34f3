import Foundation
import XCTest
@testable import SourceScan

/// Parameters that are the environment by their declared type (issue 17 item 1,
/// docs/accuracy.md): small trees shaped like langfuse and trigger.dev, and the exact readers
/// they give (`NAME path:line:column via`).
final class EnvParameterTests: XCTestCase {
    /// langfuse's email senders: a parameter `env` whose type lists the variables it carries as
    /// string literal keys (`Partial<Record<"SMTP_CONNECTION_URL" | …, string>>`); trigger.dev's
    /// `watchConnectionString(env: NodeJS.ProcessEnv = process.env)`, an environment inside its
    /// function. A Record of other keys, a name that is not an environment's, a key the type does
    /// not list and a read outside the function are not reads.
    func testParametersThatAreTheEnvironmentByTheirType() throws {
        let found = try objectReaders([
            "shared/env.ts": "import { z } from \"zod\";\nconst schema = z.object({ PORT: z.string() });\nexport const env = schema.parse(process.env);\n",
            "email/send.ts": """
            type Params = {
              env: Partial<
                Record<"EMAIL_FROM_ADDRESS" | "SMTP_CONNECTION_URL", string | undefined>
              >;
              to: string;
            };

            export const send = async ({ env, to }: Params) => {
              if (!env.SMTP_CONNECTION_URL) return;
              connect(env.SMTP_CONNECTION_URL, env.EMAIL_FROM_ADDRESS, env.OTHER, to);
            };
            """,
            "email/multi.ts": """
            type P = {
              env: Partial<
                Record<
                  | "EMAIL_FROM_ADDRESS"
                  | "SMTP_CONNECTION_URL",
                  string | undefined
                >
              >;
            };
            export function send({ env }: P) {
              return env.SMTP_CONNECTION_URL;
            }
            """,
            "repositories/clickhouse.ts": """
            const ERROR_TYPE_CONFIG: Record<"MEMORY_LIMIT" | "TIMEOUT", { d: string[] }> = { MEMORY_LIMIT: { d: [] }, TIMEOUT: { d: [] } };
            use(ERROR_TYPE_CONFIG.MEMORY_LIMIT);
            function f(env: Record<string, string>) { return env.NOT_KEYED; }
            """,
            "agent/watch.ts": """
            export function connectionString(env: NodeJS.ProcessEnv = process.env): string | undefined {
              return env.DASHBOARD_AGENT_DATABASE_URL || env.DATABASE_URL;
            }
            export const other = (e = process.env) => e.OTHER_URL;
            env.OUTSIDE_URL;
            """,
        ])
        XCTAssertEqual(found, [
            "DASHBOARD_AGENT_DATABASE_URL agent/watch.ts:2:14 env (agent/watch.ts:1)",
            "DATABASE_URL agent/watch.ts:2:50 env (agent/watch.ts:1)",
            "OTHER_URL agent/watch.ts:4:45 e (agent/watch.ts:4)",
            "SMTP_CONNECTION_URL email/multi.ts:11:14 env (email/multi.ts:2)",
            "SMTP_CONNECTION_URL email/send.ts:9:12 env (email/send.ts:2)",
            "SMTP_CONNECTION_URL email/send.ts:10:15 env (email/send.ts:2)",
            "EMAIL_FROM_ADDRESS email/send.ts:10:40 env (email/send.ts:2)",
            "PORT shared/env.ts:2:27 env (shared/env.ts:3)",
        ])
    }

    /// The byte test that decides which files are tokenized for these parameters: a default of
    /// `process.env` and the two types, not every `= process.env.X` read.
    func testOnlyFilesThatMayHoldSuchAParameterAreTokenized() {
        func mayHold(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { EnvParameters.mayHold($0) } }
        XCTAssertFalse(mayHold("const key = process.env.STRIPE_KEY;\nconst url = process.env[\"URL\"];\n"))
        XCTAssertFalse(mayHold("const all = process.env;\n"))
        XCTAssertTrue(mayHold("function watch(env = process.env) {}"))
        XCTAssertTrue(mayHold("function watch(env = process.env, other) {}"))
        XCTAssertTrue(mayHold("function watch(\n  env = process.env\n) {}"))
        XCTAssertTrue(mayHold("function watch(env: NodeJS.ProcessEnv) {}"))
        XCTAssertTrue(mayHold("function send(env: Partial<Record<\"SMTP_URL\", string>>) {}"))
        XCTAssertFalse(mayHold("x = process.env"), "the needle at the end of the file")
    }
}
