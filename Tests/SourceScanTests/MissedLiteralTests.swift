import XCTest
import PCRE
@testable import SourceScan

/// Secrets the literal detector used to miss: URLs with a password in them, and keys on a line of
/// their own inside a multi-line string (Swift `"""…"""`, a JavaScript template, a Python `"""…"""`).
/// Each test names the exact place, hint and fingerprint.
final class MissedLiteralTests: XCTestCase {
    func scan(_ files: [String: String], allLiterals: Bool = false) throws -> ScanResult {
        let tree = TempTree()
        for (path, text) in files { tree.write("repo/" + path, text) }
        return try Fixtures.scan([Root(name: "repo", path: tree.path + "/repo")], allLiterals: allLiterals)
    }

    func fingerprint(_ s: String) -> String { Fixtures.fingerprinter.fingerprint(s) }

    // MARK: credential URLs

    func testAURLWithAPasswordIsSecretLikeInEveryLanguage() throws {
        let result = try scan([
            "db.js": """
            class Db {
              constructor(url = "postgres://user:pass@host/db") {}
            }
            """,
            "cache.py": """
            class Cache:
                def __init__(self):
                    self.dsn = "rediss://:Rz5kP9qW2x@cache.example.com:6380/0"
            """,
            "Mongo.swift": """
            struct Mongo {
                let uri = "mongodb+srv://svc:Kq7Zp2Lw9@cluster0.example.net/prod"
            }
            """,
        ])
        XCTAssertEqual(result.literals.map(\.line_), [
            "repo/Mongo.swift:2:15 field-initializer uri 53 -",
            "repo/cache.py:3:20 constructor-assignment dsn 45 -",
            "repo/db.js:2:21 constructor-default url 28 -",
        ])
        XCTAssertEqual(result.literals.map(\.hint), ["mon…od", "red…/0", "pos…db"])
        XCTAssertEqual(result.literals.map(\.fingerprint), [
            fingerprint("mongodb+srv://svc:Kq7Zp2Lw9@cluster0.example.net/prod"),
            fingerprint("rediss://:Rz5kP9qW2x@cache.example.com:6380/0"),
            fingerprint("postgres://user:pass@host/db"),
        ])
        XCTAssertEqual(result.summary.literalsNotSecretLike, 0)
    }

    func testAURLWithoutAPasswordOrWithAPlaceholderIsNot() throws {
        let urls = ["postgres://user@db.internal:5432/app", "postgres://user:password@localhost:5432/app",
                    "mysql://root:changeme@localhost:3306/app", "postgres://user:${DB_PASSWORD}@db.internal/app",
                    "postgres://user:<password>@db.internal/app", "redis://default:xxx@cache.example.com:6379",
                    "amqp://guest:***@mq.example.com/vhost", "https://api.example.com/v1/callback"]
        let fields = urls.enumerated().map { "  url\($0.offset) = \"\($0.element)\";" }.joined(separator: "\n")
        let result = try scan(["conn.js": "class Conn {\n\(fields)\n}\n"])
        XCTAssertEqual(result.literals.map(\.line_), [])
        XCTAssertEqual(result.summary.literalsNotSecretLike, urls.count)
    }

    /// The rule's own examples, through the classifier: each `match` is secret-like by this rule,
    /// each `no-match` is not secret-like at all (and not by the url not-secret rule's oversight).
    func testEverySecretLikeExampleThroughTheClassifier() throws {
        let rules = try RuleSet.builtIn()
        let classifier = LiteralClassifier(rules: rules, fingerprinter: Fixtures.fingerprinter)
        let scratch = MatchScratch()
        func verdict(_ s: String) -> LiteralClassifier.Verdict? {
            var bytes = Array(s.utf8)
            return bytes.withUnsafeMutableBufferPointer { classifier.classify(UnsafeBufferPointer($0), scratch: scratch) }
        }
        XCTAssertEqual(rules.secretLike.map(\.id), ["credential-url"])
        for rule in rules.secretLike {
            XCTAssertFalse(rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty, rule.id)
            for s in rule.spec.match {
                XCTAssertEqual(verdict(s)?.secretLikeRule, rule.id, "\(rule.id) must match \(s)")
                XCTAssertEqual(verdict(s)?.secretLike, true, s)
            }
            for s in rule.spec.noMatch {
                XCTAssertNil(verdict(s)?.secretLikeRule, "\(rule.id) must not match \(s)")
                XCTAssertEqual(verdict(s)?.secretLike, false, s)
            }
        }
    }

    // MARK: multi-line strings

    func testAKeyOnItsOwnLineInAJavaScriptTemplateIsFoundAtThatLine() throws {
        let result = try scan(["pay.js": """
            class Payments {
              constructor() {
                this.config = `
                  sk_live_51HqLyjWDarjtT1zdp7dcXYZ
                `;
                this.help = `Please try again in a few minutes,
                  then contact support if it persists.`;
              }
            }
            """])
        XCTAssertEqual(result.literals.map(\.line_), ["repo/pay.js:4:7 constructor-assignment config 32 Stripe"])
        XCTAssertEqual(result.literals.map(\.hint), ["sk_…YZ"])
        XCTAssertEqual(result.literals.map(\.fingerprint), [fingerprint("sk_live_51HqLyjWDarjtT1zdp7dcXYZ")])
        XCTAssertEqual(result.summary.literalsNotSecretLike, 1)  // the prose
    }

