import Declarations
import SourceScan

/// A record's class, decided over the evidence the inventory joined: the user's word, the
/// tenants' table, the value's shape, how the name is declared, and the name rules. Each kind of
/// evidence is one step; `order` is the one place that says which wins.
public struct ClassDecision {
    /// One kind of evidence: given a record, a class and why, or nothing to say.
    enum Step: CaseIterable {
        case configOverride, tenantTable, publicName, valueShape, declaredConfig, encryptingReader, nameRule, declaredSecret, keyShape,
             schemaURL, fallback
    }

    /// The evidence, strongest first; the first step that speaks decides. Why this order:
    /// 1. the user's word (`classes:` in secretmap.yml): they know their system;
    /// 2. a per-tenant table holds it: where the value lives is a fact, not a guess;
    /// 3. a build-time-public name (`NEXT_PUBLIC_`…): the bundler publishes it whatever it holds
    ///    (a secret value there is drift, reported by secret-in-public-variable);
    /// 4. the value's shape (a store read with values, an env-file store, a real env file in a
    ///    repo, an env example's `user:password@` URL): what it is beats what it is called (a
    ///    URL with a password under any name is a credential; `true` under a name with PASSWORD
    ///    in it is a flag). A test env file's values (`.env.test`) are placeholders for a test
    ///    run (`GOOGLE_CLIENT_SECRET=123`): not evidence;
    /// 5. a declaration that says configuration: a schema typed boolean, number or enum, a
    ///    t3-env `client` key, a workflow's `vars.X` or a k8s `configMapKeyRef` with no
    ///    declaration saying secret;
    /// 5b. a secret the name rules call ours (internal-minted: `SECRET_KEY`) that code reads in
    ///    a file about encryption (`models/decorators/Encrypted.ts`): it encrypts data at rest,
    ///    so it rotates like a data-encryption key, never by a swap;
    /// 6. a name rule: names are conventions, and rules/issuers.yaml lists the specific ones
    ///    (tokens such as `_ENABLED`, `_ID`, credential URLs, framework secrets, issuers);
    /// 7. a declaration that says secret (`secrets.X`, `secretKeyRef`, a secret mount,
    ///    `SecretStr`) where no name rule spoke: configuration lands in secret stores too, so a
    ///    specific name outranks it;
    /// 8. a 32-byte key value: a key, of unknown use, where neither name nor declaration spoke;
    /// 9. a schema's `.url()`: a URL, configuration unless a name or a value says credential;
    /// 10. the catch-all name rule.
    static let order: [Step] = [.configOverride, .tenantTable, .publicName, .valueShape, .declaredConfig, .encryptingReader,
                                .nameRule, .declaredSecret, .keyShape, .schemaURL, .fallback]

    /// Words in a reader's file path that say the file encrypts or decrypts stored data
    /// (`encryption.ts`, `Encrypted.ts`, `decrypt_fields.py`, `cipher.go`), lower-cased.
    static let encryptionPathWords = ["encrypt", "decrypt", "cipher"]

    /// Declaration kinds that put a value in a secret's place.
    static let secretKinds: Set<Declaration.Kind> = [
        .workflowSecret, .workflowSecretInput, .taskDefinitionSecret, .dockerfileSecret, .kubernetesSecretKeyRef,
        .kubernetesSecretRef, .kubernetesSecretKey, .externalSecret, .composeSecret, .terraformSensitiveVariable,
    ]

    public var overrides: [String: ClassOverride]
    public var rules: RuleSet

    public init(rules: RuleSet, overrides: [String: ClassOverride] = [:]) { self.rules = rules; self.overrides = overrides }

    /// The class and the evidence that decided it; `tenantTable` names the per-tenant listing
    /// the record came from, if any.
    public func decide(_ record: SecretRecord, tenantTable: String? = nil) -> (SecretClass, ClassEvidence) {
        let facts = Facts(record: record, name: rules.describe(name: record.name), tenantTable: tenantTable)
        for step in Self.order {
            if let decided = decide(step, facts) { return decided }
        }
        return (.config, ClassEvidence(.fallback, "no rule"))
    }

    /// What every step looks at, gathered once per record, in a fixed order (so the evidence
    /// named does not depend on the order of files or listings).
    struct Facts {
        var record: SecretRecord
        var name: NameDescription
        var tenantTable: String?
        var declarations: [Declaration]
        /// What is known of the values: store entries (sorted), then real env files and env
        /// examples in the repos (an example gives a URL with a password only). A test env file
        /// is no evidence, whether read as a store (`stores.env-files`) or as a declaration.
        var values: [ValueFact]

        init(record: SecretRecord, name: NameDescription, tenantTable: String?) {
            self.record = record; self.name = name; self.tenantTable = tenantTable
            declarations = record.declarations.sorted { ($0.repo, $0.path, $0.line) < ($1.repo, $1.path, $1.line) }
            let entries = record.stores.sorted {
                ($0.kind.rawValue, $0.environment ?? "", $0.path, $0.key ?? "") < ($1.kind.rawValue, $1.environment ?? "", $1.path, $1.key ?? "")
            }
            values = entries.filter { !($0.kind == .envFile && ClassDecision.isTestEnvFile($0.path)) }.map { ValueFact(place: "\($0.kind) \($0.path)", shape: $0.valueShape, rule: $0.valueRule, isPublic: $0.valueIsPublic == true) }
                + declarations.filter { ($0.kind == .envFile && !ClassDecision.isTestEnvFile($0.path) || $0.kind == .envExample) && $0.valueShape != nil }
                    .map { ValueFact(place: "\($0.repo)/\($0.path):\($0.line)", shape: $0.valueShape, rule: nil, isPublic: false) }
        }
    }

