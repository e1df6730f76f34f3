import Dispatch
import Foundation

/// `--history`: the literals of every blob git still holds, placed in the commits that brought
/// and removed them. Each blob is read once whatever the number of commits and paths that hold
/// it, through the same workers, limits and binary check as a file, so a literal in history is
/// measured exactly as the tree scan measures it (constructor literals, environment defaults).
/// Runs only when asked: the tree scan does no work of it.
extension ScanEngine {
    /// What the history scan adds to a tree scan.
    public struct HistoryOutcome: Sendable {
        /// Literals in history whose fingerprint the tree scan did not find, in `HistoryLiteral.inOrder`.
        public var history: [HistoryLiteral] = []
        /// Blobs not read (too large, binary, git could not give them), named by their path.
        public var skipped: [Skip] = []
        /// Roots whose history could not be listed (not a git checkout, git failed).
        public var warnings: [ScanWarning] = []
        public var blobsScanned = 0
        public var bytesScanned = 0
    }

    /// One blob to read, from the root at `file.rootIndex`.
    struct HistoryItem: Sendable { var file: WalkedFile; var blob: StagedSelection.Blob }

    /// The history of each root that is a git checkout; `inTree`: the fingerprints of the tree
    /// scan's literals, which are not history's to report.
    public func scanHistory(_ roots: [Root], inTree: Set<String>, events: @escaping ScanEventSink = { _ in }) -> HistoryOutcome {
        var outcome = HistoryOutcome()
        var items: [HistoryItem] = []
        var commitsByRoot: [Int: [GitHistory.Commit]] = [:]
        for (index, root) in roots.enumerated() {
            let blobs: [GitHistory.Blob]
            do {
                let prefix = try GitHistory.prefix(of: root.path)
                blobs = try GitHistory.blobs(in: root.path, prefix: prefix)
                commitsByRoot[index] = try GitHistory.commits(in: root.path, prefix: prefix)
            } catch {
                let warning = ScanWarning(repo: root.name, path: ".", problem: .historyNotRead(reason: Self.category(error)))
                outcome.warnings.append(warning)
                events(.warning(warning))
                continue
            }
            // The path a blob first came at (from `git log -z`, exact for any name) names it.
            var firstPath: [String: String] = [:]
            for commit in commitsByRoot[index] ?? [] { for a in commit.added where firstPath[a.blob] == nil { firstPath[a.blob] = a.path } }
            for var blob in blobs {
                if let path = firstPath[blob.id] { blob.path = path }
                guard let language = Language(fileName: blob.path.split(separator: "/").last.map(String.init) ?? blob.path) else { continue }
                // The size git gave before any byte is read: the limit a file has.
                if blob.size > options.maxFileSize {
                    let skip = Skip(repo: root.name, path: blob.path, reason: .tooLarge, detail: "blob \(blob.id.prefix(7)) in history, \(blob.size) bytes")
                    outcome.skipped.append(skip)
                    events(.skipped(skip))
                    continue
                }
                items.append(HistoryItem(file: WalkedFile(rootIndex: index, relativePath: blob.path, absolutePath: root.path + "/" + blob.path,
                                                          language: language),
                                         blob: StagedSelection.Blob(id: blob.id, size: blob.size)))
            }
        }
        guard !items.isEmpty else { return outcome }
        let work = items

        let workerCount = max(1, min(options.threads, items.count))
        let workers = (0..<workerCount).map { _ in Worker(engine: self, roots: roots) }
        let next = WorkCounter()
        let placement = FilePlacement(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            let worker = workers[w]
            while let range = next.claim(8, of: work.count) {
                for i in range {
                    let l = worker.literals.count
                    worker.processHistory(work[i], events: events)
                    placement.record(file: i, worker: w, readers: 0..<0, literals: l..<worker.literals.count)
                }
            }
            worker.finishBlobs()
        }
        let literals = FindingBuffer.gather(placement.entries.lazy.map { (workers[$0.worker].literals, $0.literals) },
                                            total: workers.reduce(0) { $0 + $1.literals.count })
        for worker in workers {
            outcome.skipped += worker.skipped
            outcome.warnings += worker.warnings
            outcome.blobsScanned += worker.filesScanned
            outcome.bytesScanned += worker.bytesScanned
        }
        // The literals of item i follow those of items before it: its blob, by position.
        var blobOf: [Int] = []
        blobOf.reserveCapacity(literals.count)
        for (i, entry) in placement.entries.enumerated() { blobOf += repeatElement(i, count: entry.literals.count) }
        outcome.history = Self.place(literals, blobOf: blobOf, items: items, roots: roots, commitsByRoot: commitsByRoot, inTree: inTree)
        outcome.skipped.sort { ($0.repo, $0.path) < ($1.repo, $1.path) }
        return outcome
    }

