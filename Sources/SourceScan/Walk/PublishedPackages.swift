import Yams

/// Which scanned JavaScript files belong to an npm package that is published, and so runs on
/// someone else's machine: a CLI, a build extension, an SDK. A variable such code reads is set by
/// the package's user (their shell, their CI, their project), not by this repository's
/// deployment, so it is not ours to declare (docs/drift.md, "Code that runs elsewhere").
///
/// A file's package is the nearest `package.json` above it, within the scanned root. It is
/// published when it does not say `"private": true` and says how it is consumed: `bin` (a CLI),
/// `publishConfig` or `exports`. A workspace's own apps and internal packages are private (npm
/// refuses to publish them), so they stay ours. A package.json that cannot be read or parsed
/// says nothing: the file is taken as ours (the declaration scan reports a broken package.json).
struct PublishedPackages {
    /// Per root path: folder (relative, "" for the root) → whether its nearest package is published.
    private var folders: [String: [String: Bool]] = [:]
    let maxFileSize: Int

    init(maxFileSize: Int = FileGate.defaultMaxSize) { self.maxFileSize = maxFileSize }

    /// The last file asked about and its answer: the scan asks once per reader, and a file's
    /// readers come one after another (sorted by path); splitting and joining its path for each
    /// was most of the 151 M instructions this cost on repo0 of the corpus (24,000 readers).
    private var last: (root: String, path: String, answer: Bool)?

    /// Whether the file at `relativePath` under `root` is in a published package.
    mutating func isPublished(_ relativePath: String, root: String) -> Bool {
        if let last, last.path == relativePath, last.root == root { return last.answer }
        let answer = lookUp(relativePath, root: root)
        last = (root, relativePath, answer)
        return answer
    }

    private mutating func lookUp(_ relativePath: String, root: String) -> Bool {
        var parts = relativePath.split(separator: "/", omittingEmptySubsequences: true).dropLast().map(String.init)
        // Taken out while it is filled: a copy that `folders` still shared would be copied
        // whole by the first write.
        var cache = folders.removeValue(forKey: root) ?? [:]
        defer { folders[root] = cache }
        // Walk up to the first folder with a package.json; every folder passed on the way shares its answer.
        var passed: [String] = []
        var answer = false
        while true {
            let folder = parts.joined(separator: "/")
            if let known = cache[folder] { answer = known; break }
            passed.append(folder)
            if let published = Self.manifest(root: root, folder: folder, maxSize: maxFileSize) { answer = published; break }
            if parts.isEmpty { break }
            parts.removeLast()
        }
        for folder in passed { cache[folder] = answer }
        return answer
    }

    /// nil when the folder has no readable package.json; else whether it describes a published package.
    static func manifest(root: String, folder: String, maxSize: Int) -> Bool? {
        let path = root + (folder.isEmpty ? "" : "/" + folder) + "/package.json"
        guard case .success(let text) = FileGate.readText(path, within: root, maxSize: maxSize) else { return nil }
        guard case .success(let node) = SafeYAML.compose(text), let node, node.mapping != nil else { return false }
        return isPublished(node)
    }

    static func isPublished(_ manifest: Node) -> Bool {
        if manifest["private"]?.bool == true { return false }
        return manifest["bin"] != nil || manifest["publishConfig"] != nil || manifest["exports"] != nil
    }
}
