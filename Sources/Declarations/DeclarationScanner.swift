import Foundation
import SourceScan

/// Reads what the repositories declare: walks each root once (same ignore rules as the scan),
/// picks the files by name, reads them as bytes on every core, and parses by its kind each file
/// whose bytes can declare something (DeclarationPrefilter). A malformed file gives one warning with its
/// name and line; every other file is still read.
public struct DeclarationScanner: Sendable {
    let walk: WalkOptions
    let fingerprinter: Fingerprinter
    let maxFileSize: Int
    /// Measures hard-coded defaults: the literal classifier's and the placeholder rules.
    let defaults: EnvironmentDefaults
    /// Counted as files are read, for a progress line; nil: nobody is watching.
    public var progress: RunProgress?
    /// Workers that read and parse files; defaults to the number of cores.
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    /// `rules`: the literal and placeholder rules that judge hard-coded defaults (the built-in ones
    /// when not given).
    public init(walk: WalkOptions = WalkOptions(), fingerprinter: Fingerprinter = .fromEnvironment(),
                maxFileSize: Int = 5 * 1024 * 1024, rules: RuleSet? = nil) {
        // An env example is documentation meant to be committed, even under a `.env.*` pattern.
        var walk = walk
        walk.keptDespiteIgnores = { EnvFiles.role(of: $0) == .example }
        self.walk = walk
        self.fingerprinter = fingerprinter
        self.maxFileSize = maxFileSize
        self.defaults = EnvironmentDefaults(rules: rules ?? ((try? RuleSet.builtIn()) ?? RuleSet()), fingerprinter: fingerprinter)
    }

    public func scan(_ roots: [Root]) -> DeclarationResult {
        var result = DeclarationResult()
        let (files, outcome) = Walker(options: walk).walk(roots) { name, rel in DeclarationSources.claiming(name: name, path: rel) }
        result.skipped = outcome.skipped
        // A file the walk skipped (a FIFO named like a task definition) is not read again when a
        // workflow names it: one file, one skip.
        var seen = Set(outcome.skipped.compactMap { skip in roots.firstIndex { $0.name == skip.repo }.map { "\($0)/\(skip.path)" } })
        var referenced: [(rootIndex: Int, workflow: SourceFile, reference: TaskDefinitions.Reference)] = []
        let outcomes = readAll(files, roots: roots, threads: threads)
        for (file, outcome) in zip(files, outcomes) {
            let source = SourceFile(repo: roots[file.rootIndex].name, path: file.relativePath)
            seen.insert("\(file.rootIndex)/\(file.relativePath)")
            if let refused = outcome.refused { result.skipped.append(refused); continue }
            result.filesRead += 1
            result.add(outcome.parsed)
            if let unit = outcome.deployUnit { result.deployUnits.append(unit) }
            referenced += outcome.references.map { (file.rootIndex, source, $0) }
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
        result.defaults.sort { ($0.repo, $0.path, $0.line, $0.column, $0.target ?? "") < ($1.repo, $1.path, $1.line, $1.column, $1.target ?? "") }
        result.warnings.sort { ($0.repo, $0.path, $0.line ?? 0) < ($1.repo, $1.path, $1.line ?? 0) }
        result.notes.sort { ($0.repo, $0.path, $0.line ?? 0) < ($1.repo, $1.path, $1.line ?? 0) }
        result.deployUnits.sort { ($0.repo, $0.path) < ($1.repo, $1.path) }
        return result
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
        defaults += parsed.defaults
        scriptReads += parsed.scriptReads
    }
}

extension DeclarationScanner {
    /// For the fuzzer: parse `text` as the file `path` would be parsed, with no walk and no disk.
    public static func fuzzParse(_ text: String, path: String) -> [Declaration] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let index = DeclarationSources.claiming(name: name, path: path) else { return [] }
        let file = DeclarationFile(source: SourceFile(repo: "fuzz", path: path), name: name, root: Root(name: "fuzz", path: "/nonexistent"),
                                   absolutePath: "/nonexistent/" + path, fingerprinter: Fingerprinter(key: "fuzz"), maxFileSize: 5 * 1024 * 1024,
                                   defaults: nil)
        return DeclarationSources.all[index].declarations(in: text, file).declarations
    }
}
