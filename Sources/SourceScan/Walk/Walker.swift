#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import PCRE

/// A file the walker chose to scan. Reading it is the scanner's job, not the walker's.
public struct WalkedFile: Sendable {
    public var rootIndex: Int
    /// Relative to the root, `/`-separated.
    public var relativePath: String
    public var absolutePath: String
    public var language: Language
}

public struct WalkOptions: Sendable {
    public var useIgnoreFiles = true
    public var followSymlinks = false
    /// Root index → root-relative paths to scan instead of walking (from `GitChanges`): git has
    /// already decided which files count, so ignore files do not apply to them.
    public var onlyPaths: [Int: [String]]? = nil
    /// File names read even where an ignore pattern covers them: a repository commits its
    /// `.env.example` beside a `.env.*` pattern (git tracks a file added with -f or before the
    /// pattern, and ignore files never apply to tracked files). Asked only for ignored files.
    public var keptDespiteIgnores: @Sendable (String) -> Bool = { _ in false }
    public init() {}
}

/// A file the walker chose, with what the caller's selector said about it (its language, its
/// kind of declaration file, …).
public struct SelectedFile<Tag: Sendable>: Sendable {
    public var rootIndex: Int
    public var relativePath: String
    public var absolutePath: String
    public var tag: Tag
}

public struct WalkOutcome: Sendable {
    public var files: [WalkedFile] = []
    public var skipped: [Skip] = []
    public var ignored = 0
    public var otherLanguages = 0
    public init() {}
}

