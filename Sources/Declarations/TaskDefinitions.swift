import Yams

/// ECS task definitions: every `secrets: [{name, valueFrom}]` list, whether in a workflow's YAML or
/// in a task-definition JSON file (`*task-def*.json`, `taskdef*.json`, or a file a workflow names
/// with `task-definition:`). `name` is the variable the container sees; `valueFrom` says where the
/// value lives.
enum TaskDefinitions {
    static func isTaskDefinition(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".json") && (lower.contains("task-def") || lower.contains("taskdef") || lower.contains("task_def"))
    }

    static func parse(_ text: String, _ file: SourceFile) -> Parsed {
        switch YAMLText.compose(text) {
        case .success(let root): return Parsed(declarations: secrets(in: root, repo: file.repo, path: file.path))
        case .failure(let problem): return Parsed(warnings: [file.warning("invalid JSON: \(problem)", line: problem.line)])
        }
    }

    static func secrets(in root: Node?, repo: String, path: String, lineOffset: Int = 0) -> [Declaration] {
        var out: [Declaration] = []
        root?.mappings { mapping, _ in
            // ECS JSON/YAML spells the keys `secrets`, `name`, `valueFrom`; CloudFormation
            // (`AWS::ECS::TaskDefinition`) spells them `Secrets`, `Name`, `ValueFrom`.
            for (list, nameKey, valueKey) in [("secrets", "name", "valueFrom"), ("Secrets", "Name", "ValueFrom")] {
                for item in mapping[Node(stringLiteral: list)]?.sequence ?? [] {
                    guard let nameNode = item[Node(stringLiteral: nameKey)], let name = nameNode.string,
                          let valueFrom = item[Node(stringLiteral: valueKey)]?.string else { continue }
                    var d = Declaration(name: name, kind: .taskDefinitionSecret, repo: repo, path: path, line: lineOffset + nameNode.line)
                    if let v = ValueFrom(valueFrom) {
                        d.store = v.store
                        d.storePath = v.path
                        d.jsonKey = v.jsonKey
                        if v.leaf != name && v.jsonKey == nil && v.store == .ssm { d.alias = v.leaf }
                    }
                    out.append(d)
                }
            }
        }
        return out
    }

    /// A `task-definition:` a workflow names: the file, or nil when an expression names it
    /// (`${{ steps.render.outputs.task-definition }}`), with the workflow's line.
    struct Reference: Equatable {
        var line: Int
        var path: String?
    }

    /// Task-definition files a workflow names (`task-definition: path/to/file.json`).
    static func referencedFiles(in text: String) -> [Reference] {
        text.textLines().enumerated().compactMap { index, line in
            let t = line.trimmingCharacters(in: " \t\r-")
            guard t.hasPrefix("task-definition:") else { return nil }
            let value = t.dropFirst("task-definition:".count).trimmingCharacters(in: " \t\"'")
            if value.contains("${{") { return Reference(line: index + 1, path: nil) }
            return value.hasSuffix(".json") ? Reference(line: index + 1, path: value) : nil
        }
    }
}

extension TaskDefinitions: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { isTaskDefinition(name) }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { parse(text, file.source) }

    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit? {
        DeployUnit(repo: file.repo, path: file.path,
                   how: "aws ecs register-task-definition --cli-input-json file://\(file.path), then aws ecs update-service --force-new-deployment")
    }
}
