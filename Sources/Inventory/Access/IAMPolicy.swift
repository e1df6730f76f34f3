import Foundation
import Stores

/// An IAM policy statement, as the evaluation needs it. `Action`/`NotAction` and
/// `Resource`/`NotResource` may each be a string or a list.
struct IAMStatement: Equatable {
    enum Effect: String { case allow = "Allow", deny = "Deny" }
    var effect: Effect
    var actions: [String]?
    var notActions: [String]?
    var resources: [String]?
    var notResources: [String]?
    var hasCondition: Bool
    var policy: String

    /// Does this statement apply to (action, resource)? (AWS: Action/NotAction and
    /// Resource/NotResource must both match; NotX matches everything the list does not.)
    func applies(action: String, resource: String) -> Bool {
        let actionMatches: Bool
        if let actions { actionMatches = actions.contains { IAMMatch.action($0, action) } }
        else if let notActions { actionMatches = !notActions.contains { IAMMatch.action($0, action) } }
        else { actionMatches = false }
        guard actionMatches else { return false }
        if let resources { return resources.contains { IAMMatch.resource($0, resource) } }
        if let notResources { return !notResources.contains { IAMMatch.resource($0, resource) } }
        return false
    }

    static func parse(_ json: String, policy: String) -> [IAMStatement] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [] }
        let raw: [[String: Any]]
        if let list = object["Statement"] as? [[String: Any]] { raw = list }
        else if let one = object["Statement"] as? [String: Any] { raw = [one] }
        else { raw = [] }
        func strings(_ v: Any?) -> [String]? {
            if let s = v as? String { return [s] }
            return v as? [String]
        }
        return raw.compactMap { s in
            guard let effect = (s["Effect"] as? String).flatMap(Effect.init) else { return nil }
            return IAMStatement(effect: effect, actions: strings(s["Action"]), notActions: strings(s["NotAction"]),
                                resources: strings(s["Resource"]), notResources: strings(s["NotResource"]),
                                hasCondition: s["Condition"] != nil, policy: policy)
        }
    }
}

/// IAM's wildcard matching: `*` any run of characters, `?` one; actions are case-insensitive,
/// resource ARNs case-sensitive.
enum IAMMatch {
    static func action(_ pattern: String, _ action: String) -> Bool { Glob.matches(pattern.lowercased(), action.lowercased()) }
    static func resource(_ pattern: String, _ arn: String) -> Bool { Glob.matches(pattern, arn) }
}

/// AWS managed policies secretmap knows without their document (an account listing may not carry
/// it): the parts that matter for reading secrets.
enum KnownManagedPolicies {
    static let documents: [String: String] = [
        "AdministratorAccess": #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        "PowerUserAccess": #"{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}]}"#,
        "AmazonSSMFullAccess": #"{"Statement":[{"Effect":"Allow","Action":"ssm:*","Resource":"*"}]}"#,
        "AmazonSSMReadOnlyAccess": #"{"Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*"],"Resource":"*"}]}"#,
        "SecretsManagerReadWrite": #"{"Statement":[{"Effect":"Allow","Action":"secretsmanager:*","Resource":"*"}]}"#,
    ]
    /// Grants that are too broad for production secrets, by name.
    static let overBroad: Set<String> = ["AdministratorAccess", "PowerUserAccess", "AmazonSSMFullAccess", "SecretsManagerReadWrite"]
}
