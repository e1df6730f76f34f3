import XCTest
@testable import SourceScan

/// The bundled PlanB system: exact readers, literals and duplicates (name, path, line, column).
final class FixtureScanTests: XCTestCase {
    func testPlanBReaders() throws {
        let result = try Fixtures.scan(Fixtures.planbRoots)
        XCTAssertEqual(result.readers.map(\.line_), """
        JWT_SIGNING_KEY api/Sources/App/configure.swift:5:45
        DATABASE_URL api/Sources/App/configure.swift:8:60
        AWS_REGION api/Sources/App/configure.swift:9:68
        PLANB_API_HOME api/Sources/App/configure.swift:10:27
        AWS_REGION lambda/bubble-callback/index.js:15:31
        LAMBDA_GETSCHEDULES_TOKEN lambda/get-schedules/index.mjs:3:24
        SCHEDULES_API_URL lambda/get-schedules/index.mjs:7:41
        LAMBDA_CALLBACK_TOKEN web/src/app/api/callback/route.ts:3:36
        LAMBDA_GETSCHEDULES_TOKEN web/src/app/api/callback/route.ts:4:38
        NEXT_PUBLIC_APP_URL web/src/components/Footer.tsx:5:26
        NEXT_PUBLIC_BUILD_ID web/src/components/Footer.tsx:5:74
        GA4_ID web/src/lib/analytics.ts:6:26
        GA4_API_SECRET web/src/lib/analytics.ts:7:30
        POSTMARK_SERVER_TOKEN web/src/lib/email.ts:4:48
        UNSUBSCRIBE_TOKEN_SECRET web/src/lib/email.ts:8:48
        NEXT_PUBLIC_APP_URL web/src/lib/email.ts:9:25
        STRIPE_SECRET_KEY web/src/lib/stripe.ts:4:46
        STRIPE_WEBHOOK_SECRET web/src/lib/stripe.ts:9:30
        NEXT_PUBLIC_SUPABASE_URL web/src/lib/supabase.ts:4:3
        NEXT_PUBLIC_SUPABASE_ANON_KEY web/src/lib/supabase.ts:5:3
        SUPABASE_SERVICE_ROLE_KEY web/src/lib/supabase.ts:6:3
        STRIPE_SECRET_KEY worker/planb_worker/billing.py:13:48
        STRIPE_WEBHOOK_SECRET worker/planb_worker/billing.py:13:97
        DATABASE_URL worker/planb_worker/settings.py:8:28
        POSTMARK_SERVER_TOKEN worker/planb_worker/settings.py:9:36
        STRIPE_SECRET_KEY worker/planb_worker/settings.py:10:34
        SENTRY_DSN worker/planb_worker/settings.py:11:22
        TZ worker/planb_worker/settings.py:13:24
        """.split(separator: "\n").map(String.init))
    }

    /// Project wrappers (`requireEnv("X")`, django-environ `env.bool("X")`) and a constant map read
    /// through a wrapper: each name the map lists is read at the lookup.
    func testWrappersAndConstantMapReaders() throws {
        let result = try Fixtures.scan([Root(name: "mono", path: Fixtures.path("monorepo"))])
        XCTAssertEqual(result.readers.filter { $0.path.contains("providers.ts") || $0.path.contains("config.py") }
            .map { "\($0.line_) \($0.rule)" }.joined(separator: "\n"), """
        DJANGO_SECRET_KEY mono/apps/api/app/config.py:5:19 py-env-wrapper
        PLANB_DEBUG mono/apps/api/app/config.py:6:19 py-env-wrapper
        GA4_API_SECRET mono/apps/web/src/lib/providers.ts:11:21 js-env-via-map
        POSTMARK_SERVER_TOKEN mono/apps/web/src/lib/providers.ts:11:21 js-env-via-map
        STRIPE_SECRET_KEY mono/apps/web/src/lib/providers.ts:11:21 js-env-via-map
        STRIPE_WEBHOOK_SECRET mono/apps/web/src/lib/providers.ts:14:42 js-env-wrapper
        """)
    }

    func testNamesInCommentsStringsRegexesIgnoredFilesAndDependenciesAreNotReaders() throws {
        let names = Set(try Fixtures.scan(Fixtures.planbRoots).readers.map(\.name))
        for absent in ["UNSUBSCRIBE_SIGNING_OLD", "NOT_A_READER", "IN_A_REGEX", "DOCSTRING_IS_NOT_A_READER",
                       "COMMENTED_OUT_READER", "LEGACY_STRIPE_KEY", "COMMENTED_OUT", "GENERATED_CLIENT_URL",
                       "GENERATED_KEEP", "NODE_MODULES_SECRET"] {
            XCTAssertFalse(names.contains(absent), absent)
        }
    }

