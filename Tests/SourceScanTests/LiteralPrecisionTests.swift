import XCTest
import PCRE
@testable import SourceScan

/// Literals that real repositories hold in constructor contexts and that are not secrets: error
/// names, model and version identifiers, regular expressions, hashes of known shapes, i18n keys,
/// character sets, CSS classes, UUIDs (issue 17, item 3). On real repos every secret-like literal
/// reported was one of these, so `scan --fail-on literal` failed on repos holding no secret.
/// Each is judged not secret-like by a named `not-secret:` rule; a secret in the same place is
/// still reported.
final class LiteralPrecisionTests: XCTestCase {
    func scan(_ files: [String: String], allLiterals: Bool = false) throws -> ScanResult {
        let tree = TempTree()
        for (path, text) in files { tree.write("repo/" + path, text) }
        return try Fixtures.scan([Root(name: "repo", path: tree.path + "/repo")], allLiterals: allLiterals)
    }

    static let sha1 = "11f6ad8ec52a2984abaafd7c3b516503785c2072"
    static let sha256 = "a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa"
    static let sri = "sha512-XRcglhh3p2lHAu4gFg75i5owZ3/uttIZh11iKj+W2fqc4Iu8OvwIHkDSftaw4gURo0WA2fT2oguwTa4HChLwJw=="
    /// Secrets: a hex key under a name that is not a hash's, a random token, escaped key bytes.
    static let hexSecret = "5e2c9a71f04b3d86e1a7c4f09b2d6e38a51f7c0e94b2d8a6c3f1e07b59d4a2c8"
    static let token = "9f3kQ2xLm8ZpR4tW7vNc1bYh"
    static let keyBytes = #"\x8f\x12\xab\xcd\x9e\x44\x01\xfe\x7b\x3c"#