    /// One history literal per repository and fingerprint not in the tree: where it first came
    /// (the earliest commit bringing a blob that holds it), and the last commit taking such a
    /// blob out of a path.
    static func place(_ literals: [Literal], blobOf: [Int], items: [HistoryItem], roots: [Root],
                      commitsByRoot: [Int: [GitHistory.Commit]], inTree: Set<String>) -> [HistoryLiteral] {
        var history: [HistoryLiteral] = []
        let dates = ISO8601DateFormatter()
        func date(_ time: Int) -> String { dates.string(from: Date(timeIntervalSince1970: TimeInterval(time))) }
        var byRoot: [Int: [Int]] = [:]
        for i in literals.indices where !inTree.contains(literals[i].fingerprint) { byRoot[items[blobOf[i]].file.rootIndex, default: []].append(i) }
        for (rootIndex, indices) in byRoot.sorted(by: { $0.key < $1.key }) {
            let commits = commitsByRoot[rootIndex] ?? []
            var came: [String: (commit: Int, path: String)] = [:], left: [String: Int] = [:]
            for (c, commit) in commits.enumerated() {
                for a in commit.added where came[a.blob] == nil { came[a.blob] = (c, a.path) }
                // A merge's diff against a parent shows the other side's work, not a removal.
                if !commit.isMerge { for r in commit.removed { left[r.blob] = c } }
            }
            for (_, group) in Dictionary(grouping: indices, by: { literals[$0].fingerprint }) {
                // The first place: the earliest commit, then the lowest line.
                let first = group.min { a, b in
                    let ca = came[items[blobOf[a]].blob.id]?.commit ?? Int.max, cb = came[items[blobOf[b]].blob.id]?.commit ?? Int.max
                    return (ca, literals[a].line, literals[a].column) < (cb, literals[b].line, literals[b].column)
                }!
                let l = literals[first], blob = items[blobOf[first]].blob.id
                let arrival = came[blob]
                let removal = group.compactMap { left[items[blobOf[$0]].blob.id] }.max()
                history.append(HistoryLiteral(
                    repo: roots[rootIndex].name, fingerprint: l.fingerprint, hint: l.hint, context: l.context, target: l.target,
                    issuer: l.issuer, length: l.length, language: l.language, secretLike: l.secretLike, placeholder: l.placeholder,
                    commit: arrival.map { commits[$0.commit].id }, date: arrival.map { date(commits[$0.commit].time) },
                    path: arrival?.path ?? items[blobOf[first]].file.relativePath, line: l.line,
                    removedIn: removal.map { commits[$0].id }, removedDate: removal.map { date(commits[$0].time) }))
            }
        }
        return history.sorted(by: HistoryLiteral.inOrder)
    }

    /// git's failure in our words (GitChanges already words it as `ROOT: git X failed: category`).
    static func category(_ error: Error) -> String {
        let text = "\(error)"
        if let range = text.range(of: "failed: ") { return String(text[range.upperBound...]) }
        return "git could not be run"
    }
}

extension ScanEngine.Worker {
    /// A blob of history, read into the worker's buffer as a staged blob is.
    func processHistory(_ item: ScanEngine.HistoryItem, events: ScanEventSink) {
        let file = item.file, repo = roots[file.rootIndex].name
        func skip(_ reason: SkipReason, _ detail: String) {
            let skip = Skip(repo: repo, path: file.relativePath, reason: reason, detail: detail)
            skipped.append(skip)
            events(.skipped(skip))
        }
        let reader = blobReaders[file.rootIndex] ?? BlobReader(root: roots[file.rootIndex].path)
        blobReaders[file.rootIndex] = reader
        guard reader.read(item.blob.id, size: item.blob.size, into: buffer) else {
            return skip(.unreadable, "git cat-file could not read blob \(item.blob.id.prefix(7)) in history")
        }
        if buffer.looksBinary { return skip(.binary, "blob \(item.blob.id.prefix(7)) in history") }
        filesScanned += 1
        bytesScanned += buffer.count
        scanContents(buffer.bytes, file: file, repo: repo, events: events)
    }
}

extension ScanResult {
    /// Joins a history scan to the tree scan it was measured against: its literals as `history`,
    /// its skipped blobs and warnings with the others, its counts in the summary.
    public mutating func add(_ outcome: ScanEngine.HistoryOutcome) {
        history = outcome.history
        skipped += outcome.skipped
        skipped.sort { ($0.repo, $0.path) < ($1.repo, $1.path) }
        for skip in outcome.skipped { summary.skipped[skip.reason.rawValue, default: 0] += 1 }
        warnings += outcome.warnings
        warnings.sort(by: ScanWarning.inOrder)
        summary.historyBlobsScanned = outcome.blobsScanned
        summary.historyBytesScanned = outcome.bytesScanned
    }
}
