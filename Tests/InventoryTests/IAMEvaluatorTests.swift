import XCTest
@testable import Inventory
@testable import Stores

/// The evaluator against the rules of AWS's "Policy evaluation logic" for identity policies:
/// explicit deny wins, an allow grants, nothing means implicit deny; NotAction and NotResource
/// match everything they do not list; `*` and `?` wildcards; actions case-insensitive.
final class IAMEvaluatorTests: XCTestCase {
    let prod = "arn:aws:ssm:eu-west-1:123456789012:parameter/planb/STRIPE_SECRET_KEY"
    let staging = "arn:aws:ssm:eu-west-1:123456789012:parameter/planb-staging/STRIPE_SECRET_KEY"

    func user(_ name: String, inline: [String] = [], managed: [String] = [], groups: [String] = []) -> IAMAuthorization.Principal {
        .init(kind: "user", name: name, arn: "arn:aws:iam::123456789012:user/\(name)",
              inline: inline.enumerated().map { .init(name: "p\($0.offset)", document: $0.element) }, managed: managed, groups: groups)
    }

    func decide(_ p: IAMAuthorization.Principal, _ resource: String, action: String = "ssm:GetParameter", auth: IAMAuthorization = IAMAuthorization()) -> IAMEvaluator.Decision {
        var a = auth
        a.principals = [p]
        return IAMEvaluator(a).evaluate(p, action: action, resource: resource).0
    }

    func testImplicitDenyAllowAndExplicitDenyWins() {
        XCTAssertEqual(decide(user("none"), prod), .denied)
        let allow = #"{"Statement":{"Effect":"Allow","Action":"ssm:GetParameter*","Resource":"arn:aws:ssm:*:*:parameter/planb/*"}}"#
        XCTAssertEqual(decide(user("a", inline: [allow]), prod), .allowed)
        XCTAssertEqual(decide(user("a", inline: [allow]), prod, action: "SSM:getparametersbypath"), .allowed, "actions are case-insensitive")
        XCTAssertEqual(decide(user("a", inline: [allow]), staging), .denied, "/planb/* does not match /planb-staging/")
        XCTAssertEqual(decide(user("a", inline: [allow]), prod.replacingOccurrences(of: "planb", with: "PLANB")), .denied, "resources are case-sensitive")
        let deny = #"{"Statement":[{"Effect":"Deny","Action":"ssm:*","Resource":"*"}]}"#
        XCTAssertEqual(decide(user("d", inline: [allow, deny]), prod), .denied)
    }

    func testNotActionAndNotResource() {
        let notAction = #"{"Statement":[{"Effect":"Allow","NotAction":["iam:*"],"Resource":"*"}]}"#
        XCTAssertEqual(decide(user("power", inline: [notAction]), prod), .allowed, "NotAction allows everything it does not list")
        XCTAssertEqual(decide(user("power", inline: [notAction]), "arn:aws:iam::123456789012:user/x", action: "iam:CreateUser"), .denied)
        let notResource = #"{"Statement":[{"Effect":"Allow","Action":"ssm:GetParameter","NotResource":"arn:aws:ssm:*:*:parameter/planb/*"}]}"#
        XCTAssertEqual(decide(user("nr", inline: [notResource]), prod), .denied)
        XCTAssertEqual(decide(user("nr", inline: [notResource]), staging), .allowed)
        let question = #"{"Statement":[{"Effect":"Allow","Action":"ssm:GetParameter?","Resource":"*"}]}"#
        XCTAssertEqual(decide(user("q", inline: [question]), prod, action: "ssm:GetParameters"), .allowed)
        XCTAssertEqual(decide(user("q", inline: [question]), prod, action: "ssm:GetParameter"), .denied, "? is exactly one character")
    }

    func testConditionsAreConditionalAndGroupsAndManagedPoliciesCount() {
        let conditional = #"{"Statement":[{"Effect":"Allow","Action":"ssm:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#
        XCTAssertEqual(decide(user("mfa", inline: [conditional]), prod), .conditional)
        var auth = IAMAuthorization()
        auth.groups = [.init(name: "ops", inline: [], managed: ["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"])]
        auth.managedPolicies["arn:aws:iam::123456789012:policy/planb-read"] = .init(name: "planb-read",
            document: #"{"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:*:secret:planb/*"}]}"#)
        XCTAssertEqual(decide(user("g", groups: ["ops"]), prod, auth: auth), .allowed, "a group's AWS managed policy, known by name")
        XCTAssertEqual(decide(user("m", managed: ["arn:aws:iam::123456789012:policy/planb-read"]),
                              "arn:aws:secretsmanager:eu-west-1:123456789012:secret:planb/supabase-AbCdEf", action: "secretsmanager:GetSecretValue", auth: auth), .allowed)
    }

    func testOverBroadGrantsAndOldKeys() {
        var auth = IAMAuthorization()
        auth.principals = [user("planb-ops", managed: ["arn:aws:iam::aws:policy/AmazonSSMFullAccess"]),
                           user("legacy", inline: [#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#]),
                           user("reader", inline: [#"{"Statement":[{"Effect":"Allow","Action":"ssm:GetParameter","Resource":"arn:aws:ssm:*:*:parameter/planb/*"}]}"#])]
        auth.accessKeys = [.init(user: "legacy", idSuffix: "WXYZ", status: "Active", created: "2025-01-01T00:00:00Z"),
                           .init(user: "reader", idSuffix: "ABCD", status: "Active", created: "2026-11-01T00:00:00Z"),
                           .init(user: "planb-ops", idSuffix: "OLD1", status: "Inactive", created: "2024-01-01T00:00:00Z")]
        XCTAssertEqual(IAMEvaluator(auth).overBroad(), ["user/legacy: p0 (inline) allows * on *", "user/planb-ops: AmazonSSMFullAccess"])
        var listing = StoreListing(kind: .iam, location: "account")
        listing.iam = auth
        var ssm = StoreListing(kind: .ssm, location: "/planb/", environment: "production")
        ssm.secrets = [StoredSecret(name: "STRIPE_SECRET_KEY", path: "/planb/STRIPE_SECRET_KEY")]
        let review = AccessReview.review(StoreSnapshot(takenAt: "2026-11-27T00:00:00Z", keyId: "k", listings: [listing, ssm]), region: "eu-west-1")
        XCTAssertEqual(review.oldAccessKeys, ["user/legacy: access key …WXYZ, active, 695 days old"])
        XCTAssertEqual(review.stores.first?.readers.map { "\($0.principal) \($0.readable)/\($0.total) \($0.via.joined(separator: ","))" }, [
            "user/legacy 1/1 p0 (inline)", "user/planb-ops 1/1 AmazonSSMFullAccess (AWS managed)", "user/reader 1/1 p0 (inline)",
        ])
    }
}