    /// What each kind of not-secret literal is, by the rule that says so (value, target, rule id).
    static let notSecrets: [(value: String, target: String?, rule: String)] = [
        ("S2RecordTooLargeError", "name", "error-name"),
        ("OAuthTokenRefreshException", "name", "error-name"),
        ("claude-3-5-sonnet-20241022", "model", "versioned-name"),
        ("gpt-4o-mini-2024-07-18", "model", "versioned-name"),
        ("anthropic.claude-3-5-sonnet-20241022-v2:0", "modelId", "versioned-name"),
        ("meta-llama/Llama-3.1-8B-Instruct", "model", "versioned-name"),
        ("debian-openssl-3.0.x", "_binaryTarget", "versioned-name"),
        ("hover:bg-blue-500/50", "className", "versioned-name"),
        ("auth.errors.invalid_token_2fa", "errorKey", "versioned-name"),
        ("settings.profile.deleteAccountConfirm", "label", "word-list"),
        ("AuthenticationProvider", "modelName", "word-list"),
        ("oauthAuthentications", "apiEndpoint", "word-list"),
        ("email_verification_code:", "KEY_PREFIX", "word-list"),
        ("^[a-z0-9_-]{3,16}@[a-z]{2,8}$", "pattern", "regex"),
        (#"(?:[A-Za-z_]\w*)=([^;]*)(?:;|$)"#, "pattern", "regex"),
        (#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#, "datePattern", "regex"),
        (sri, "integrity", "content-digest"),
        ("sha256:" + sha256, "digest", "content-digest"),
        ("clickhouse/clickhouse-server:25.4.1-alpine@sha256:" + sha256, "image", "content-digest"),
        (sha1, "commitSha", "hex-digest"),
        (sha256, "contentHash", "hex-digest"),
        (sha1, "GIT_SHA", "hex-digest"),
        ("550e8400-e29b-41d4-a716-446655440000", "requestId", "uuid"),
        (##"!\#$%&()*+,-./:;<=>?@[\\]^_`{|}~"##, "punctuation", "character-set"),
        ("1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "tokenChars", "character-set"),
        ("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", "alphabet", "character-set"),
        (#"\x03\uC91D\uCABA\u058D\uAFBA\u4F53\u0607\uEA8B\uC241\x02\xAA\u065C\b\x01"#, "_serializedATNSegment0", "escaped-text"),
        (#"\x02\u0400\u0401\x05|?\x02\u0401\u0402\x07x\x02\x02\u0402\u0403\x05|?"#, "_serializedATNSegment2", "escaped-text"),
    ]

    /// Secret-like whatever the name they are assigned to says.
    static let secrets: [(value: String, target: String?)] = [
        (hexSecret, "apiSecret"), (hexSecret, nil), (sha1, "token"), (token, "name"), (token, "pattern"),
        (keyBytes, "signingKey"), ("Zq8v2LmX4pN7aB3dE5fG7hI9", "model"),
    ]

    func verdict(_ value: String, target: String?) throws -> LiteralClassifier.Verdict? {
        let classifier = LiteralClassifier(rules: try RuleSet.builtIn(), fingerprinter: Fixtures.fingerprinter)
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer {
            classifier.classify(UnsafeBufferPointer($0), target: target, scratch: MatchScratch())
        }
    }

    func testEachKindOfNotSecretLiteralIsJudgedByItsRule() throws {
        for c in Self.notSecrets {
            let v = try verdict(c.value, target: c.target)
            XCTAssertEqual(v?.secretLike, false, c.value)
            // Under the entropy bar no rule is needed (nor run); over it, the example's rule decides.
            if let v, v.entropy >= (try RuleSet.builtIn()).minEntropy {
                XCTAssertEqual(v.notSecretRule, c.rule, "\(c.value) (\(c.target ?? "-"))")
            } else {
                XCTAssertNil(v?.notSecretRule, c.value)
            }
        }
    }

    func testSecretsInTheSamePlacesAreStillSecretLike() throws {
        for c in Self.secrets {
            let v = try verdict(c.value, target: c.target)
            XCTAssertEqual(v?.secretLike, true, "\(c.value) (\(c.target ?? "-"))")
            XCTAssertNil(v?.notSecretRule, c.value)
        }
    }

    /// A hex digest is a hash only under a hash's name: the same value under `token` is a key.
    func testAHexDigestIsAHashOnlyUnderAHashName() throws {
        XCTAssertEqual(try verdict(Self.sha1, target: "commitSha")?.notSecretRule, "hex-digest")
        XCTAssertEqual(try verdict(Self.sha1, target: nil)?.secretLike, true)
        XCTAssertEqual(try verdict(Self.sha1, target: "secretHashKey")?.secretLike, true)
    }

    /// The scan, end to end, in the three languages: only the secrets are reported; every other
    /// literal is counted as not secret-like. A string given to `new RegExp` / `re.compile` is not
    /// a constructor default at all.
    func testTheScanReportsOnlyTheSecrets() throws {
        let result = try scan([
            "src/errors.ts": """
            export class S2RecordTooLargeError extends Error {
              constructor(message: string) {
                super(message);
                this.name = "S2RecordTooLargeError";
                this.matcher = new RegExp("[A-Za-z0-9]{32}x9QzLm4Kp");
              }
            }
            """,
            "src/llm.ts": """
            export class Llm {
              model = "claude-3-5-sonnet-20241022";
              static modelName = "AuthenticationProvider";
              binaryTarget = "debian-openssl-3.0.x";
              image = "clickhouse/clickhouse-server:25.4.1-alpine@sha256:\(Self.sha256)";
              integrity = "\(Self.sri)";
              commitSha = "\(Self.sha1)";
              requestId = "550e8400-e29b-41d4-a716-446655440000";
              label = "settings.profile.deleteAccountConfirm";
              classes = "hover:bg-blue-500/50";
              private static readonly KEY_PREFIX = "email_verification_code:";
              private readonly tokenChars = "1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
              pattern = "^[a-z0-9_-]{3,16}@[a-z]{2,8}$";
              apiSecret = "\(Self.hexSecret)";
              token = "\(Self.token)";
            }
            """,
            "app/search.py": ##"""
            import re

            class QuerySearch:
                punctuation = "!\#$%&()*+,-./:;<=>?@[\\]^_`{|}~"
                pattern = r"(?P<key>\w+)=(?P<value>[^;]+)"
                checksum = "a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa"

                def __init__(self):
                    self.matcher = re.compile(r"[A-Za-z0-9]{32}x9QzLm4Kp")
                    self.signing_key = "\x8f\x12\xab\xcd\x9e\x44\x01\xfe\x7b\x3c"
            """##,
            "Sources/App/Models.swift": """
            struct Models {
                let model = "gpt-4o-mini-2024-07-18"
                let commit = "\(Self.sha1)"
                let key = "Zq8v2LmX4pN7aB3dE5fG7hI9"
            }
            """,
        ])
        XCTAssertEqual(result.literals.map(\.line_), [
            "repo/Sources/App/Models.swift:4:15 field-initializer key 24 -",
            "repo/app/search.py:10:28 constructor-assignment signing_key 40 -",
            "repo/src/llm.ts:14:15 field-initializer apiSecret 64 -",
            "repo/src/llm.ts:15:11 field-initializer token 24 -",
        ])
        XCTAssertEqual(result.summary.literalsNotSecretLike, 18)
    }
}
