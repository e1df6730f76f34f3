import XCTest
import PCRE
@testable import SourceScan

/// Issue 17 item 2, in code: the string a read of an environment variable falls back to is a
/// literal tied to the variable's name (context `env-default`, target the name), in each form and
/// language the reader rules read; a fallback that is not a constant string is not one.
final class EnvDefaultTests: XCTestCase {
    func scan(_ files: [String: String], allLiterals: Bool = false) throws -> ScanResult {
        let tree = TempTree()
        for (path, text) in files { tree.write("repo/" + path, text) }
        return try Fixtures.scan([Root(name: "repo", path: tree.path + "/repo")], allLiterals: allLiterals)
    }

    /// path:line:column context target length, then whether secret-like and a placeholder.
    func rows(_ result: ScanResult) -> [String] {
        result.literals.map {
            "\($0.path):\($0.line):\($0.column) \($0.context) \($0.target ?? "-") \($0.length)"
                + ($0.secretLike ? " secret-like" : "") + ($0.placeholder == true ? " placeholder" : "")
        }
    }

    static let javascript = """
const a = process.env.SESSION_SECRET || "s3ss-default";
const b = process.env.JWT_SECRET ?? 'jwt-dev-Zx81';
const c = process.env["API_TOKEN"] ?? `tok-4Kq9`;
const { WEBHOOK_SECRET = "whsec-local-77", PORT = "3000", STRIPE_SECRET_KEY: stripeKey = "sk-fallback-9" } = process.env;
const d = process.env.SIGNING_KEY || someVar;
const e = process.env.DB_PASSWORD || "changeme";
const f = process.env.LOG_LEVEL || "info";
const g = process.env.AUTH_TOKEN || "abc" + suffix;
const h = process.env.CRON_SECRET || "";
const i = process.env.HMAC_KEY || "x".repeat(4);
"""

    static let python = """
import os
from os import getenv
import environ

env = environ.Env()
A = os.getenv("SECRET_KEY", "dj-dev-key")
B = os.environ.get("JWT_SECRET", default="jwt-py-default")
C = os.getenv("API_TOKEN") or "tok-py-fallback"
D = env("SESSION_SECRET", default="sess-env-default")
E = env.str("COOKIE_SECRET", default="cookie-env-1")
F = getenv("HMAC_SECRET", "hmac-imported-1")
G = os.getenv("SIGNING_KEY")
H = os.getenv("DATABASE_URL", "postgres://app:app@db:5432/app")
I = env("CRON_SECRET", str, "positional-is-cast")
J = os.environ.get("WEBHOOK_SECRET", fallback)
K = os.getenv("AUTH_TOKEN", "abc" + suffix)
L = os.getenv("LOG_LEVEL", "info")
"""

    static let swift = """
import Foundation

let a = ProcessInfo.processInfo.environment["JWT_SECRET"] ?? "swift-jwt-dev"
let b = ProcessInfo.processInfo.environment["API_TOKEN"] ?? fallbackToken
let c = ProcessInfo.processInfo.environment["SESSION_SECRET"]
let d = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"
"""

    func testJavaScriptFallbacksIndexAndDestructuringDefaults() throws {
        let result = try scan(["src/config.ts": Self.javascript])
        XCTAssertEqual(rows(result), [
            "src/config.ts:1:41 env-default SESSION_SECRET 12 secret-like",
            "src/config.ts:2:37 env-default JWT_SECRET 12 secret-like",
            "src/config.ts:3:39 env-default API_TOKEN 8 secret-like",
            "src/config.ts:4:26 env-default WEBHOOK_SECRET 14 secret-like",
            "src/config.ts:4:90 env-default STRIPE_SECRET_KEY 13 secret-like",
            "src/config.ts:6:38 env-default DB_PASSWORD 8 placeholder",
        ])
        // Negatives: `|| someVar`, `|| "abc" + suffix`, `|| ""`, `|| "x".repeat(4)`; `PORT = "3000"`
        // and `LOG_LEVEL || "info"` are configuration, short: not reported, not counted.
        XCTAssertEqual(result.summary.literalsNotSecretLike, 0)
        XCTAssertEqual(result.literals.map(\.language), Array(repeating: "typescript", count: 6))
        XCTAssertEqual(result.literals[0].hint, "s3s…lt")
        XCTAssertEqual(result.literals[0].fingerprint, Fixtures.fingerprinter.fingerprint("s3ss-default"))
        XCTAssertEqual(result.literals.map(\.placeholder), [false, false, false, false, false, true])
    }

