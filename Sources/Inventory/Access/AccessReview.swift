import Foundation
import Stores

/// Section 7 of the document: who can read each store's values, which grants are too broad, and
/// which access keys are old. Decided here; the document only renders it.
public struct AccessReview: Codable, Sendable {
    public struct StoreAccess: Codable, Sendable {
        public var store: String
        public var environment: String?
        public var readers: [Reader]
    }
    public struct Reader: Codable, Sendable {
        public var principal: String
        public var decision: IAMEvaluator.Decision
        /// How many of the store's secrets it can read, of how many.
        public var readable: Int
        public var total: Int
        public var via: [String]
    }
    public var stores: [StoreAccess] = []
    public var overBroad: [String] = []
    public var oldAccessKeys: [String] = []
    /// Why there is no review (no IAM listing, or it could not be read).
    public var missing: String?

    public init() {}

    public static let ssmRead = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
    public static let secretsManagerRead = ["secretsmanager:GetSecretValue"]

    public static func review(_ snapshot: StoreSnapshot, region: String?, maxKeyAgeDays: Int = 90) -> AccessReview {
        var review = AccessReview()
        guard let listing = snapshot.listings.first(where: { $0.kind == .iam }) else {
            review.missing = "IAM was not listed (set stores.aws.iam: true; it needs iam:GetAccountAuthorizationDetails and iam:ListAccessKeys)"
            return review
        }
        guard listing.complete, let auth = listing.iam else {
            review.missing = "IAM could not be read: \(listing.problem ?? "unknown")"
            return review
        }
        let evaluator = IAMEvaluator(auth)
        let account = auth.principals.compactMap { $0.arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) }.first { !$0.isEmpty } ?? "*"
        let region = region ?? "*"
        for l in snapshot.listings where (l.kind == .ssm || l.kind == .secretsManager) && l.complete {
            let resources: [String] = l.secrets.map { s in
                l.kind == .ssm ? "arn:aws:ssm:\(region):\(account):parameter\(s.path.hasPrefix("/") ? "" : "/")\(s.path)" : s.path
            }
            let actions = l.kind == .ssm ? ssmRead : secretsManagerRead
            var byPrincipal: [String: Reader] = [:]
            for resource in resources {
                for g in evaluator.readers(actions: actions, resource: resource) {
                    var r = byPrincipal[g.principal] ?? Reader(principal: g.principal, decision: g.decision, readable: 0, total: resources.count, via: [])
                    r.readable += 1
                    if g.decision == .conditional { r.decision = .conditional }
                    r.via = Array(Set(r.via + g.via)).sorted()
                    byPrincipal[g.principal] = r
                }
            }
            review.stores.append(StoreAccess(store: "\(l.kind) \(l.location)", environment: l.environment,
                                             readers: byPrincipal.values.sorted { $0.principal < $1.principal }))
        }
        review.overBroad = evaluator.overBroad()
        let asOf = ISO8601DateFormatter().date(from: snapshot.takenAt) ?? Date()
        for key in auth.accessKeys where key.status == "Active" {
            guard let created = key.created.flatMap({ ISO8601DateFormatter().date(from: $0) }) else { continue }
            let days = Int(asOf.timeIntervalSince(created) / 86_400)
            if days > maxKeyAgeDays { review.oldAccessKeys.append("user/\(key.user): access key …\(key.idSuffix), active, \(days) days old") }
        }
        return review
    }
}
