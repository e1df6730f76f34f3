import Stores

/// Who can read each environment's secrets, by IAM's evaluation rules for identity policies in
/// one account (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
/// an explicit Deny in any applicable statement wins; otherwise an Allow grants; otherwise the
/// request is implicitly denied. A principal's policies are its inline and attached managed
/// policies and those of its groups. A statement with a Condition is reported as conditional,
/// since secretmap cannot know the request's context. Resource policies, permission boundaries,
/// SCPs and session policies are not evaluated (they can only narrow what is shown here).
public struct IAMEvaluator {
    public enum Decision: String, Codable, Sendable { case allowed, conditional, denied }

    public struct Grant: Codable, Hashable, Sendable {
        public var principal: String       // "user/planb-ops"
        public var decision: Decision
        public var via: [String]           // the policies that allow it
    }

    let auth: IAMAuthorization

    public init(_ auth: IAMAuthorization) { self.auth = auth }

    /// Every statement that applies to a principal, named by the policy it comes from.
    func statements(of p: IAMAuthorization.Principal) -> [IAMStatement] {
        var out: [IAMStatement] = []
        func managed(_ arn: String, owner: String) {
            let name = arn.split(separator: "/").last.map(String.init) ?? arn
            if let doc = auth.managedPolicies[arn]?.document, doc != "{}" { out += IAMStatement.parse(doc, policy: "\(name) (managed\(owner))") }
            else if let doc = KnownManagedPolicies.documents[name] { out += IAMStatement.parse(doc, policy: "\(name) (AWS managed\(owner))") }
        }
        for policy in p.inline { out += IAMStatement.parse(policy.document, policy: "\(policy.name) (inline)") }
        for arn in p.managed { managed(arn, owner: "") }
        for groupName in p.groups {
            guard let g = auth.groups.first(where: { $0.name == groupName }) else { continue }
            for policy in g.inline { out += IAMStatement.parse(policy.document, policy: "\(policy.name) (inline, group \(g.name))") }
            for arn in g.managed { managed(arn, owner: ", group \(g.name)") }
        }
        return out
    }

    /// The decision for one request.
    public func evaluate(_ p: IAMAuthorization.Principal, action: String, resource: String) -> (Decision, [String]) {
        let applicable = statements(of: p).filter { $0.applies(action: action, resource: resource) }
        if applicable.contains(where: { $0.effect == .deny && !$0.hasCondition }) { return (.denied, []) }
        let allows = applicable.filter { $0.effect == .allow }
        if allows.contains(where: { !$0.hasCondition }) {
            // A conditional Deny may still refuse it.
            let conditionalDeny = applicable.contains { $0.effect == .deny }
            return (conditionalDeny ? .conditional : .allowed, allows.filter { !$0.hasCondition }.map(\.policy))
        }
        if !allows.isEmpty { return (.conditional, allows.map(\.policy)) }
        return (.denied, [])
    }

    /// Who can read values under a resource (any of the actions), most open first.
    public func readers(actions: [String], resource: String) -> [Grant] {
        auth.principals.compactMap { p in
            var best: (Decision, [String]) = (.denied, [])
            for action in actions {
                let d = evaluate(p, action: action, resource: resource)
                if d.0 == .allowed { best = d; break }
                if d.0 == .conditional { best = d }
            }
            guard best.0 != .denied else { return nil }
            return Grant(principal: "\(p.kind)/\(p.name)", decision: best.0, via: Array(Set(best.1)).sorted())
        }.sorted { ($0.decision == .allowed ? 0 : 1, $0.principal) < ($1.decision == .allowed ? 0 : 1, $1.principal) }
    }

    /// Grants too broad for secrets: an AWS policy known to be, or a statement allowing `*`,
    /// `ssm:*` or `secretsmanager:*` on every resource.
    public func overBroad() -> [String] {
        var out: [String] = []
        for p in auth.principals {
            let names = p.managed.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
                + p.groups.flatMap { g in auth.groups.first { $0.name == g }?.managed.map { "\($0.split(separator: "/").last ?? "") (group \(g))" } ?? [] }
            for n in names where KnownManagedPolicies.overBroad.contains(n.split(separator: " ").first.map(String.init) ?? n) {
                out.append("\(p.kind)/\(p.name): \(n)")
            }
            for s in statements(of: p) where s.effect == .allow && !s.hasCondition
                && (s.resources ?? []).contains("*") && (s.actions ?? []).contains(where: { ["*", "ssm:*", "secretsmanager:*"].contains($0.lowercased()) })
                && !KnownManagedPolicies.overBroad.contains(where: { s.policy.hasPrefix($0 + " ") }) {
                out.append("\(p.kind)/\(p.name): \(s.policy) allows \((s.actions ?? []).joined(separator: ", ")) on *")
            }
        }
        return Array(Set(out)).sorted()
    }
}
