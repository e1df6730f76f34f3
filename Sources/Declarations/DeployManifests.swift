import Yams

/// Files that say how a repository is deployed but declare no names of their own:
/// - a Helm chart's `Chart.yaml` (its templates are read as Kubernetes manifests; the chart is
///   what `helm upgrade` rolls out, so pods read new secret values only after it runs);
/// - Railway's `railway.toml` / `railway.json` (variables live in Railway's dashboard, not in the
///   file; a deploy is `railway up` or a push to the branch the service watches).
/// They are read only for `deployUnit(in:_:)`, which rotation runbooks and `init` use.
enum DeployManifests {
    static func claims(_ name: String) -> Bool {
        name == "Chart.yaml" || name == "railway.toml" || name == "railway.json"
    }

    /// `helm upgrade NAME FOLDER`: NAME from the chart's `name:` when it is a plain chart name
    /// (Helm allows lowercase letters, digits and `-`), else the folder's name.
    static func helm(_ text: String, _ file: SourceFile) -> DeployUnit {
        let folder = file.path.split(separator: "/").dropLast().joined(separator: "/")
        var name = folder.split(separator: "/").last.map(String.init) ?? "CHART"
        if case .success(let root?) = YAMLText.compose(text), let declared = root["name"]?.string,
           !declared.isEmpty, declared.count <= 63, declared.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) {
            name = declared
        }
        return DeployUnit(repo: file.repo, path: file.path, how: "helm upgrade \(name) \(folder.isEmpty ? "." : folder) (the Helm chart)")
    }
}

extension DeployManifests: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { claims(name) }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { Parsed() }

    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit? {
        if file.path.hasSuffix("Chart.yaml") { return helm(text, file) }
        return DeployUnit(repo: file.repo, path: file.path, how: "railway up (or a push to the branch the Railway service deploys from)")
    }
}
