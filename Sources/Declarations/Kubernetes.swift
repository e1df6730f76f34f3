import Foundation
import Yams

/// Kubernetes manifests and Helm templates (any YAML with `apiVersion:` and `kind:`, several
/// documents per file): container `env[].valueFrom.secretKeyRef` (the variable, the Secret and its
/// key) and `configMapKeyRef` (configuration, by the manifest's word), `envFrom[].secretRef` (every key of a Secret), the keys of `kind: Secret` objects (never
/// their values), and ExternalSecret `data[].remoteRef` (the key in the outside store).
enum Kubernetes {
    static func isManifest(_ text: String) -> Bool {
        text.contains("apiVersion:") && text.contains("kind:")
    }

    static func isHelmTemplate(_ relativePath: String) -> Bool {
        relativePath.hasPrefix("templates/") || relativePath.contains("/templates/")
    }

    static func parse(_ text: String, _ file: SourceFile, helm: Bool) -> Parsed {
        // A broken document ends the stream (YAML cannot resync), but the documents before it are
        // still declared, and the break is a warning, never silent.
        let (documents, problem) = YAMLText.composeAll(helm ? HelmTemplate.yamlSkeleton(text) : text)
        var warnings: [DeclarationWarning] = []
        if let problem { warnings.append(file.warning("invalid YAML: \(problem)", line: problem.line)) }
        var out: [Declaration] = []
        for document in documents {
            let kind = document["kind"]?.string
            let objectName = document["metadata"]?["name"]?.string
            if kind == "Secret" {
                for section in ["data", "stringData"] {
                    for (key, _) in document[Node(stringLiteral: section)]?.mapping ?? [:] {
                        out.append(file.declare(key.string ?? "", .kubernetesSecretKey, line: key.line) {
                            $0.store = .kubernetesSecret; $0.storePath = objectName
                        })
                    }
                }
            }
            if kind == "ExternalSecret" {
                out += externalSecret(document, file)
            }
            document.mappings { mapping, _ in
                let container = mapping["name"]?.string
                for item in mapping["env"]?.sequence ?? [] {
                    // A ConfigMap's key: the manifest says the value is configuration (class evidence).
                    if let name = item["name"]?.string, item["valueFrom"]?["configMapKeyRef"] != nil {
                        out.append(file.declare(name, .kubernetesConfigMapKeyRef, line: item["name"]!.line) { $0.job = container })
                        continue
                    }
                    if let name = item["name"]?.string, let value = item["value"]?.string, OnePasswordReference.path(value) != nil {
                        out.append(file.declare(name, .onePasswordReference, line: item["name"]!.line) { $0.job = container; $0.pointAtOnePassword(value) })
                        continue
                    }
                    guard let name = item["name"]?.string, let ref = item["valueFrom"]?["secretKeyRef"] else { continue }
                    out.append(file.declare(name, .kubernetesSecretKeyRef, line: item["name"]!.line) {
                        $0.job = container
                        $0.store = .kubernetesSecret; $0.storePath = ref["name"]?.string; $0.jsonKey = ref["key"]?.string
                    })
                }
                for item in mapping["envFrom"]?.sequence ?? [] {
                    guard let ref = item["secretRef"] else { continue }
                    out.append(file.declare("*", .kubernetesSecretRef, line: item.line) {
                        $0.job = container
                        $0.store = .kubernetesSecret; $0.storePath = ref["name"]?.string; $0.alias = item["prefix"]?.string
                    })
                }
            }
        }
        return Parsed(declarations: out, warnings: warnings)
    }

    /// external-secrets.io: `spec.data[] {secretKey, remoteRef {key, property}}` and
    /// `spec.dataFrom[].extract.key` (every property of a remote secret).
    static func externalSecret(_ document: Node, _ file: SourceFile) -> [Declaration] {
        let spec = document["spec"]
        let store = Declaration.Store.secretStore(spec?["secretStoreRef"]?["name"]?.string ?? "external-secrets")
        var out: [Declaration] = []
        for item in spec?["data"]?.sequence ?? [] {
            guard let name = item["secretKey"]?.string else { continue }
            out.append(file.declare(name, .externalSecret, line: item["secretKey"]!.line) {
                $0.store = store
                $0.storePath = item["remoteRef"]?["key"]?.string
                $0.jsonKey = item["remoteRef"]?["property"]?.string
            })
        }
        for item in spec?["dataFrom"]?.sequence ?? [] {
            guard let key = item["extract"]?["key"] else { continue }
            out.append(file.declare("*", .externalSecret, line: key.line) { $0.store = store; $0.storePath = key.string })
        }
        return out
    }
}

/// Helm templates are not YAML until rendered. For reading names it is enough to blank lines that
/// hold only template actions (`{{- if … }}`, `{{- end }}`, `{{- toYaml … | nindent 8 }}`) and to
/// stand `<template>` in for an action inside a value; line numbers do not move.
enum HelmTemplate {
    static let action = try! NSRegularExpression(pattern: #"\{\{-?.*?-?\}\}"#)

    static func yamlSkeleton(_ text: String) -> String {
        text.textLines().map { raw -> String in
            let line = String(raw)
            guard line.contains("{{") else { return line }
            let range = NSRange(location: 0, length: (line as NSString).length)
            let stripped = action.stringByReplacingMatches(in: line, range: range, withTemplate: "")
            if stripped.trimmingCharacters(in: " \t\r").isEmpty { return "" }
            return action.stringByReplacingMatches(in: line, range: range, withTemplate: "<template>")
        }.joined(separator: "\n")
    }
}

/// Any other YAML file (and `.template`): told by its text whether it is a CloudFormation / SAM
/// template, a Kubernetes manifest (or Helm template), both or neither.
enum YAMLManifests: DeclarationSource {
    static func claims(name: String, path: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".template")
    }

    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed {
        var parsed = Parsed()
        if CloudTemplates.isTemplate(text) { parsed += CloudTemplates.parse(text, file.source, serverlessFile: false) }
        if Kubernetes.isManifest(text) {
            parsed += Kubernetes.parse(text, file.source, helm: Kubernetes.isHelmTemplate(file.source.path) && text.contains("{{"))
        }
        return parsed
    }

    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit? {
        text.contains("AWS::Serverless") ? DeployUnit(repo: file.repo, path: file.path, how: "sam deploy (the SAM stack in \(file.path))") : nil
    }
}