    func testPlanBLiteralsAndTheCrossRepoToken() throws {
        let result = try Fixtures.scan(Fixtures.planbRoots)
        XCTAssertEqual(result.literals.map(\.line_), """
        api/Sources/App/Services/PushClient.swift:6:18 field-initializer apiKey 69 -
        api/Sources/App/Services/PushClient.swift:10:26 constructor-default token 69 -
        api/Sources/App/configure.swift:8:78 env-default DATABASE_URL 26 - not-secret-like
        lambda/bubble-callback/index.js:9:21 constructor-default callbackToken 69 -
        lambda/bubble-callback/index.js:10:22 constructor-default schedulesToken 69 -
        lambda/get-schedules/index.mjs:3:53 env-default LAMBDA_GETSCHEDULES_TOKEN 69 -
        worker/planb_worker/billing.py:8:24 field-initializer partner_key 69 -
        worker/planb_worker/callbacks.py:9:24 constructor-default token 69 -
        """.split(separator: "\n").map(String.init))
        XCTAssertEqual(result.summary.literalsNotSecretLike, 6)

        // The article's worst case: the Lambda's callback token is also hard-coded in the worker.
        let places = result.duplicates.map { $0.occurrences.map { "\($0.repo)/\($0.path):\($0.line)" } }
        XCTAssertEqual(places, [
            ["lambda/bubble-callback/index.js:9", "worker/planb_worker/callbacks.py:9"],
            ["lambda/bubble-callback/index.js:10", "lambda/get-schedules/index.mjs:3"],
        ])
        XCTAssertEqual(result.duplicates[0].hint, "iu2…y_")
    }

    func testNamesReadInSeveralRepos() throws {
        let shared = try Fixtures.scan(Fixtures.planbRoots).sharedReaders
        XCTAssertEqual(shared.map { "\($0.name): \($0.repos.joined(separator: ","))" }, [
            "AWS_REGION: api,lambda", "DATABASE_URL: api,worker", "LAMBDA_GETSCHEDULES_TOKEN: lambda,web",
            "POSTMARK_SERVER_TOKEN: web,worker", "STRIPE_SECRET_KEY: web,worker", "STRIPE_WEBHOOK_SECRET: web,worker",
        ])
    }

    func testOutputIsTheSameWhateverTheThreadCount() throws {
        let one = try Fixtures.scan(Fixtures.planbRoots, threads: 1)
        let four = try Fixtures.scan(Fixtures.planbRoots, threads: 4)
        XCTAssertEqual(one.readers, four.readers)
        XCTAssertEqual(one.literals, four.literals)
        XCTAssertEqual(one.duplicates, four.duplicates)
    }

    func testEdgeCaseReaders() throws {
        let result = try Fixtures.scan([Root(name: "edge", path: Fixtures.path("edge-cases"))])
        XCTAssertEqual(result.readers.map(\.line_), """
        CLIENT_SECRET edge/javascript/classes.ts:6:31
        NESTED_TEMPLATE edge/javascript/templates.js:2:41
        AFTER_DIVISION edge/javascript/templates.js:5:31
        AFTER_ESCAPED_QUOTE edge/javascript/templates.js:10:52
        MULTI_A edge/javascript/templates.js:12:3
        MULTI_B edge/javascript/templates.js:13:3
        VITE_PUBLIC_KEY edge/javascript/templates.js:16:27
        DENO_TOKEN edge/javascript/templates.js:16:62
        BUN_TOKEN edge/javascript/templates.js:16:89
        FSTRING_READER edge/python/strings.py:3:20
        RAW_FSTRING_READER edge/python/strings.py:5:27
        TRIPLE_FSTRING_READER edge/python/strings.py:8:29
        PY312_SAME_QUOTES edge/python/strings.py:11:20
        RAW_INTERPOLATED edge/swift/Strings.swift:4:72
        MULTILINE_INTERPOLATED edge/swift/Strings.swift:7:44
        AFTER_NESTED_COMMENT edge/swift/Strings.swift:10:21
        KEYS_SECRET edge/swift/Strings.swift:19:60
        """.split(separator: "\n").map(String.init))
    }

    func testEdgeCaseLiterals() throws {
        let result = try Fixtures.scan([Root(name: "edge", path: Fixtures.path("edge-cases"))], allLiterals: true)
        XCTAssertEqual(result.literals.map(\.line_), """
        edge/javascript/classes.ts:2:16 field-initializer KEY 69 -
        edge/javascript/classes.ts:3:30 field-initializer endpoint 42 - not-secret-like
        edge/javascript/classes.ts:5:49 constructor-default apiKey 40 Stripe
        edge/javascript/classes.ts:6:48 env-default CLIENT_SECRET 69 -
        edge/python/strings.py:15:13 field-initializer TOKEN 69 -
        edge/python/strings.py:17:38 constructor-default key 30 Stripe
        edge/python/strings.py:17:77 constructor-default name 21 - not-secret-like
        edge/python/strings.py:18:27 constructor-assignment key 69 -
        edge/python/strings.py:20:29 constructor-assignment fallback 69 -
        edge/swift/Strings.swift:14:26 field-initializer signing 69 -
        edge/swift/Strings.swift:18:28 constructor-default secret 34 Slack
        edge/swift/Strings.swift:19:77 env-default KEYS_SECRET 69 -
        """.split(separator: "\n").map(String.init))
    }
}
