import XCTest
@testable import SourceScan

/// `platform-variables:` (rules/platforms.yaml): the names a platform sets for the code it runs,
/// each entry with its platform's documentation and `match` / `no-match` examples.
final class PlatformVariableTests: XCTestCase {
    let rules = try! RuleSet.builtIn()

    func testEveryPlatformVariableExample() {
        XCTAssertEqual(rules.platformVariables.map(\.id), [
            "github-actions", "vercel", "nextjs", "netlify", "render", "fly", "railway", "heroku", "node", "aws-lambda", "aws-ecs", "aws-eks-pod-identity", "kubernetes",
        ])
        for rule in rules.platformVariables {
            XCTAssertTrue(rule.docs.hasPrefix("https://"), "\(rule.id) names its documentation")
            XCTAssertFalse(rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty, rule.id)
            for s in rule.spec.match { XCTAssertTrue(rule.provides(s), "\(rule.id) must match \(s)") }
            for s in rule.spec.noMatch { XCTAssertFalse(rule.provides(s), "\(rule.id) must not match \(s)") }
        }
    }

    /// Which platform sets a name, with its documentation; an app's own secrets under a
    /// platform's prefix are not the platform's.
    func testThePlatformThatSetsAName() {
        let found = ["GITHUB_SHA", "RUNNER_TEMP", "CI", "VERCEL_URL", "NEXT_RUNTIME", "RENDER_EXTERNAL_URL", "FLY_REGION",
                     "RAILWAY_PUBLIC_DOMAIN", "DYNO", "PORT", "NODE_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_EXECUTION_ENV",
                     "KUBERNETES_SERVICE_HOST", "GITHUB_CLIENT_SECRET", "GITHUB_TOKEN", "VERCEL_TOKEN", "AWS_SECRET_ACCESS_KEY", "STRIPE_SECRET_KEY"]
            .map { "\($0) \(rules.platformProviding($0)?.platform ?? "-")" }
        XCTAssertEqual(found, [
            "GITHUB_SHA GitHub Actions", "RUNNER_TEMP GitHub Actions", "CI GitHub Actions", "VERCEL_URL Vercel", "NEXT_RUNTIME Next.js",
            "RENDER_EXTERNAL_URL Render", "FLY_REGION Fly.io", "RAILWAY_PUBLIC_DOMAIN Railway", "DYNO Heroku", "PORT Heroku",
            "NODE_ENV Node.js", "AWS_LAMBDA_FUNCTION_NAME AWS Lambda", "AWS_EXECUTION_ENV AWS Lambda", "KUBERNETES_SERVICE_HOST Kubernetes",
            "GITHUB_CLIENT_SECRET -", "GITHUB_TOKEN -", "VERCEL_TOKEN -", "AWS_SECRET_ACCESS_KEY -", "STRIPE_SECRET_KEY -",
        ])
        XCTAssertEqual(rules.platformProviding("VERCEL_ENV")?.docs, "https://vercel.com/docs/environment-variables/system-environment-variables")
    }

    /// A user's platform file is a rule file like the others: added by id, its examples checked.
    func testAUserPlatformFileIsAddedAndItsExamplesChecked() throws {
        let tree = TempTree()
        tree.write("good/platforms.yaml", """
        platform-variables:
          - id: acme-paas
            platform: Acme PaaS
            docs: https://docs.acme.example/env
            prefixes: [ACME_]
            except: [ACME_DEPLOY_TOKEN]
            match: [ACME_REGION]
            no-match: [ACME_DEPLOY_TOKEN]
        """)
        tree.write("failing/platforms.yaml", """
        platform-variables:
          - { id: wrong, platform: X, docs: 'https://x.example', names: [X_HOST], match: [X_HOST], no-match: [X_HOST] }
        """)
        var set = try RuleSet.builtIn()
        try set.addDirectory(tree.path + "/good")
        XCTAssertEqual(set.platformProviding("ACME_REGION")?.platform, "Acme PaaS")
        XCTAssertNil(set.platformProviding("ACME_DEPLOY_TOKEN"))
        XCTAssertEqual(set.platformProviding("GITHUB_SHA")?.platform, "GitHub Actions", "the built-in entries stay")
        XCTAssertThrowsError(try set.addDirectory(tree.path + "/failing")) { error in
            XCTAssertEqual("\(error)", "\(tree.path)/failing/platforms.yaml: rule 'wrong': must not match `X_HOST`")
        }
    }
}
