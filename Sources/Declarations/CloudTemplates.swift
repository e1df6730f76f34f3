import Foundation

/// Infrastructure templates that pull secrets at deploy time:
/// - CloudFormation / SAM dynamic references `{{resolve:ssm:/path}}`, `{{resolve:ssm-secure:/path:1}}`,
///   `{{resolve:secretsmanager:secret-id:SecretString:json-key}}` (secret-id may be an ARN);
/// - CloudFormation parameters typed `AWS::SSM::Parameter::Value<…>` whose `Default` is a path;
/// - serverless.yml `${ssm:/path}` (also `${ssm(region):/path}` and the
///   `/aws/reference/secretsmanager/` bridge) and `${env:NAME}` taken from the deployer's shell.
/// The name is the key the reference is assigned to (`STRIPE_KEY: '{{resolve:ssm:/planb/X}}'` →
/// STRIPE_KEY, also known as X); a reference with no key is named by its last path segment.
enum CloudTemplates {
    static func isServerless(_ name: String) -> Bool { name == "serverless.yml" || name == "serverless.yaml" }

    static func isTemplate(_ text: String) -> Bool {
        text.contains("{{resolve:") || text.contains("AWSTemplateFormatVersion") || text.contains("AWS::Serverless")
    }

    static let resolve = try! NSRegularExpression(pattern: #"\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]+)\}\}"#)
    static let serverless = try! NSRegularExpression(pattern: #"\$\{(ssm|env)(?:\([^)]*\))?:([^,}~\s]+)[^}]*\}"#)
    static let key = try! NSRegularExpression(pattern: #"^\s*(?:-\s*)?["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*:"#)

    static func parse(_ text: String, _ file: SourceFile, serverlessFile: Bool) -> Parsed {
        var out: [Declaration] = []
        let lines = text.textLines().map(String.init)
        for (index, line) in lines.enumerated() where line.contains(serverlessFile ? "${" : "{{resolve:") {
            let ns = line as NSString
            let range = NSRange(location: 0, length: ns.length)
            let assignedTo = key.firstMatch(in: line, range: range).map { ns.substring(with: $0.range(at: 1)) }
            let pattern = serverlessFile ? serverless : resolve
            for m in pattern.matches(in: line, range: range) {
                let service = ns.substring(with: m.range(at: 1)), reference = ns.substring(with: m.range(at: 2))
                if service == "env" {
                    out.append(file.declare(reference, .serverlessEnv, line: index + 1) { $0.alias = assignedTo == reference ? nil : assignedTo })
                    continue
                }
                var place = storePlace(service, reference)
                if place.path.hasPrefix("/aws/reference/secretsmanager/") {
                    place.store = .secretsManager; place.path = String(place.path.dropFirst("/aws/reference/secretsmanager/".count))
                }
                let (store, path, jsonKey) = (place.store, place.path, place.jsonKey)
                let leaf = store == .ssm ? BootstrapScripts.leaf(path) : path
                let name = assignedTo ?? jsonKey ?? leaf
                out.append(file.declare(name, serverlessFile ? .serverlessSSM : .cloudFormationResolve, line: index + 1) {
                    $0.store = store; $0.storePath = path; $0.jsonKey = jsonKey
                    if store == .ssm, leaf != name { $0.alias = leaf }
                })
            }
        }
        if !serverlessFile, text.contains("AWS::SSM::Parameter::Value") {
            // Parameters whose value CloudFormation reads from SSM at deploy time (`Default` is the path).
            switch YAMLText.compose(text) {
            case .failure(let problem):
                return Parsed(declarations: out, warnings: [file.warning("invalid template: \(problem)", line: problem.line)])
            case .success(let root):
                for (key, parameter) in root?["Parameters"]?.mapping ?? [:] {
                    guard parameter["Type"]?.string?.hasPrefix("AWS::SSM::Parameter::Value") == true,
                          let path = parameter["Default"]?.string else { continue }
                    out.append(file.declare(key.string ?? "", .cloudFormationParameter, line: key.line) {
                        $0.store = .ssm; $0.storePath = path; $0.alias = BootstrapScripts.leaf(path)
                    })
                }
            }
        }
        out.sort { $0.line < $1.line }
        return Parsed(declarations: out)
    }

    /// `ssm:/planb/X:3` → (ssm, /planb/X); `secretsmanager:planb/db:SecretString:password` →
    /// (secretsmanager, planb/db, password); the secret id may be a full ARN.
    static func storePlace(_ service: String, _ reference: String) -> StorePlace {
        var parts = reference.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if service != "secretsmanager" {
            if parts.count > 1, Int(parts.last!) != nil { parts.removeLast() }   // a version number
            if parts.first == "arn", let v = ValueFrom(parts.joined(separator: ":")) { return StorePlace(store: .ssm, path: v.path) }
            return StorePlace(store: .ssm, path: parts.joined(separator: ":"))
        }
        var id = parts.removeFirst()
        if id == "arn", parts.count >= 6 {
            id = ValueFrom.withoutRandomSuffix(parts[5])
            parts.removeFirst(6)
        }
        // Then: SecretString, json-key, version-stage, version-id.
        let jsonKey = parts.count >= 2 && !parts[1].isEmpty ? parts[1] : nil
        return StorePlace(store: .secretsManager, path: id, jsonKey: jsonKey)
    }
}

/// Where a `{{resolve:…}}` or `${ssm:…}` reference says the value lives.
struct StorePlace {
    var store: Declaration.Store
    var path: String
    var jsonKey: String? = nil
}

/// `serverless.yml`: `${ssm:/path}` and `${env:NAME}`; it deploys with `serverless deploy`.
enum ServerlessFiles: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { CloudTemplates.isServerless(name) }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { CloudTemplates.parse(text, file.source, serverlessFile: true) }
    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit? {
        DeployUnit(repo: file.repo, path: file.path, how: "serverless deploy")
    }
}

/// A JSON CloudFormation template (`*template*.json`, `*.cfn.*.json`).
enum CloudTemplateJSON: DeclarationSource {
    static func claims(name: String, path: String) -> Bool {
        name.hasSuffix(".json") && (name.contains("template") || name.contains(".cfn."))
    }

    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed {
        CloudTemplates.isTemplate(text) ? CloudTemplates.parse(text, file.source, serverlessFile: false) : Parsed()
    }
}