    func testPythonArgumentKeywordAndOrDefaults() throws {
        let result = try scan(["app/settings.py": Self.python])
        XCTAssertEqual(rows(result), [
            "app/settings.py:6:29 env-default SECRET_KEY 10 secret-like",
            "app/settings.py:7:42 env-default JWT_SECRET 14 secret-like",
            "app/settings.py:8:31 env-default API_TOKEN 15 secret-like",
            "app/settings.py:9:35 env-default SESSION_SECRET 16 secret-like",
            "app/settings.py:10:38 env-default COOKIE_SECRET 12 secret-like",
            "app/settings.py:11:27 env-default HMAC_SECRET 15 secret-like",
            "app/settings.py:13:31 env-default DATABASE_URL 30 placeholder",
        ])
        // Negatives: `os.getenv("SIGNING_KEY")`, django-environ's positional cast, `fallback`,
        // `"abc" + suffix`; `LOG_LEVEL` is configuration.
        XCTAssertEqual(result.summary.literalsNotSecretLike, 0)
    }

    func testSwiftProcessInfoFallback() throws {
        let result = try scan(["Sources/App/App.swift": Self.swift])
        XCTAssertEqual(rows(result), ["Sources/App/App.swift:3:62 env-default JWT_SECRET 13 secret-like"])
    }

    /// The other readers with a default: Vapor's `Environment.get`, NestJS's
    /// `configService.get("X", "v")` (its second argument), `os.environ.setdefault`.
    func testOtherReadersDefaults() throws {
        let result = try scan([
            "a.swift": "let k = Environment.get(\"JWT_SIGNING_KEY\") ?? \"vapor-dev-key\"\n",
            "b.ts": "const s = this.configService.get('SESSION_SECRET', 'nest-dev-secret');\nconst t = configService.get('API_TOKEN', fallback);\n",
            "c.py": "import os\nos.environ.setdefault(\"DJANGO_SECRET_KEY\", \"django-dev-key\")\n",
        ])
        XCTAssertEqual(rows(result), [
            "a.swift:1:47 env-default JWT_SIGNING_KEY 13 secret-like",
            "b.ts:1:52 env-default SESSION_SECRET 15 secret-like",
            "c.py:2:44 env-default DJANGO_SECRET_KEY 14 secret-like",
        ])
    }

    /// Defaults the real-world set (issue 16) holds under names the rules call a secret's, none of
    /// them a secret: durations, a URL scheme, local hosts, made-up keys. A Stripe test key with
    /// the word "test" in it is still a key.
    func testDurationsSchemesLocalHostsAndMadeUpKeysAreNotSecrets() throws {
        let result = try scan([
            "settings.py": """
            import os
            RESET_PASSWORD_LOCK_TIME = os.environ.get("RESET_PASSWORD_LOCK_TIME", "15 minutes")
            TOKEN_UPDATE_LAST_LOGIN_THRESHOLD = os.environ.get("TOKEN_UPDATE_LAST_LOGIN_THRESHOLD", "5 seconds")
            AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
            ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1")
            AVALARA_PASSWORD = os.environ.get("AVALARA_PASSWORD", "test")

            """,
            "seed.ts": """
            const a = process.env.SEED_SECRET_KEY ?? "sk-lf-1234567890";
            const b = process.env.SEED_SECRET_KEY ?? "sk-lf-asdfghjkl";
            const SALT = process.env.SALT || "test-salt-for-hashing";
            const c = process.env.STRIPE_SECRET_KEY ?? "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

            """,
        ])
        XCTAssertEqual(rows(result), [
            "seed.ts:1:42 env-default SEED_SECRET_KEY 16 placeholder",
            "seed.ts:2:42 env-default SEED_SECRET_KEY 15 placeholder",
            "seed.ts:3:34 env-default SALT 21 placeholder",
            "seed.ts:4:44 env-default STRIPE_SECRET_KEY 32 secret-like",
            "settings.py:6:55 env-default AVALARA_PASSWORD 4 placeholder",
        ])
        XCTAssertEqual(result.literals.last?.hint, "…")
        XCTAssertEqual(result.summary.literalsNotSecretLike, 0)
    }

    /// The negatives alone: a read without a default, and a default that is not a constant.
    func testReadsWithoutAConstantDefaultGiveNoLiteral() throws {
        let result = try scan([
            "a.ts": "const d = process.env.SIGNING_KEY || someVar;\nconst e = process.env.JWT_SECRET ?? `${prefix}-dev`;\n",
            "b.py": "import os\nG = os.getenv(\"SIGNING_KEY\")\nH = os.getenv(\"JWT_SECRET\") or f\"{prefix}-dev\"\n",
            "c.swift": "let b = ProcessInfo.processInfo.environment[\"API_TOKEN\"] ?? fallbackToken\n",
        ])
        XCTAssertEqual(result.readers.count, 5)
        XCTAssertEqual(rows(result), [])
    }

