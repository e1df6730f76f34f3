/// An ECS `valueFrom`: an SSM parameter (ARN or name) or a Secrets Manager secret (ARN, with an
/// optional JSON key, version stage and version id after the name).
struct ValueFrom: Equatable {
    var store: Declaration.Store   // .ssm or .secretsManager
    var path: String        // parameter path ("/planb/STRIPE_SECRET_KEY") or secret name
    var jsonKey: String?

    /// The last path segment: the name the store knows the value by.
    var leaf: String { path.split(separator: "/").last.map(String.init) ?? path }

    init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if text.hasPrefix("arn:"), parts.count >= 6 {
            switch parts[2] {
            case "ssm":
                // arn:aws:ssm:REGION:ACCOUNT:parameter/planb/NAME
                let resource = parts[5...].joined(separator: ":")
                guard resource.hasPrefix("parameter") else { return nil }
                store = .ssm
                let p = String(resource.dropFirst("parameter".count))
                path = p.hasPrefix("/") ? p : "/" + p
            case "secretsmanager":
                // arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:json-key[:version-stage[:version-id]]]
                guard parts.count >= 7, parts[5] == "secret" else { return nil }
                store = .secretsManager
                path = Self.withoutRandomSuffix(parts[6])
                if parts.count > 7, !parts[7].isEmpty { jsonKey = parts[7] }
            default: return nil
            }
        } else if !text.isEmpty, !text.contains(" ") {
            // A bare name: ECS reads it as an SSM parameter in the task's region.
            store = .ssm
            path = text
        } else { return nil }
    }

    /// A complete Secrets Manager ARN ends the name with `-` and six random characters that the
    /// secret's own name does not have (`planb/supabase-AbCdEf` is the secret `planb/supabase`).
    static func withoutRandomSuffix(_ name: String) -> String {
        guard let dash = name.lastIndex(of: "-") else { return name }
        let suffix = name[name.index(after: dash)...]
        guard suffix.count == 6, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return name }
        return String(name[..<dash])
    }
}