/// Walks every root once (several roots side by side, one thread each) and returns the files to
/// scan in a stable order. It knows nothing about what a reader or a
/// literal is: it only decides which files exist, are not ignored, and are in a language we read.
public struct Walker: Sendable {
    /// Folders never worth scanning: VCS metadata, dependency trees, build outputs. They hold
    /// other people's code or generated copies of ours; `.gitignore` usually lists them too.
    public static let alwaysSkipped: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages",
        ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache",
        ".build", ".swiftpm", "Pods", "Carthage", "DerivedData",
        ".next", ".nuxt", ".svelte-kit", ".turbo", ".aws-sam", ".serverless", ".terraform",
    ]

    let options: WalkOptions

    public init(options: WalkOptions = WalkOptions()) { self.options = options }

    /// The source files to scan: those in a language we tokenize. Sibling checkouts are listed
    /// side by side, a thread each: the listing is system calls and path strings, tens of
    /// milliseconds on a large tree, and the scan cannot start before it ends.
    public func walk(_ roots: [Root]) -> WalkOutcome {
        // nonisolated(unsafe): each thread writes its own element; read after all have ended.
        nonisolated(unsafe) let perRoot = UnsafeMutableBufferPointer<([SelectedFile<Language>], WalkOutcome)>.allocate(capacity: roots.count)
        perRoot.initialize(repeating: ([], WalkOutcome()))
        defer { perRoot.deinitialize(); perRoot.deallocate() }
        DispatchQueue.concurrentPerform(iterations: roots.count) { index in
            var rootOptions = options
            rootOptions.onlyPaths = options.onlyPaths.map { only in only[index].map { [0: $0] } ?? [:] }
            perRoot[index] = Walker(options: rootOptions).walk([roots[index]]) { name, _ in Language(fileName: name) }
        }
        var result = WalkOutcome()
        for (index, (selected, outcome)) in perRoot.enumerated() {
            result.files += selected.map { WalkedFile(rootIndex: index, relativePath: $0.relativePath,
                                                       absolutePath: $0.absolutePath, language: $0.tag) }
            result.skipped += outcome.skipped
            result.ignored += outcome.ignored
            result.otherLanguages += outcome.otherLanguages
        }
        return result
    }

    /// Every file `select` (given the file name and root-relative path) says something about;
    /// the rest are counted as other files. Ignore rules, skipped folders and links apply as above.
    public func walk<Tag: Sendable>(_ roots: [Root], select: (String, String) -> Tag?) -> ([SelectedFile<Tag>], WalkOutcome) {
        var outcome = WalkOutcome()
        var selected: [SelectedFile<Tag>] = []
        for (index, root) in roots.enumerated() {
            if let only = options.onlyPaths?[index] { listed(root, index: index, only, select, into: &selected, &outcome) }
            else { walkRoot(root, index: index, select, into: &selected, &outcome) }
        }
        return (selected, outcome)
    }

    /// The files git listed: those in a language we read, that exist as regular files.
    private func listed<Tag>(_ root: Root, index: Int, _ paths: [String], _ select: (String, String) -> Tag?,
                             into selected: inout [SelectedFile<Tag>], _ outcome: inout WalkOutcome) {
        for rel in paths {
            let name = rel.split(separator: "/").last.map(String.init) ?? rel
            guard let tag = select(name, rel) else { outcome.otherLanguages += 1; continue }
            let abs = root.path + "/" + rel
            guard FileGate.isRegularFileNotLink(abs) else { continue }  // gone, or a link
            selected.append(SelectedFile(rootIndex: index, relativePath: rel, absolutePath: abs, tag: tag))
        }
    }

    private struct FileID: Hashable { let dev: UInt64; let ino: UInt64 }

    private func walkRoot<Tag>(_ root: Root, index: Int, _ select: (String, String) -> Tag?,
                               into selected: inout [SelectedFile<Tag>], _ outcome: inout WalkOutcome) {
        let rootPath = root.path.hasSuffix("/") && root.path.count > 1 ? String(root.path.dropLast()) : root.path
        let rootReal = realPath(rootPath) ?? rootPath
        var ignores = IgnoreStack(scratch: MatchScratch())
        if options.useIgnoreFiles, let text = readSmallText(rootPath + "/.git/info/exclude") {
            ignores.push(IgnoreFile(base: "", text: text))
        }
        var ancestors: [FileID] = []
        var visited = Set<FileID>()

        func skip(_ rel: String, _ reason: SkipReason, _ detail: String? = nil) {
            outcome.skipped.append(Skip(repo: root.name, path: rel, reason: reason, detail: detail))
        }

        func visit(directory abs: String, relative rel: String) {
            guard let id = fileID(abs) else { skip(rel.isEmpty ? "." : rel, .unreadable, lastError()); return }
            if ancestors.contains(id) { skip(rel, .symlinkLoop); return }
            if !visited.insert(id).inserted { return }  // reached twice through --follow: already scanned
            guard let dir = opendir(abs) else { skip(rel.isEmpty ? "." : rel, .unreadable, lastError()); return }
            var entries: [(name: String, type: UInt8)] = []
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                entries.append((name, entry.pointee.d_type))
            }
            closedir(dir)
            // In the byte order of the paths they lead to: a folder as its name + "/" (so `a.ts`
            // comes before the files of `a/`). A walk then lists each root's files already
            // sorted, and the scan need not sort twenty thousand paths again.
            entries.sort { $0.name.pathPrecedes($1.name, selfIsFolder: $0.type == UInt8(DT_DIR), otherIsFolder: $1.type == UInt8(DT_DIR)) }

            ancestors.append(id)
            var pushed = false
            if options.useIgnoreFiles, entries.contains(where: { $0.name == ".gitignore" }),
               let text = readSmallText(abs + "/.gitignore") {
                ignores.push(IgnoreFile(base: rel, text: text))
                pushed = true
            }
            defer {
                if pushed { ignores.pop() }
                ancestors.removeLast()
            }

            for (name, rawType) in entries {
                let childAbs = abs + "/" + name
                let childRel = rel.isEmpty ? name : rel + "/" + name
                var type = rawType
                if type == UInt8(DT_UNKNOWN) { type = typeByStat(childAbs) }
                var targetIsDirectory = type == UInt8(DT_DIR)
                if type == UInt8(DT_LNK) {
                    guard options.followSymlinks else { continue }
                    guard let target = realPath(childAbs) else { skip(childRel, .unreadable, "dangling symbolic link"); continue }
                    guard target == rootReal || target.hasPrefix(rootReal + "/") else {
                        skip(childRel, .symlinkOutOfRoot, target); continue
                    }
                    targetIsDirectory = typeByStat(childAbs) == UInt8(DT_DIR)
                    if !targetIsDirectory {
                        continue  // the target file is inside the root and is scanned under its own path
                    }
                }
                if targetIsDirectory {
                    if Walker.alwaysSkipped.contains(name) { continue }
                    if options.useIgnoreFiles, ignores.isIgnored(childRel, isDirectory: true) { outcome.ignored += 1; continue }
                    visit(directory: childAbs, relative: childRel)
                } else if type == UInt8(DT_REG) || type == UInt8(DT_LNK) {
                    guard let tag = select(name, childRel) else { outcome.otherLanguages += 1; continue }
                    if options.useIgnoreFiles, ignores.isIgnored(childRel, isDirectory: false), !options.keptDespiteIgnores(name) {
                        outcome.ignored += 1; continue
                    }
                    selected.append(SelectedFile(rootIndex: index, relativePath: childRel, absolutePath: childAbs, tag: tag))
                } else if select(name, childRel) != nil, !(options.useIgnoreFiles && ignores.isIgnored(childRel, isDirectory: false)) {
                    // A FIFO, socket or device under a name this walk reads (`app.js`, `.env`):
                    // never opened (a FIFO would block), but named, so the run says it is incomplete.
                    skip(childRel, .notRegularFile, nil)
                }
            }
        }
        visit(directory: rootPath, relative: "")
    }

    private func fileID(_ path: String) -> FileID? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileID(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
    }

    private func typeByStat(_ path: String) -> UInt8 {
        var st = stat()
        guard stat(path, &st) == 0 else { return UInt8(DT_UNKNOWN) }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFREG: return UInt8(DT_REG)
        default: return UInt8(DT_UNKNOWN)
        }
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// An ignore file, through the gate: a FIFO or a link to /proc named `.gitignore` is not
    /// read (an ignore file over 1 MiB is not a real one).
    private func readSmallText(_ path: String) -> String? {
        try? FileGate.readText(path, maxSize: 1 << 20).get()
    }

}

func lastError() -> String { String(cString: strerror(errno)) }
