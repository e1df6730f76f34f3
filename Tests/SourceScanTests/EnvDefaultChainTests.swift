import XCTest
@testable import SourceScan

/// Issue 17 item 2, forms the first cut missed: environs' positional default
/// (`env.str("X", "v")`) and a fallback chain (`A || B || "v"`, `getenv("A") or getenv("B") or
/// "v"`), whose string is the default of every variable read before it.
final class EnvDefaultChainTests: XCTestCase {
    func scan(_ files: [String: String]) throws -> ScanResult {
        let tree = TempTree()
        for (path, text) in files { tree.write("repo/" + path, text) }
        return try Fixtures.scan([Root(name: "repo", path: tree.path + "/repo")])
    }

    func rows(_ result: ScanResult) -> [String] {
        result.literals.map {
            "\($0.path):\($0.line):\($0.column) \($0.context) \($0.target ?? "-") \($0.length)"
                + ($0.secretLike ? " secret-like" : "") + ($0.placeholder == true ? " placeholder" : "")
        }
    }

    /// environs (and django-environ's typed methods): `env.str(name, default)`, the default the
    /// second positional argument; `env("X", str)` stays django-environ's cast.
    func testEnvironsPositionalDefault() throws {
        let result = try scan(["app/settings.py": """
            from environs import Env
            env = Env()
            A = env.str("SESSION_SECRET", "Hq4Tz8Wm2Kx6Pb9Rv3Nc")
            B = env.str("COOKIE_SECRET", default="Jd5Ls1Xq7Fw3Mz9Tb2Gk")
            C = env("CRON_SECRET", str, "positional-is-cast")
            D = env.int("WORKERS", 4)
            E = env.str("API_TOKEN", fallback_token)
            """])
        XCTAssertEqual(rows(result), [
            "app/settings.py:3:31 env-default SESSION_SECRET 20 secret-like",
            "app/settings.py:4:38 env-default COOKIE_SECRET 20 secret-like",
        ])
        XCTAssertEqual(result.readers.map { "\($0.name) \($0.rule)" }, [
            "SESSION_SECRET py-env-wrapper", "COOKIE_SECRET py-env-wrapper", "CRON_SECRET py-env-wrapper",
            "WORKERS py-env-wrapper", "API_TOKEN py-env-wrapper",
        ])
    }

    /// `process.env.A || process.env.B || "v"`: with both unset the code runs with "v", so it is
    /// the default of A and of B (one literal each, at the string). A non-environment operand in
    /// between (`|| someVar ||`) ends the chain for the reads before it.
    func testAFallbackChainGivesEveryReadTheDefault() throws {
        let result = try scan(["src/auth.ts": """
            const a = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET || "Zr8Kd3Wq6Lm1Xv9Tb4Hp";
            const b = process.env["JWT_SECRET"] ?? process.env.LEGACY_JWT_SECRET ?? process.env.OLD_JWT_SECRET ?? "Mc2Yf7Ns4Qx8Jb1Vk5Rd";
            const c = process.env.API_TOKEN || someVar || "Pw6Hz1Tk9Lc3Xm7Bq2Ns";
            """, "app/settings.py": """
            import os
            KEY = os.getenv("SECRET_KEY") or os.environ.get("DJANGO_SECRET_KEY") or "Gt5Wm9Kx2Rz6Lb3Qv8Nd"
            """])
        XCTAssertEqual(rows(result), [
            // One literal per name at the string, in name order.
            "app/settings.py:2:73 env-default DJANGO_SECRET_KEY 20 secret-like",
            "app/settings.py:2:73 env-default SECRET_KEY 20 secret-like",
            "src/auth.ts:1:69 env-default AUTH_SECRET 20 secret-like",
            "src/auth.ts:1:69 env-default NEXTAUTH_SECRET 20 secret-like",
            "src/auth.ts:2:103 env-default JWT_SECRET 20 secret-like",
            "src/auth.ts:2:103 env-default LEGACY_JWT_SECRET 20 secret-like",
            "src/auth.ts:2:103 env-default OLD_JWT_SECRET 20 secret-like",
        ])
    }
}