    /// `.env.test`, `.env.testing`, `.env.test.local`, `.env.e2e`, `.env.ci`: env files that set up
    /// a test run, whose values are stand-ins (`GOOGLE_CLIENT_SECRET=123`), so their shape is no
    /// evidence of what the real value is.
    /// An env-file store entry's path ends in `:LINE` (`./.env.test:11`): the line is cut off.
    static func isTestEnvFile(_ path: String) -> Bool {
        let last = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        let file = last.split(separator: ":", maxSplits: 1).first.map(String.init) ?? last
        guard file.hasPrefix(".env.") else { return false }
        let parts = file.dropFirst(5).split(separator: ".")
        return parts.contains { ["test", "testing", "e2e", "ci", "spec"].contains(String($0)) }
    }

    /// One value's facts, wherever it was seen: never the value.
    struct ValueFact {
        var place: String
        var shape: ValueShape?
        var rule: String?
        var isPublic: Bool
    }

    func decide(_ step: Step, _ facts: Facts) -> (SecretClass, ClassEvidence)? {
        let record = facts.record, name = facts.name, declarations = facts.declarations
        func place(_ d: Declaration) -> String { "\(d.repo)/\(d.path):\(d.line)" }
        switch step {
        case .configOverride:
            guard let o = record.allNames.lazy.compactMap({ overrides[$0] }).first else { return nil }
            return (o.secretClass, ClassEvidence(.configOverride, o.place))
        case .tenantTable:
            guard let t = record.tenants else { return nil }
            return (.perTenant, ClassEvidence(.tenantTable, "\(facts.tenantTable ?? "the tenants' table"): \(t.tenants) tenants"))
        case .publicName:
            guard name.secretClass == .buildTimePublic, !name.classIsFallback, let rule = name.classRule else { return nil }
            return (.buildTimePublic, ClassEvidence(.publicName, rule))
        case .valueShape:
            return valueShape(facts.values)
        case .declaredConfig:
            let saysSecret = declarations.contains { Self.secretKinds.contains($0.kind) || $0.valueType == .secret }
            for d in declarations {
                switch d.valueType {
                case .boolean?, .number?, .enumeration?:
                    return (.config, ClassEvidence(.schemaType, "\(place(d)) (\(d.valueType!.rawValue))"))
                default: break
                }
                if d.kind == .envSchema, d.job == "t3-env client" {
                    return (.buildTimePublic, ClassEvidence(.schemaType, "\(place(d)) (t3-env client)"))
                }
            }
            if !saysSecret, let v = declarations.first(where: { $0.kind == .workflowVariable }) {
                return (.config, ClassEvidence(.workflowVariable, place(v)))
            }
            if !saysSecret, let m = declarations.first(where: { $0.kind == .kubernetesConfigMapKeyRef }) {
                return (.config, ClassEvidence(.configMapKeyRef, place(m)))
            }
            return nil
        case .encryptingReader:
            guard name.secretClass == .internalMinted, !name.classIsFallback,
                  let r = record.readers.filter({ reader in
                      !reader.isTest && Self.encryptionPathWords.contains { reader.path.lowercased().contains($0) }
                  }).min(by: { ($0.repo, $0.path, $0.line) < ($1.repo, $1.path, $1.line) }) else { return nil }
            return (.dataEncryptionKey, ClassEvidence(.encryptingReader, "\(r.repo)/\(r.path):\(r.line)"))
        case .nameRule:
            guard let c = name.secretClass, !name.classIsFallback, let rule = name.classRule else { return nil }
            return (c, ClassEvidence(.nameRule, rule))
        case .declaredSecret:
            guard let d = declarations.first(where: { Self.secretKinds.contains($0.kind) || $0.valueType == .secret }) else { return nil }
            return (.platform, ClassEvidence(.declaredSecret, "\(place(d)) (\(d.valueType == .secret ? "secret type" : d.kind.rawValue))"))
        case .keyShape:
            guard let v = facts.values.first(where: { $0.shape == .key32 }) else { return nil }
            return (.dataEncryptionKey, ClassEvidence(.valueShape, "\(v.place): \(ValueShape.key32.rawValue)"))
        case .schemaURL:
            guard let d = declarations.first(where: { $0.valueType == .url }) else { return nil }
            return (.config, ClassEvidence(.schemaType, "\(place(d)) (url)"))
        case .fallback:
            guard let c = name.secretClass else { return nil }
            return (c, ClassEvidence(.fallback, name.classRule ?? "no rule"))
        }
    }

    /// A credential first (a password URL, an issuer's key), then configuration (a flag, a
    /// number): if environments disagree, the safer reading wins. A JSON Web Token is not an
    /// issuer's prefix (anyone can mint one), so it says nothing here.
    func valueShape(_ values: [ValueFact]) -> (SecretClass, ClassEvidence)? {
        func evidence(_ v: ValueFact, _ what: String) -> ClassEvidence { ClassEvidence(.valueShape, "\(v.place): \(what)") }
        if let v = values.first(where: { $0.shape == .credentialURL }) { return (.platform, evidence(v, ValueShape.credentialURL.rawValue)) }
        if let v = values.first(where: { $0.rule != nil && $0.rule != "jwt" }), let rule = v.rule {
            return (v.isPublic ? .buildTimePublic : .platform, evidence(v, "issuer rule \(rule)"))
        }
        if let v = values.first(where: { $0.shape == .boolean || $0.shape == .number }), let shape = v.shape {
            return (.config, evidence(v, shape.rawValue))
        }
        return nil
    }
}
