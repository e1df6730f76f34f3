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
        guard helm else { return parse(yaml: text, file) }
        // A template is read once per branch index (see HelmTemplate.skeletons): the names of
        // every branch, each at its own line; a problem is said from the first reading only, as
        // the later ones differ from it only in which branch lines they keep.
        let readings = HelmTemplate.skeletons(text).map { parse(yaml: $0, file) }
        var seen = Set<String>()
        var out: [Declaration] = []
        for reading in readings {
            for d in reading.declarations where seen.insert("\(d.kind.rawValue) \(d.name) \(d.line) \(d.storePath ?? "")").inserted { out.append(d) }
        }
        return Parsed(declarations: out.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element),
                      warnings: readings.first?.warnings ?? [])
    }

    static func parse(yaml text: String, _ file: SourceFile) -> Parsed {
        // A broken document ends the stream (YAML cannot resync), but the documents before it are
        // still declared, and the break is a warning, never silent.
        let (documents, problem) = YAMLText.composeAll(text)
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

/// Helm templates are not YAML until rendered. For reading names it is enough to blank the lines
/// that hold only template actions (`{{- if … }}`, `{{- end }}`, a `{{/* comment */}}` over several
/// lines) and to stand `<template>` in for an action inside a value; line numbers do not move.
/// A key written in an `if` branch and again in its `else` is a duplicate key to YAML, so a
/// template gives one skeleton per branch index: the first keeps every conditional's first
/// branch, the second its second (or last), and so on; together they hold every branch's lines.
enum HelmTemplate {
    /// An action's place in a line: `{{` … `}}`, possibly over several lines.
    private enum Control { case open, branch, end }

    static let maxSkeletons = 4

    static func skeletons(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = [[]]          // each line with actions replaced by a marker byte (0)
        var actionOnly: [Bool] = [false]     // the line holds an action (maybe among other text)
        var controls: [[Control]] = [[]]     // conditional structure, by the line the action starts on
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x7B, i + 1 < bytes.count, bytes[i + 1] == 0x7B {
                var j = i + 2
                while j + 1 < bytes.count, !(bytes[j] == 0x7D && bytes[j + 1] == 0x7D) { j += 1 }
                let body = bytes[(i + 2)..<min(j, bytes.count)]
                if let control = control(body) { controls[controls.count - 1].append(control) }
                lines[lines.count - 1].append(0)
                actionOnly[actionOnly.count - 1] = true
                for b in body where b == 0x0A { lines.append([]); actionOnly.append(true); controls.append([]) }
                i = min(j + 2, bytes.count)
                continue
            }
            if bytes[i] == 0x0A { lines.append([]); actionOnly.append(false); controls.append([]) } else { lines[lines.count - 1].append(bytes[i]) }
            i += 1
        }
        // Each line's text: blank when nothing but actions and space is on it.
        let texts: [String] = lines.indices.map { n in
            let line = lines[n]
            if actionOnly[n], line.allSatisfy({ $0 == 0 || $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return "" }
            return String(decoding: line.flatMap { $0 == 0 ? Array("<template>".utf8) : [$0] }, as: UTF8.self)
        }
        // The enclosing conditionals of each line: (conditional, branch index), and each one's branch count.
        var stack: [(id: Int, branch: Int)] = []
        var branches: [Int] = []
        var enclosing: [[(id: Int, branch: Int)]] = []
        for n in lines.indices {
            enclosing.append(stack)
            for c in controls[n] {
                switch c {
                case .open: stack.append((branches.count, 0)); branches.append(1)
                case .branch: if let top = stack.popLast() { stack.append((top.id, top.branch + 1)); branches[top.id] += 1 }
                case .end: _ = stack.popLast()
                }
            }
        }
        let count = min(maxSkeletons, branches.max() ?? 1)
        return (0..<max(1, count)).map { k in
            lines.indices.map { n in
                enclosing[n].allSatisfy { $0.branch == min(k, branches[$0.id] - 1) } ? texts[n] : ""
            }.joined(separator: "\n")
        }
    }

    /// `if`/`with`/`range`/`define`/`block` open a conditional (or a block), `else` starts its
    /// next branch, `end` closes it; comments and every other action are none of these.
    private static func control(_ body: ArraySlice<UInt8>) -> Control? {
        var words = Substring(String(decoding: body, as: UTF8.self))
        words = words.drop { $0 == "-" || $0 == " " || $0 == "\t" || $0 == "\n" }
        let first = words.prefix { $0.isLetter }
        switch first {
        case "if", "with", "range", "define", "block": return .open
        case "else": return .branch
        case "end": return .end
        default: return nil
        }
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
