import Foundation
import SourceScan

/// Reads what the repositories declare: walks each root once (same ignore rules as the scan),
/// picks the files by name, parses each by its kind. A malformed file gives one warning with its
/// name and line; every other file is still read.
public struct DeclarationScanner {
    /// What a file is, decided from its name (and, for plain YAML and source files, from its text
    /// once read: a manifest, a template, a schema).
    enum FileKind: Sendable {
        case envExample, envFile, workflow, taskDefinition, script, compose, dockerfile, terraform
        case serverless, platform(String), tool(String), yaml, cloudTemplateJSON, javascript, python
    }

    let walk: WalkOptions
    let fingerprinter: Fingerprinter
    let maxFileSize: Int

    public init(walk: WalkOptions = WalkOptions(), fingerprinter: Fingerprinter = .fromEnvironment(),
                maxFileSize: Int = 5 * 1024 * 1024) {
        self.walk = walk
        self.fingerprinter = fingerprinter
        self.maxFileSize = maxFileSize
    }

    static func kind(_ name: String, _ relativePath: String) -> FileKind? {
        if let role = EnvFiles.role(of: name) { return role == .example ? .envExample : .envFile }
        if Workflows.isWorkflow(relativePath, name) { return .workflow }
        if Compose.isCompose(name) { return .compose }
        if TaskDefinitions.isTaskDefinition(name) { return .taskDefinition }
        if BootstrapScripts.isScript(name) { return .script }
        if Dockerfiles.isDockerfile(name) { return .dockerfile }
        if Terraform.isTerraform(name) { return .terraform }
        if CloudTemplates.isServerless(name) { return .serverless }
        if let platform = Platforms.file(name) { return .platform(platform) }
        if let tool = ToolReads.file(name) { return .tool(tool) }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".template") { return .yaml }
        if name.hasSuffix(".json"), name.contains("template") || name.contains(".cfn.") { return .cloudTemplateJSON }
        switch Language(fileName: name)?.family {
        case .javascript?: return .javascript
        case .python?: return .python
        default: return nil
        }
    }

    public func scan(_ roots: [Root]) -> DeclarationResult {
        var result = DeclarationResult()
        let (files, outcome) = Walker(options: walk).walk(roots) { name, rel in Self.kind(name, rel) }
        result.skipped = outcome.skipped
        var seen = Set<String>()
        var referenced: [(rootIndex: Int, workflow: SourceFile, reference: TaskDefinitions.Reference)] = []
        for file in files {
            let root = roots[file.rootIndex]
            let source = SourceFile(repo: root.name, path: file.relativePath)
            seen.insert("\(file.rootIndex)/\(file.relativePath)")
            guard let text = read(file.absolutePath, root: root, source, into: &result) else { continue }
            let parsed = parse(text, as: file.tag, source, root: root, absolutePath: file.absolutePath)
            if let unit = DeployUnits.unit(text, as: file.tag, source) { result.deployUnits.append(unit) }
            result.add(parsed)
            if case .workflow = file.tag {
                referenced += TaskDefinitions.referencedFiles(in: text).map { (file.rootIndex, source, $0) }
            }
        }
        // Task definitions a workflow names but whose file name does not say what they are. One
        // that is not in the checkout is written by an earlier step: a note, not a failure.
        for (rootIndex, workflow, reference) in referenced {
            guard let rel = reference.path else {
                result.notes.append(workflow.warning("task definition is named by an expression known only at run time; cannot list its secrets",
                                                     line: reference.line))
                continue
            }
            let root = roots[rootIndex]
            let clean = rel.hasPrefix("./") ? String(rel.dropFirst(2)) : rel
            guard !seen.contains("\(rootIndex)/\(clean)") else { continue }
            let source = SourceFile(repo: root.name, path: clean)
            switch FileGate.readText(root.path + "/" + clean, within: root.path, maxSize: maxFileSize) {
            case .success(let text):
                seen.insert("\(rootIndex)/\(clean)")
                result.filesRead += 1
                result.add(TaskDefinitions.parse(text, source))
            case .failure(.missing):
                result.notes.append(workflow.warning("task definition \(MessageText.path(clean)) is not in the checkout "
                                                     + "(an earlier step may write it); cannot list its secrets", line: reference.line))
            case .failure(let refusal):
                seen.insert("\(rootIndex)/\(clean)")
                result.skipped.append(Skip(repo: source.repo, path: source.path, reason: refusal.skipReason, detail: refusal.detail))
            }
        }
        result.declarations.sort { ($0.repo, $0.path, $0.line, $0.name) < ($1.repo, $1.path, $1.line, $1.name) }
        result.warnings.sort { ($0.repo, $0.path, $0.line ?? 0) < ($1.repo, $1.path, $1.line ?? 0) }
        result.notes.sort { ($0.repo, $0.path, $0.line ?? 0) < ($1.repo, $1.path, $1.line ?? 0) }
        result.deployUnits.sort { ($0.repo, $0.path) < ($1.repo, $1.path) }
        return result
    }

    func parse(_ text: String, as kind: FileKind, _ source: SourceFile, root: Root, absolutePath: String) -> Parsed {
        switch kind {
        case .envExample, .envFile:
            return Parsed(declarations: EnvFiles.parse(text, role: kind.isExample ? .example : .real, repo: source.repo,
                                                       path: source.path, fingerprinter: fingerprinter))
        case .workflow: return Workflows.parse(text, source)
        case .taskDefinition: return TaskDefinitions.parse(text, source)
        case .compose: return Compose.parse(text, source)
        case .dockerfile: return Dockerfiles.parse(text, source)
        case .terraform: return Terraform.parse(text, source)
        case .serverless: return CloudTemplates.parse(text, source, serverlessFile: true)
        case .platform(let name): return Platforms.parse(text, source, name: name)
        case .tool(let name): return ToolReads.parse(text, source, name: name)
        case .script:
            let scriptFolder = (absolutePath as NSString).deletingLastPathComponent
            // In a Makefile recipe `$$k` is the shell's `$k`.
            let isMakefile = source.path.hasSuffix("Makefile") || source.path.hasSuffix(".mk")
            var skipped: [Skip] = []
            var parsed = BootstrapScripts.parse(isMakefile ? text.replacingOccurrences(of: "$$", with: "$") : text, source) { envFile in
                envFileNames(envFile, root: root, scriptFolder: scriptFolder, skipped: &skipped)
            }
            parsed.skipped += skipped
            return parsed
        case .yaml, .cloudTemplateJSON:
            var parsed = Parsed()
            if CloudTemplates.isTemplate(text) { parsed += CloudTemplates.parse(text, source, serverlessFile: false) }
            if case .yaml = kind, Kubernetes.isManifest(text) {
                parsed += Kubernetes.parse(text, source, helm: Kubernetes.isHelmTemplate(source.path) && text.contains("{{"))
            }
            return parsed
        case .javascript: return EnvSchemas.mayHoldSchema(text) ? EnvSchemas.parse(text, source) : Parsed()
        case .python: return PydanticSettings.mayHoldSettings(text) ? PydanticSettings.parse(text, source) : Parsed()
        }
    }

    /// Reads a file the walk selected through the gate, within its root: a refusal is a skip with
    /// the gate's reason, and nothing of the file is read.
    private func read(_ path: String, root: Root, _ source: SourceFile, into result: inout DeclarationResult) -> String? {
        switch FileGate.readText(path, within: root.path, maxSize: maxFileSize) {
        case .success(let text):
            result.filesRead += 1
            return text
        case .failure(let refusal):
            result.skipped.append(Skip(repo: source.repo, path: source.path, reason: refusal.skipReason, detail: refusal.detail))
            return nil
        }
    }

    /// The names an env file sets, for a script that loops over its keys. Scripts run from the
    /// checkout's top or from their own folder; the file is read through the gate, within the
    /// checkout. nil when it is not in the checkout (an absolute path is a file of the machine
    /// that runs the script, never read here); none when the gate refuses it (then a skip).
    func envFileNames(_ envFile: String, root: Root, scriptFolder: String, skipped: inout [Skip]) -> [String]? {
        guard !envFile.hasPrefix("/") else { return nil }
        for base in [root.path, scriptFolder] {
            let candidate = base + "/" + envFile
            switch FileGate.readText(candidate, within: root.path, maxSize: maxFileSize) {
            case .success(let text): return EnvFiles.names(text)
            case .failure(.missing): continue
            case .failure(let refusal):
                let rel = Self.normalized(String(candidate.dropFirst(root.path.count + 1)))
                skipped.append(Skip(repo: root.name, path: rel, reason: refusal.skipReason, detail: refusal.detail))
                return []
            }
        }
        return nil
    }

    /// `scripts/../config/./keys.env` → `config/keys.env`, without touching the disk.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}

extension DeclarationResult {
    mutating func add(_ parsed: Parsed) {
        declarations += parsed.declarations
        warnings += parsed.warnings
        notes += parsed.notes
        skipped += parsed.skipped
    }
}

extension DeclarationScanner.FileKind {
    var isExample: Bool { if case .envExample = self { return true } else { return false } }
}

extension DeclarationScanner {
    /// For the fuzzer: parse `text` as the file `path` would be parsed, with no walk and no disk.
    public static func fuzzParse(_ text: String, path: String) -> [Declaration] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let kind = kind(name, path) else { return [] }
        let scanner = DeclarationScanner(fingerprinter: Fingerprinter(key: "fuzz"))
        return scanner.parse(text, as: kind, SourceFile(repo: "fuzz", path: path), root: Root(name: "fuzz", path: "/nonexistent"),
                             absolutePath: "/nonexistent/" + path).declarations
    }
}