    func testAKeyInASwiftMultiLineStringIsFoundAtItsLine() throws {
        let result = try scan(["Billing.swift": """
            struct Billing {
                let key = \"\"\"
                    sk_live_51HqLyjWDarjtT1zdp7dcXYZ
                    \"\"\"
                let banner = \"\"\"
                    Welcome to the billing portal of the example company,
                    where every invoice is kept for seven years.
                    \"\"\"
            }
            """])
        XCTAssertEqual(result.literals.map(\.line_), ["repo/Billing.swift:3:9 field-initializer key 32 Stripe"])
        XCTAssertEqual(result.literals.map(\.hint), ["sk_…YZ"])
        XCTAssertEqual(result.literals.map(\.fingerprint), [fingerprint("sk_live_51HqLyjWDarjtT1zdp7dcXYZ")])
        XCTAssertEqual(result.summary.literalsNotSecretLike, 1)
    }

    func testEverySecretLikeLineOfAPythonTripleQuotedStringIsReported() throws {
        let result = try scan(["settings.py": """
            class Settings:
                def __init__(self):
                    self.env = \"\"\"
                    # production
                    q8Zr2VxN4kLmP0aT7yWcE5sB
                    postgres://app:Zq8v2LmX4pN7@db.internal/app
                    \"\"\"
            """])
        XCTAssertEqual(result.literals.map(\.line_), [
            "repo/settings.py:5:9 constructor-assignment env 24 -",
            "repo/settings.py:6:9 constructor-assignment env 43 -",
        ])
        XCTAssertEqual(result.literals.map(\.hint), ["q8Z…sB", "pos…pp"])
    }

    /// A template with `${…}` elsewhere: its lines of text are still looked at, one by one; a line
    /// with code of an interpolation in it is not, and the template is never judged whole.
    func testAKeyOnALineOfTextOfAnInterpolatedTemplateIsFound() throws {
        let result = try scan([
            "client.js": """
            class Client {
              constructor(host) {
                this.config = `
                  host: ${host}
                  sk_live_51HqLyjWDarjtT1zdp7dcXYZ
                  ${"q8Zr2VxN4kLmP0aT7yWcE5sB"}
                `;
                this.note = `Hello ${host}, please try again in a few minutes,
                  then contact support if it persists.`;
              }
            }
            """,
            "Client.swift": """
            struct Client {
                let host = "localhost"
                let config = \"\"\"
                    host: \\(host)
                    q8Zr2VxN4kLmP0aT7yWcE5sB
                    \"\"\"
            }
            """,
            "client.py": """
            class Client:
                def __init__(self, host):
                    self.config = f\"\"\"
                    host: {host}
                    q8Zr2VxN4kLmP0aT7yWcE5sB
                    \"\"\"
            """,
        ], allLiterals: true)
        XCTAssertEqual(result.literals.map(\.line_), [
            "repo/Client.swift:5:9 field-initializer config 24 -",
            "repo/client.js:5:7 constructor-assignment config 32 Stripe",
            "repo/client.py:5:9 constructor-assignment config 24 -",
        ])
        XCTAssertEqual(result.literals.map(\.hint), ["q8Z…sB", "sk_…YZ", "q8Z…sB"])
        XCTAssertEqual(result.summary.literalsNotSecretLike, 0)
    }

    /// Prose over several lines is judged whole, as before: not secret-like, shown by
    /// `--all-literals` at the literal's start.
    func testMultiLineProseIsNotSecretLikeAndAllLiteralsShowsItWhole() throws {
        let source = """
            class Mailer {
              constructor(footer = `You receive this mail because you signed up,
                unsubscribe at any time from your account settings.`) {}
            }
            """
        XCTAssertEqual(try scan(["mail.js": source]).literals.map(\.line_), [])
        XCTAssertEqual(try scan(["mail.js": source], allLiterals: true).literals.map(\.line_),
                       ["repo/mail.js:2:24 constructor-default footer 100 - not-secret-like"])
    }

    /// An allow comment before a multi-line literal covers the secret-like lines inside it.
    func testAnAllowCommentAboveAMultiLineLiteralCoversItsLines() throws {
        let result = try scan(["fixture.js": """
            class Fixture {
              constructor() {
                // secretmap:allow test fixture, not a real key
                this.key = `
                  sk_live_51HqLyjWDarjtT1zdp7dcXYZ
                `;
              }
            }
            """])
        XCTAssertEqual(result.literals.map(\.line_), ["repo/fixture.js:5:7 constructor-assignment key 32 Stripe"])
        XCTAssertEqual(result.literals.map(\.allowReason), ["test fixture, not a real key"])
    }
}
