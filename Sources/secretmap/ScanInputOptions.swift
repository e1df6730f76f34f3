import ArgumentParser
import Foundation
import Report
import SourceScan
import Stores

/// What to scan and how: shared by `scan` and `baseline`, so both see the same literals.
struct ScanInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Checkouts to scan, as PATH or NAME=PATH (NAME is the repo name shown in findings).",
                                 valueName: "root"))
    var roots: [String] = ["."]

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: ArgumentHelp("Shortest literal reported, in characters (default from rules/literals.yaml: 20).", valueName: "n"))
    var minLength: Int?

    @Option(help: ArgumentHelp("Skip files larger than this (bytes, or with K/M/G suffix).", valueName: "size"))
    var maxFileSize = ByteSize(bytes: 5 * 1024 * 1024)

    @Flag(help: "Also report long literals that do not look like secrets (prose, URLs, paths, names).")
    var allLiterals = false

    @Flag(help: "Do not read .gitignore and .git/info/exclude files.")
    var noIgnore = false

    @Flag(help: "Follow symbolic links that stay inside their root (never out of it, never into a loop).")
    var follow = false

    @Option(help: ArgumentHelp("Worker threads (default: number of cores).", valueName: "n"))
    var threads: Int?

    @Flag(help: "Scan what is staged in git (added, modified, renamed or copied files, as new files), read from the index — what the commit will hold, not the working tree: for pre-commit hooks.")
    var staged = false

    @Option(help: ArgumentHelp("Scan only the files that differ between REV and the working tree (e.g. origin/main).",
                               valueName: "rev"))
    var since: String?

    @Flag(help: "Also read every blob of git history (all refs), once each, and report the literals found there and no longer in the tree, with the commits that added and removed them.")
    var history = false

    func validate() throws {
        if let n = minLength, n < 1 { throw ValidationError("--min-length must be at least 1") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
        if maxFileSize.bytes < 1 { throw ValidationError("--max-file-size must be positive") }
        if maxFileSize.bytes > 1 << 30 { throw ValidationError("--max-file-size is at most 1G") }
        if staged && since != nil { throw ValidationError("--staged and --since select files differently; give one") }
        if history && (staged || since != nil) { throw ValidationError("--history reads all of git history; not with --staged or --since") }
    }

    /// Runs the scan; warnings go to stderr as they happen. `identify`: find each root's
    /// repository identity (for a baseline), which costs a git call or two per root.
    /// `progress`: counted as files are scanned, for a progress line.
    func scan(identify: Bool = false, progress: RunProgress? = nil) throws -> ScanResult {
        var parsedRoots = roots.map(Root.parse)
        do { try Root.validate(parsedRoots) } catch { throw InputError(error.description) }
        if identify {
            let configured = Self.configuredNames()
            for (i, argument) in roots.enumerated() {
                parsedRoots[i].identity = Root.configuredName(argument) ?? configured[Self.realPath(parsedRoots[i].path)]
                    ?? RepositoryIdentity.fromOrigin(of: parsedRoots[i].path)
            }
        }
        var options = scanOptions()
        options.progress = progress

        // --staged reads the index, not the working tree: what the commit will hold.
        let staged: StagedSelection?
        if self.staged {
            do { staged = try StagedIndex.select(parsedRoots, maxFileSize: options.maxFileSize) } catch { throw InputError("\(error)") }
        } else {
            staged = nil
        }
        // --since: the changed files, read from the working tree; deleted ones are in scope too.
        var sinceScope: Set<String>?
        var walkOptions = options.walk
        if let since {
            var only: [Int: [String]] = [:]
            var scope = Set<String>()
            for (i, root) in parsedRoots.enumerated() {
                let changes: [GitChanges.Change]
                do { changes = try GitChanges.changes(in: root.path, since: since) } catch { throw InputError("\(error)") }
                only[i] = changes.filter { !$0.removed }.map(\.path)
                for change in changes { scope.insert(root.name + "/" + change.path) }
            }
            walkOptions.onlyPaths = only
            sinceScope = scope
        }

        // Listing the files needs no rules: walk the trees on another thread while the rules are
        // parsed and compiled here (each takes tens of milliseconds on a large tree).
        nonisolated(unsafe) var walked = WalkOutcome()
        let walking = DispatchGroup()
        if staged == nil {
            let rootsToWalk = parsedRoots, walker = Walker(options: walkOptions)
            DispatchQueue.global().async(group: walking) { walked = walker.walk(rootsToWalk) }
        }
        defer { walking.wait() }

        var ruleSet = try ruleOptions.load()
        if let minLength { ruleSet.setMinLength(minLength) }

        walking.wait()
        var engineOptions = options
        engineOptions.walk = walkOptions
        let engine = ScanEngine(rules: ruleSet, options: engineOptions)
        let events: ScanEventSink = { StandardError.warning("secretmap: " + $0.text) }
        if let staged { return engine.scan(parsedRoots, staged: staged, events: events) }
        var result = engine.scan(parsedRoots, walked: walked, events: events)
        if let sinceScope { result.scope = sinceScope }
        // History after the tree: what the tree holds is not history's to report.
        if history { result.add(engine.scanHistory(parsedRoots, inTree: Set(result.literals.map(\.fingerprint)), events: events)) }
        return result
    }

    /// The checkouts `secretmap.yml` (in the working directory) lists, by real path → name: a
    /// configured name is a root's identity, as NAME=PATH is.
    static func configuredNames(_ file: String = "secretmap.yml") -> [String: String] {
        guard FileManager.default.fileExists(atPath: file) else { return [:] }
        guard let config = try? SecretMapConfig.load(file) else {
            StandardError.warning("secretmap: \(file): not a valid config, so not used for repository names (see `secretmap stores`)")
            return [:]
        }
        var names: [String: String] = [:]
        for repo in config.repos { names[realPath(repo.path)] = repo.name }
        return names
    }

    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private func scanOptions() -> ScanOptions {
        var options = ScanOptions()
        options.maxFileSize = maxFileSize.bytes
        options.allLiterals = allLiterals
        options.walk.useIgnoreFiles = !noIgnore
        options.walk.followSymlinks = follow
        if let threads { options.threads = threads }
        return options
    }
}
