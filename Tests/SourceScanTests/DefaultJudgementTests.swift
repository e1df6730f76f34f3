import XCTest
import PCRE
@testable import SourceScan

/// Issue 17 item 2, one judgement: a default is secret-like and a placeholder by the same rules
/// whether the scan finds it in code (`process.env.X || "v"`) or the declarations in a compose
/// file, a script or a Dockerfile (`EnvironmentDefaults.literal`). Before, the declarations
/// judged a short credential under a secret's name not secret-like, and an issuer's test key
/// holding the word "test" a placeholder.
final class DefaultJudgementTests: XCTestCase {
    /// (name, value, secret-like, placeholder), as both sides must judge them.
    static let cases: [(String, String, Bool, Bool)] = [
        ("JWT_SECRET", "Rk4-Wm8", true, false),                // short, a secret's name, could be a credential
        ("SESSION_SECRET", "Kq7Zp2Lw9Xv4Nc8Rt3Bm6Yh1Jd5Fg0Qs", true, false),
        ("STRIPE_SECRET_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", true, false),   // the issuer's test key: a key
        ("STRIPE_SECRET_KEY", "sk_live_xxxxxxxxxxxxxxxx", false, true),          // filler all the same
        ("SESSION_SECRET", "changeme", false, true),
        ("SALT", "test-salt-for-hashing", false, true),
        ("RESET_PASSWORD_LOCK_TIME", "15 minutes", false, false),                 // not a credential's shape
        // A file's path names where the key is, it is not the key (langfuse's REDIS_TLS_KEY).
        ("REDIS_TLS_KEY", "/certs/redis.key", false, false),
        ("TLS_PRIVATE_KEY", "./keys/server.pem", false, false),
        ("ENCRYPTION_KEY", "/9j4Kx+2mQ==", true, false),                         // base64 may start with a slash
    ]

    func testTheScanAndTheDeclarationsJudgeADefaultAlike() throws {
        let rules = try RuleSet.builtIn()
        let fingerprinter = Fingerprinter(key: "judgement-tests")
        let measure = EnvironmentDefaults(rules: rules, fingerprinter: fingerprinter)
        let declared = Self.cases.map { name, value, _, _ -> String in
            let l = measure.literal(value, name: name, context: .composeDefault, repo: "r", path: "docker-compose.yml", line: 1, language: "compose")
            return "\(name) \(l.secretLike) \(l.placeholder == true)"
        }
        XCTAssertEqual(declared, Self.cases.map { "\($0.0) \($0.2) \($0.3)" })

        let tree = TempTree()
        let code = Self.cases.map { "const v = process.env.\($0.0) || \"\($0.1)\";" }.joined(separator: "\n") + "\n"
        tree.write("repo/src/config.ts", code)
        let result = try Fixtures.scan([Root(name: "repo", path: tree.path + "/repo")])
        // The scan records the defaults of secrets' names and secret-like ones (not the duration, not a path).
        XCTAssertEqual(result.literals.map { "\($0.target ?? "-") \($0.secretLike) \($0.placeholder == true)" },
                       Self.cases.filter { $0.2 || $0.3 }.map { "\($0.0) \($0.2) \($0.3)" })
    }
}
