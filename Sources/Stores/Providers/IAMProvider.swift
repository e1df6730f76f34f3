import Foundation

/// Who can read the stores: the account's IAM principals and policies, from
/// `aws iam get-account-authorization-details`, and each user's access keys (`list-access-keys`:
/// the last four characters of the key id, its status and creation date; never a secret).
public struct IAMAuthorization: Codable, Hashable, Sendable {
    public struct Policy: Codable, Hashable, Sendable {
        public var name: String
        /// The policy document, as JSON text.
        public var document: String
    }
    public struct Principal: Codable, Hashable, Sendable {
        public var kind: String            // user, role
        public var name: String
        public var arn: String
        public var inline: [Policy]
        public var managed: [String]       // policy ARNs
        public var groups: [String]
    }
    public struct Group: Codable, Hashable, Sendable {
        public var name: String
        public var inline: [Policy]
        public var managed: [String]
    }
    public struct AccessKey: Codable, Hashable, Sendable {
        public var user: String
        public var idSuffix: String
        public var status: String
        public var created: String?
    }
    public var principals: [Principal] = []
    public var groups: [Group] = []
    /// Managed policy ARN → its default version's document.
    public var managedPolicies: [String: Policy] = [:]
    public var accessKeys: [AccessKey] = []
    public init() {}
}

struct IAMProvider {
    var aws: AWSCommand

    func list() -> StoreListing {
        var listing = StoreListing(kind: .iam, location: "account")
        do {
            let details = try aws.json(["iam", "get-account-authorization-details"]) as? [String: Any] ?? [:]
            var auth = IAMAuthorization()
            func policies(_ list: Any?, nameKey: String) -> [IAMAuthorization.Policy] {
                (list as? [[String: Any]] ?? []).compactMap { p in
                    guard let name = p[nameKey] as? String else { return nil }
                    return IAMAuthorization.Policy(name: name, document: Self.documentText(p["PolicyDocument"]))
                }
            }
            func managed(_ list: Any?) -> [String] { (list as? [[String: Any]] ?? []).compactMap { $0["PolicyArn"] as? String } }
            for u in details["UserDetailList"] as? [[String: Any]] ?? [] {
                auth.principals.append(.init(kind: "user", name: u["UserName"] as? String ?? "?", arn: u["Arn"] as? String ?? "",
                                             inline: policies(u["UserPolicyList"], nameKey: "PolicyName"),
                                             managed: managed(u["AttachedManagedPolicies"]), groups: u["GroupList"] as? [String] ?? []))
            }
            for r in details["RoleDetailList"] as? [[String: Any]] ?? [] {
                auth.principals.append(.init(kind: "role", name: r["RoleName"] as? String ?? "?", arn: r["Arn"] as? String ?? "",
                                             inline: policies(r["RolePolicyList"], nameKey: "PolicyName"),
                                             managed: managed(r["AttachedManagedPolicies"]), groups: []))
            }
            for g in details["GroupDetailList"] as? [[String: Any]] ?? [] {
                auth.groups.append(.init(name: g["GroupName"] as? String ?? "?", inline: policies(g["GroupPolicyList"], nameKey: "PolicyName"),
                                         managed: managed(g["AttachedManagedPolicies"])))
            }
            // Only the managed policies someone has attached: an account lists every AWS managed
            // policy, a thousand documents that grant nothing here.
            let attached = Set(auth.principals.flatMap(\.managed) + auth.groups.flatMap(\.managed))
            for p in details["Policies"] as? [[String: Any]] ?? [] {
                guard let arn = p["Arn"] as? String, attached.contains(arn), let name = p["PolicyName"] as? String else { continue }
                let version = (p["PolicyVersionList"] as? [[String: Any]] ?? []).first { $0["IsDefaultVersion"] as? Bool == true }
                auth.managedPolicies[arn] = .init(name: name, document: Self.documentText(version?["Document"]))
            }
            for user in auth.principals where user.kind == "user" {
                let keys = try aws.json(["iam", "list-access-keys", "--user-name", user.name]) as? [String: Any] ?? [:]
                for k in keys["AccessKeyMetadata"] as? [[String: Any]] ?? [] {
                    let id = k["AccessKeyId"] as? String ?? ""
                    auth.accessKeys.append(.init(user: user.name, idSuffix: String(id.suffix(4)), status: k["Status"] as? String ?? "?",
                                                 created: StoreDate.iso(k["CreateDate"])))
                }
            }
            auth.principals.sort { ($0.kind, $0.name) < ($1.kind, $1.name) }
            listing.iam = auth
        } catch {
            return .failed(.iam, "account", environment: nil, "\(error)")
        }
        return listing
    }

    /// Policy documents come as JSON objects, or URL-encoded JSON text (the raw API).
    static func documentText(_ value: Any?) -> String {
        if let s = value as? String { return s.removingPercentEncoding ?? s }
        if let o = value, let data = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "{}"
    }
}
