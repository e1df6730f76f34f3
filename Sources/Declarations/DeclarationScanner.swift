import Foundation
import SourceScan

/// Reads what the repositories declare: walks each root once (same ignore rules as the scan),
/// picks the files by name, parses each by its kind. A malformed file gives one warning with its
/// name and line; every other file is still read.
public struct DeclarationScanner {
    enum FileKind: Sendable { case envExample, envFile, workflow, taskDefinition, script }

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
        if TaskDefinitions.isTaskDefinition(name) { return .taskDefinition }
        if BootstrapScripts.isScript(name) { return .script }
        return nil
    }

    public func scan(_ roots: [Root]) -> DeclarationResult {
        var result = DeclarationResult()
        let (files, outcome) = Walker(options: walk).walk(roots) { name, rel in Self.kind(name, rel) }
        result.skipped = outcome.skipped
        var seen = Set<String>()
        var referenced: [(Int, String)] = []
        for file in files {
            let repo = roots[file.rootIndex].name
            guard let text = read(file.absolutePath, repo: repo, path: file.relativePath, into: &result) else { continue }
            seen.insert("\(file.rootIndex)/\(file.relativePath)")
            switch file.tag {
            case .envExample, .envFile:
                result.declarations += EnvFiles.parse(text, role: file.tag == .envExample ? .example : .real,
                                                      repo: repo, path: file.relativePath, fingerprinter: fingerprinter)
            case .workflow:
                let (found, warnings) = Workflows.parse(text, repo: repo, path: file.relativePath)
                result.declarations += found
                result.warnings += warnings
                referenced += TaskDefinitions.referencedFiles(in: text).map { (file.rootIndex, $0) }
            case .taskDefinition:
                let (found, warnings) = TaskDefinitions.parse(text, repo: repo, path: file.relativePath)
                result.declarations += found
                result.warnings += warnings
            case .script:
                let root = roots[file.rootIndex].path
                let scriptFolder = (file.absolutePath as NSString).deletingLastPathComponent
                let (found, notes) = BootstrapScripts.parse(text, repo: repo, path: file.relativePath) { envFile in
                    // Scripts run from the checkout's top or from their own folder.
                    for base in [root, scriptFolder] {
                        let candidate = envFile.hasPrefix("/") ? envFile : base + "/" + envFile
                        if let data = FileManager.default.contents(atPath: candidate) {
                            return EnvFiles.names(String(decoding: data, as: UTF8.self))
                        }
                    }
                    return nil
                }
                result.declarations += found
                result.notes += notes
            }
        }
        // Task definitions a workflow names but whose file name does not say what they are.
        for (rootIndex, rel) in referenced {
            let clean = rel.hasPrefix("./") ? String(rel.dropFirst(2)) : rel
            guard !seen.contains("\(rootIndex)/\(clean)") else { continue }
            seen.insert("\(rootIndex)/\(clean)")
            let repo = roots[rootIndex].name
            guard let text = read(roots[rootIndex].path + "/" + clean, repo: repo, path: clean, into: &result) else { continue }
            let (found, warnings) = TaskDefinitions.parse(text, repo: repo, path: clean)
            result.declarations += found
            result.warnings += warnings
        }
        result.declarations.sort { ($0.repo, $0.path, $0.line, $0.name) < ($1.repo, $1.path, $1.line, $1.name) }
        result.warnings.sort { ($0.repo, $0.path, $0.line ?? 0) < ($1.repo, $1.path, $1.line ?? 0) }
        result.notes.sort { ($0.repo, $0.path, $0.line ?? 0) < ($1.repo, $1.path, $1.line ?? 0) }
        return result
    }

    private func read(_ path: String, repo: String, path rel: String, into result: inout DeclarationResult) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            result.skipped.append(Skip(repo: repo, path: rel, reason: .unreadable, detail: nil))
            return nil
        }
        if let size = attributes[.size] as? Int, size > maxFileSize {
            result.skipped.append(Skip(repo: repo, path: rel, reason: .tooLarge, detail: "\(size) bytes"))
            return nil
        }
        result.filesRead += 1
        return String(decoding: data, as: UTF8.self)
    }
}