    /// A configuration name's default is reported only when the value itself looks like a
    /// secret; a long ordinary one counts as not secret-like, as a constructor literal would.
    func testConfigurationDefaultsFollowTheClassifier() throws {
        let key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
        let source = """
        const u = process.env.API_URL || "https://api.example.net/v1/service/endpoint";
        const k = process.env.PAYMENT_CONFIG || "\(key)";

        """
        let result = try scan(["a.js": source])
        XCTAssertEqual(rows(result), ["a.js:2:41 env-default PAYMENT_CONFIG 32 secret-like"])
        XCTAssertEqual(result.literals.first?.issuer, "Stripe")
        XCTAssertEqual(result.summary.literalsNotSecretLike, 1)
        let all = try scan(["a.js": source], allLiterals: true)
        XCTAssertEqual(rows(all), ["a.js:1:34 env-default API_URL 43 placeholder", "a.js:2:41 env-default PAYMENT_CONFIG 32 secret-like"])
    }

    /// In a constructor, `this.key = process.env.KEY || "…"` is one literal: the variable's
    /// default (tied to its name), not a second, constructor-assignment one.
    func testADefaultInAConstructorIsTheVariablesDefault() throws {
        let source = """
        export class Client {
          constructor() {
            this.key = process.env.STRIPE_SECRET_KEY || "Zq8v2LmX4pN7aB3dE5fG7hI9kT0";
            this.other = "Yw7u1KlW3oM6zA2cD4eF6gH8jS9";
          }
        }

        """
        let result = try scan(["client.js": source])
        XCTAssertEqual(rows(result), [
            "client.js:3:49 env-default STRIPE_SECRET_KEY 27 secret-like",
            "client.js:4:18 constructor-assignment other 27 secret-like",
        ])
        XCTAssertEqual(result.literals.map(\.placeholder), [false, nil])
    }

    func testAnAllowCommentAcceptsADefault() throws {
        let source = "// secretmap:allow local development only\nconst s = process.env.SESSION_SECRET || \"Kq8v2LmX4pN7\";\n"
        let result = try scan(["a.ts": source])
        XCTAssertEqual(rows(result), ["a.ts:2:41 env-default SESSION_SECRET 12 secret-like"])
        XCTAssertEqual(result.literals.first?.allowReason, "local development only")
    }

    /// A worker judges a value under a name once (DefaultDecisions): its repeats, in the same
    /// file and in another, give the literals the first gave, each at its own place; the same
    /// value under another name is judged under that name; a configuration default is counted
    /// at every occurrence.
    func testRepeatedDefaultsAreJudgedPerValueAndName() throws {
        let canary = "CANARY-dev-9Qz7"  // under min-length: secret-like only under a secret's name
        let source = """
        const a = process.env.JWT_SECRET || "\(canary)";
        const b = process.env.APP_LABEL || "\(canary)";
        const c = process.env.JWT_SECRET || "\(canary)";
        const u = process.env.API_URL || "https://api.example.net/v1/service/endpoint";
        const v = process.env.API_URL || "https://api.example.net/v1/service/endpoint";

        """
        for threads in [1, 2] {
            let tree = TempTree()
            tree.write("repo/a.ts", source)
            tree.write("repo/b.ts", source)
            let result = try Fixtures.scan([Root(name: "repo", path: tree.path + "/repo")], threads: threads)
            XCTAssertEqual(rows(result), [
                "a.ts:1:37 env-default JWT_SECRET 15 secret-like",
                "a.ts:3:37 env-default JWT_SECRET 15 secret-like",
                "b.ts:1:37 env-default JWT_SECRET 15 secret-like",
                "b.ts:3:37 env-default JWT_SECRET 15 secret-like",
            ])
            XCTAssertEqual(Set(result.literals.map(\.fingerprint)), [Fixtures.fingerprinter.fingerprint(canary)])
            XCTAssertEqual(result.literals.map(\.hint), Array(repeating: "CAN…z7", count: 4))
            XCTAssertEqual(result.summary.literalsNotSecretLike, 4)
            XCTAssertFalse(String(describing: result).contains(canary))
        }
    }

    func testObviousPlaceholders() throws {
        let rules = try RuleSet.builtIn()
        for value in ["changeme", "CHANGE_ME", "xxx", "xxxxxxxx", "your-api-key", "<token>", "${TOKEN}", "secret", "dev",
                      "please-change-me", "http://localhost:3000", "postgres://postgres:postgres@localhost:5432/app",
                      "postgres://app:app@db:5432/app", "redis://127.0.0.1:6379", "https://example.com/hook", "placeholder-key"] {
            XCTAssertTrue(rules.isPlaceholder(value), value)
        }
        for value in ["s3ss-default", "Zq8v2LmX4pN7aB3dE5fG7hI9", "postgres://app:Xk29fjs0@prod-db.internal:5432/app",
                      "postgres://app:Xk29fjs0@db:5432/app", "https://hooks.slack.com/services/T0/B0/abc", "eu-west-1"] {
            XCTAssertFalse(rules.isPlaceholder(value), value)
        }
    }
}
