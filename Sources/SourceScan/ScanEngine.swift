import Dispatch
import Foundation
import PCRE

public struct ScanOptions: Sendable {
    public var maxFileSize = 5 * 1024 * 1024
    /// Report literals that do not look like secrets too (prose, URLs, paths).
    public var allLiterals = false
    /// Worker threads; defaults to the number of cores.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    public var walk = WalkOptions()
    /// Counted as files are scanned, for a progress line; nil: nobody is watching.
    public var progress: RunProgress?
    public init() {}
}

/// Scans sibling checkouts: walks them once, then reads, tokenizes and matches the files on
/// `threads` workers (`DispatchQueue.concurrentPerform`). Each worker keeps its own results and
/// scratch memory; the results are merged and sorted once at the end, so the output is the same
/// whatever the thread timing.
public struct ScanEngine {
    let rules: RuleSet
    let options: ScanOptions
    let fingerprinter: Fingerprinter

    public init(rules: RuleSet, options: ScanOptions = ScanOptions(), fingerprinter: Fingerprinter = .fromEnvironment()) {
        self.rules = rules
        self.options = options
        self.fingerprinter = fingerprinter
    }

    public func scan(_ roots: [Root], events: @escaping ScanEventSink = { _ in }) -> ScanResult {
        scan(roots, walked: Walker(options: options.walk).walk(roots), events: events)
    }

    /// Scans the files of a walk done beforehand (with `Walker(options: options.walk)`), so a
    /// caller can list the files while it is still loading the rules.
    public func scan(_ roots: [Root], walked: WalkOutcome, events: @escaping ScanEventSink = { _ in }) -> ScanResult {
        // Output order is (repo, path, line, column). Sorting the files once here lets every
        // worker emit each file's findings already in order, so merging is concatenation.
        // Roots compared by the rank of their name, not their names: 20,000 files take a few
        // hundred thousand comparisons, serial time before the workers start.
        var rank = [Int](repeating: 0, count: roots.count)
        for (position, root) in roots.indices.sorted(by: { roots[$0].name < roots[$1].name }).enumerated() { rank[root] = position }
        let inOrder = { (x: WalkedFile, y: WalkedFile) -> Bool in
            let a = rank[x.rootIndex], b = rank[y.rootIndex]
            return a != b ? a < b : x.relativePath.utf8Precedes(y.relativePath)
        }
        // The walker lists each root in this order already (folders sort as `name/`); roots
        // come in the order given. Checking is one comparison per file, sorting twenty.
        let files = zip(walked.files, walked.files.dropFirst()).allSatisfy({ inOrder($0, $1) })
            ? walked.files : walked.files.sorted(by: inOrder)
        var result = run(roots, files: files, walked: walked, events: events, followEnvObjects: true) { worker, i in
            worker.process(files[i], events: events)
        }
        if options.walk.onlyPaths != nil {
            result.scope = Set(files.map { roots[$0.rootIndex].name + "/" + $0.relativePath })
        }
        return result
    }

    /// Scans the blobs the index holds for `staged` (`--staged`): what the commit will hold, not
    /// the working tree. The same engine, limits and binary check; paths are root-relative.
    public func scan(_ roots: [Root], staged: StagedSelection, events: @escaping ScanEventSink = { _ in }) -> ScanResult {
        var rank = [Int](repeating: 0, count: roots.count)
        for (position, root) in roots.indices.sorted(by: { roots[$0].name < roots[$1].name }).enumerated() { rank[root] = position }
        let order = staged.files.indices.sorted {
            let x = staged.files[$0], y = staged.files[$1]
            let a = rank[x.rootIndex], b = rank[y.rootIndex]
            return a != b ? a < b : x.relativePath.utf8Precedes(y.relativePath)
        }
        let files = order.map { staged.files[$0] }, blobs = order.map { staged.blobs[$0] }
        var walked = WalkOutcome()
        walked.skipped = staged.skipped
        walked.otherLanguages = staged.otherLanguages
        // Env objects are followed in the same blobs, so a staged importer reads the staged module.
        let stagedBlobs = StagedBlobs(roots: roots, files: files, blobs: blobs)
        defer { stagedBlobs.finish() }
        var result = run(roots, files: files, walked: walked, events: events, followEnvObjects: true, staged: stagedBlobs) { worker, i in
            worker.process(files[i], blob: blobs[i], events: events)
        } finish: { worker in worker.finishBlobs() }
        result.scope = Set(staged.changed.flatMap { index, paths in paths.map { roots[index].name + "/" + $0 } })
        return result
    }

    /// Reads, tokenizes and matches `files` on the workers (`read` scans file i), then merges.
    /// `followEnvObjects`: then readers through env objects (EnvObjectFollower) are added, read
    /// again from `staged` blobs when given (a staged scan), else from the tree.
    private func run(_ roots: [Root], files: [WalkedFile], walked: WalkOutcome, events: ScanEventSink, followEnvObjects: Bool,
                     staged: StagedBlobs? = nil,
                     read: @Sendable (Worker, Int) -> Void, finish: @Sendable (Worker) -> Void = { _ in }) -> ScanResult {
        let workerCount = max(1, min(options.threads, files.count))
        let workers = (0..<workerCount).map { _ in Worker(engine: self, roots: roots) }
        let next = WorkCounter()
        let progress = options.progress
        let placement = FilePlacement(count: files.count)
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            let worker = workers[w]
            while let range = next.claim(8, of: files.count) {
                for i in range {
                    let r = worker.readers.count, l = worker.literals.count
                    read(worker, i)
                    progress?.fileScanned()
                    placement.record(file: i, worker: w, readers: r..<worker.readers.count, literals: l..<worker.literals.count)
                }
            }
            finish(worker)
        }

        var result = ScanResult()
        result.roots = roots
        result.fingerprintKeyId = fingerprinter.keyId
        result.summary.roots = roots.count
        result.summary.filesIgnored = walked.ignored
        result.summary.filesOtherLanguages = walked.otherLanguages
        result.skipped = walked.skipped
        for skip in walked.skipped { events(.skipped(skip)) }
        // Readers and literals are joined on two threads, each with the cross-repo work on what it
        // joined (shared names, duplicates): serial time between the parallel scan and the report.
        nonisolated(unsafe) var readers: [Reader] = [], literals: [Literal] = []
        nonisolated(unsafe) var duplicates: [Duplicate] = [], sharedReaders: [SharedReader] = []
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                readers = FindingBuffer.gather(placement.entries.lazy.map { (workers[$0.worker].readers, $0.readers) },
                                               total: workers.reduce(0) { $0 + $1.readers.count })
                sharedReaders = CrossRepo.sharedReaders(namesByRepo: roots.indices.map { root in
                    (roots[root].name, workers.reduce(into: Set<String>()) { $0.formUnion($1.namesRead[root]) })
                })
            } else {
                literals = FindingBuffer.gather(placement.entries.lazy.map { (workers[$0.worker].literals, $0.literals) },
                                                total: workers.reduce(0) { $0 + $1.literals.count })
                duplicates = CrossRepo.duplicates(literals)
            }
        }
        // Readers through env objects: only files the workers saw touch the environment define one.
        let candidates = followEnvObjects ? workers.flatMap(\.envObjectCandidates) : []
        var throughObjects = EnvObjectFollower(roots: roots, files: files, maxFileSize: options.maxFileSize, threads: options.threads,
                                               staged: staged)
            .follow(candidates: candidates, readers: readers)
        if !throughObjects.isEmpty {
            // A read through the object in a test file is a test's read, as the workers mark theirs.
            let scratch = MatchScratch()
            var isTestFile: [String: Bool] = [:]
            for i in throughObjects.indices {
                let r = throughObjects[i]
                guard let family = Language(rawValue: r.language)?.family else { continue }
                let file = r.repo + "/" + r.path
                let isTest = isTestFile[file] ?? rules.isTest(r.path, family, scratch)
                isTestFile[file] = isTest
                if isTest { throughObjects[i].test = true }
            }
            readers = (readers + throughObjects).sorted { a, b in
                a.repo != b.repo ? a.repo < b.repo : a.path != b.path ? a.path.utf8Precedes(b.path)
                    : (a.line, a.column, a.name) < (b.line, b.column, b.name)
            }
            sharedReaders = CrossRepo.sharedReaders(namesByRepo: Dictionary(grouping: readers, by: \.repo)
                .map { ($0.key, Set($0.value.map(\.name).filter { !$0.hasPrefix("*") })) }.sorted { $0.0 < $1.0 })
        }
        // Code of a published npm package runs on its users' machines: its reads are marked.
        var packages = PublishedPackages(maxFileSize: options.maxFileSize)
        let rootPaths = Dictionary(roots.map { ($0.name, $0.path) }, uniquingKeysWith: { first, _ in first })
        for i in readers.indices where Language(rawValue: readers[i].language)?.family == .javascript {
            if let root = rootPaths[readers[i].repo], packages.isPublished(readers[i].path, root: root) { readers[i].published = true }
        }
        result.readers = readers
        result.literals = literals
        for worker in workers {
            result.skipped += worker.skipped
            result.warnings += worker.warnings
            result.summary.filesScanned += worker.filesScanned
            result.summary.bytesScanned += worker.bytesScanned
            result.summary.literalsNotSecretLike += worker.notSecretLike
            result.summary.literalsAllowed += worker.allowedCount
        }
        result.skipped.sort { ($0.repo, $0.path) < ($1.repo, $1.path) }
        result.warnings.sort(by: ScanWarning.inOrder)
        for skip in result.skipped { result.summary.skipped[skip.reason.rawValue, default: 0] += 1 }
        result.duplicates = duplicates
        result.sharedReaders = sharedReaders
        return result
    }

    /// Per-thread state and results; only its own worker touches it during the scan.
    final class Worker: @unchecked Sendable {  // each worker is touched by its own thread only
        let engine: ScanEngine
        let roots: [Root]
        let buffer = FileBuffer()
        let lexScratch = LexScratch()
        let matchScratch = MatchScratch()
        let readerRules: [Language.Family: ReaderDetector]
        let prefilters: [Language.Family: FilePrefilter]
        let classifier: LiteralClassifier
        let readers = FindingBuffer<Reader>()
        /// Per root, the names its readers read: collected here, on the worker threads, so the
        /// merge does not hash a hundred thousand names again to find those read in several repos.
        var namesRead: [Set<String>]
        let literals = FindingBuffer<Literal>()
        var skipped: [Skip] = []
        var warnings: [ScanWarning] = []
        /// Files that may build an env object (they touch the environment), for EnvObjectFollower.
        var envObjectCandidates: [WalkedFile] = []
        var filesScanned = 0
        var bytesScanned = 0
        var notSecretLike = 0
        var allowedCount = 0
        /// Per variable name, whether its class is a secret's (for environment defaults).
        var secretNames: [String: Bool] = [:]
        /// Environment defaults already judged, by value and name (`recordDefault`).
        var defaultDecisions = DefaultDecisions()

        init(engine: ScanEngine, roots: [Root]) {
            self.engine = engine
            self.roots = roots
            namesRead = Array(repeating: [], count: roots.count)
            var byFamily: [Language.Family: ReaderDetector] = [:]
            var filters: [Language.Family: FilePrefilter] = [:]
            for family in Language.Family.allCases {
                let detector = ReaderDetector(rules: engine.rules.readers.filter { $0.families.contains(family) })
                byFamily[family] = detector
                filters[family] = FilePrefilter(readers: detector, contextKeywords: ContextFinders.forFamily(family).keywords,
                                                envObjectWord: EnvObjectFollower.prefilterWord(family))
            }
            readerRules = byFamily
            prefilters = filters
            classifier = LiteralClassifier(rules: engine.rules, fingerprinter: engine.fingerprinter)
        }

        func process(_ file: WalkedFile, events: ScanEventSink) {
            let repo = roots[file.rootIndex].name
            func skip(_ reason: SkipReason, _ detail: String?) {
                let skip = Skip(repo: repo, path: file.relativePath, reason: reason, detail: detail)
                skipped.append(skip)
                events(.skipped(skip))
            }
            switch buffer.read(file.absolutePath, maxSize: engine.options.maxFileSize) {
            case .refused(let refusal): return skip(refusal.skipReason, refusal.detail)
            case .ok: break
            }
            if buffer.looksBinary { return skip(.binary, nil) }
            filesScanned += 1
            bytesScanned += buffer.count
            scanContents(buffer.bytes, file: file, repo: repo, events: events)
        }

        /// Git readers of staged blobs, by root index; started on first use.
        var blobReaders: [Int: BlobReader] = [:]

        /// A staged file: its blob, read from the index into the same buffer a file goes to.
        func process(_ file: WalkedFile, blob: StagedSelection.Blob, events: ScanEventSink) {
            let repo = roots[file.rootIndex].name
            func skip(_ reason: SkipReason, _ detail: String?) {
                let skip = Skip(repo: repo, path: file.relativePath, reason: reason, detail: detail)
                skipped.append(skip)
                events(.skipped(skip))
            }
            let reader = blobReaders[file.rootIndex] ?? BlobReader(root: roots[file.rootIndex].path)
            blobReaders[file.rootIndex] = reader
            guard reader.read(blob.id, size: blob.size, into: buffer) else { return skip(.unreadable, "git cat-file could not read the staged blob") }
            if buffer.looksBinary { return skip(.binary, nil) }
            filesScanned += 1
            bytesScanned += buffer.count
            scanContents(buffer.bytes, file: file, repo: repo, events: events)
        }

        func finishBlobs() {
            for reader in blobReaders.values { reader.finish() }
            blobReaders = [:]
        }

        func scanContents(_ bytes: UnsafeBufferPointer<UInt8>, file: WalkedFile, repo: String, events: ScanEventSink) {
            let family = file.language.family
            let detector = readerRules[family]!
            let contexts = ContextFinders.forFamily(family)
            let prefilter = prefilters[family]!.check(bytes)
            let keywordsPresent = prefilter.readers
            let wantReaders = keywordsPresent != 0, wantLiterals = prefilter.literals
            // A module that builds an env object reads the environment (a reader keyword) or, in
            // Python, declares a settings class; a byte test while the bytes are here says whether
            // it may build one, so EnvObjectFollower reads again only those.
            // A JavaScript module is tested on its tokens, below, once they are made.
            if family == .python && EnvObjectFollower.mayDefine(bytes, file, wordPresent: prefilter.envObjectWord) {
                envObjectCandidates.append(file)
            }
            // A JavaScript module of std-env's `env` reads the environment without a reader keyword.
            let importsStdEnv = family == .javascript && EnvObjectFollower.importsStdEnv(bytes, wordPresent: prefilter.envObjectWord)
            if importsStdEnv { envObjectCandidates.append(file) }
            guard wantReaders || wantLiterals else { return }

            var lexed = Tokenizers.forFamily(family).tokenize(bytes, scratch: lexScratch)
            defer { lexScratch.recycle(&lexed) }
            if family == .javascript && wantReaders && !importsStdEnv && EnvObjectFollower.mayDefine(lexed, bytes) {
                envObjectCandidates.append(file)
            }
            var lines: LineTable?
            func position(_ offset: Int) -> (line: Int, column: Int) {
                if lines == nil { lines = LineTable(bytes) }
                return lines!.position(of: offset)  // mutating: keeps a forward cursor
            }
            // Environment defaults (`process.env.X || "v"`): found from the readers' matches,
            // recorded with the file's other literals, in source order.
            var defaults: [LiteralSite] = []
            if wantReaders {
                let found = detector.find(in: bytes, lexed: lexed, scratch: matchScratch, present: keywordsPresent) { rule in
                    let warning = ScanWarning(repo: repo, path: file.relativePath, problem: .backtrackingLimit(rule: rule.id))
                    warnings.append(warning)
                    events(.warning(warning))
                }
                // Whether the file is a test: once per file, and only for a file with readers.
                let isTest = !found.isEmpty && engine.rules.isTest(file.relativePath, family, matchScratch)
                // Rules run one after another; a file's readers are reported in source order.
                for r in found.sorted(by: { ($0.offset, $0.name) < ($1.offset, $1.name) }) {
                    if !r.name.hasPrefix("*") { namesRead[file.rootIndex].insert(r.name) }   // not a convention (`*_FILE`)
                    let (line, column) = position(r.offset)
                    readers.append(Reader(name: r.name, repo: repo, path: file.relativePath, line: line, column: column,
                                          language: file.language.rawValue, rule: r.rule, test: isTest, via: r.via))
                    if r.matchEnd >= 0, let token = EnvDefaults.defaultToken(
                        of: detector.rules[r.ruleIndex], nameOffset: r.offset, matchEnd: r.matchEnd,
                        family: family, bytes: bytes, lexed: lexed) {
                        defaults.append(LiteralSite(tokenIndex: token, context: .envDefault, target: r.name))
                    }
                }
            }
            // Only a string of at least the minimum length (in bytes, which is at least its length
            // in characters) can be reported, constant or spanning lines (an interpolated one's
            // text lines): without one, the contexts are not needed.
            let minLength = engine.rules.minLength
            let longString = wantLiterals && lexed.tokens.contains(where: {
                $0.kind == .string && $0.valueEnd - $0.valueStart >= minLength
                    && (!$0.interpolated || LiteralLines.isMultiLine(UnsafeBufferPointer(rebasing: bytes[$0.valueStart..<$0.valueEnd])))
            })
            if longString || !defaults.isEmpty {
                // With an allow marker in the file, every measured literal is a candidate an allow
                // may cover; they are matched once the file's literals are known.
                let withAllows = prefilter.allowMarker
                var candidates: [AllowComments.Candidate] = [], recordedFor: [Range<Int>] = []
                let contextSites = longString ? contexts.sites(in: lexed.tokens, bytes) : []
                for site in defaults.isEmpty ? contextSites : EnvDefaults.merged(contextSites, defaults) {
                    let token = lexed.tokens[site.tokenIndex]
                    if site.context == .envDefault {
                        let span = withAllows ? (first: position(token.start).line, last: position(max(token.start, token.end - 1)).line) : nil
                        let firstRecorded = literals.count
                        recordDefault(token, site, bytes, file: file, repo: repo, lines: &lines)
                        if let span {
                            candidates.append(.init(tokenIndex: site.tokenIndex, firstLine: span.first, lastLine: span.last))
                            recordedFor.append(firstRecorded..<literals.count)
                        }
                        continue
                    }
                    let valueRange = token.valueStart..<token.valueEnd
                    let value = UnsafeBufferPointer(rebasing: bytes[valueRange])
                    // A multi-line literal: its secret-like lines, each where it stands. With none,
                    // the literal is judged whole, as before (prose, `--all-literals`). An
                    // interpolated one is not a constant: only its lines of text without any code
                    // of `${…}` / `\(…)` / `{…}` are looked at, and it is never judged whole.
                    let multiLine = valueRange.count >= minLength && LiteralLines.isMultiLine(value)
                    if token.interpolated && !multiLine { continue }
                    // Where the literal starts and ends, before its lines are placed (the line
                    // table answers fastest in source order); only allows need it.
                    let span = withAllows ? (first: position(token.start).line, last: position(max(token.start, token.end - 1)).line) : nil
                    // The literals recorded for this site are appended one after another: their
                    // range, not an array of indices (no allocation per site).
                    let firstRecorded = literals.count
                    var measured = false
                    if multiLine {
                        var textLines = LiteralLines.Iterator(bytes, valueRange)
                        while let lineRange = textLines.next() {
                            if token.interpolated && !lexed.isText(lineRange) { continue }
                            let text = UnsafeBufferPointer(rebasing: bytes[lineRange])
                            guard let verdict = classifier.classify(text, target: site.target, scratch: matchScratch), verdict.secretLike else { continue }
                            measured = true
                            record(lineRange, at: lineRange.lowerBound, verdict, site, bytes, file: file, repo: repo, lines: &lines)
                        }
                    }
                    if literals.count == firstRecorded && !token.interpolated, let verdict = classifier.classify(value, target: site.target, scratch: matchScratch) {
                        measured = true
                        if verdict.secretLike || engine.options.allLiterals {
                            record(valueRange, at: token.start, verdict, site, bytes, file: file, repo: repo, lines: &lines)
                        } else {
                            notSecretLike += 1
                        }
                    }
                    if let span, measured {
                        candidates.append(.init(tokenIndex: site.tokenIndex, firstLine: span.first, lastLine: span.last))
                        recordedFor.append(firstRecorded..<literals.count)
                    }
                }
                if withAllows && recordedFor.contains(where: { !$0.isEmpty }) {
                    applyAllows(candidates, recordedFor, lexed: lexed, bytes: bytes, lines: &lines, file: file, repo: repo, events: events)
                }
            }
        }

        /// Marks the literals the file's allow comments accept (every line recorded of a covered
        /// multi-line literal); an allow without a reason accepts nothing and is a warning naming
        /// the comment's line.
        private func applyAllows(_ candidates: [AllowComments.Candidate], _ recordedFor: [Range<Int>], lexed: LexedFile,
                                 bytes: UnsafeBufferPointer<UInt8>, lines: inout LineTable?, file: WalkedFile,
                                 repo: String, events: ScanEventSink) {
            if lines == nil { lines = LineTable(bytes) }
            let order = candidates.indices.sorted { candidates[$0].tokenIndex < candidates[$1].tokenIndex }
            let allows = AllowComments(tokens: lexed.tokens, bytes: bytes, lines: &lines!)
            for (sorted, allow) in allows.assign(order.map { candidates[$0] }).sorted(by: { $0.key < $1.key }) {
                let indices = recordedFor[order[sorted]]
                guard !indices.isEmpty else { continue }
                if let reason = allow.reason {
                    for index in indices { literals.update(index) { $0.allowReason = reason } }
                    allowedCount += indices.count
                } else {
                    let warning = ScanWarning(repo: repo, path: file.relativePath, line: allow.firstLine,
                                              problem: .allowWithoutReason(literalLine: candidates[order[sorted]].firstLine))
                    warnings.append(warning)
                    events(.warning(warning))
                }
            }
        }
    }
}

extension ScanEngine.Worker {
    /// Appends the literal `bytes[range]` found at `offset`: its place, fingerprint and hint (an
    /// allow comment marks it later, by index). A method with its state passed
    /// `inout`, not a closure in `scanContents`: a closure capturing the file's line table made
    /// every access to it a dynamic exclusivity check.
    func record(_ range: Range<Int>, at offset: Int, _ verdict: LiteralClassifier.Verdict, _ site: LiteralSite,
                _ bytes: UnsafeBufferPointer<UInt8>, file: WalkedFile, repo: String, lines: inout LineTable?,
                placeholder: Bool? = nil, fingerprint: String? = nil, hint: String? = nil) {
        let value = UnsafeBufferPointer(rebasing: bytes[range])
        if lines == nil { lines = LineTable(bytes) }
        let (line, column) = lines!.position(of: offset)
        literals.append(Literal(
            repo: repo, path: file.relativePath, line: line, column: column, length: verdict.length,
            context: site.context.rawValue, target: site.target,
            fingerprint: fingerprint ?? engine.fingerprinter.fingerprint(value), hint: hint ?? Fingerprinter.hint(value),
            issuer: verdict.issuer, entropy: verdict.entropy, secretLike: verdict.secretLike,
            language: file.language.rawValue, allowReason: nil, placeholder: placeholder))
    }
}

extension ScanEngine.Worker {
    /// An environment variable's default (`process.env.X || "v"`): measured at any length (it is
    /// tied to a name, so `min-length`, which keeps short strings of unknown purpose out, does
    /// not apply). A placeholder (`changeme`, a localhost URL) is never secret-like. Another value
    /// is secret-like when the classifier says so — by an issuer's prefix or a secret-like rule at
    /// any length, by entropy only from `min-length` up (under it, entropy says little: "15
    /// minutes" scores 3.1) — or when the name is a secret's and the value could be a credential
    /// (`JWT_SECRET || "dev-secret-1"` is the secret every deployment that forgot the variable
    /// runs with; "5 seconds", `true` or a bare word under a name the rules call a secret's is
    /// not). Recorded when secret-like, or a placeholder of a secret's name (the inventory shows
    /// it, `literal-equals-stored` finds a store still holding it). The rest (`PORT || "3000"`,
    /// `API_URL || "https://…"`) is configuration, treated as a constructor literal that is not
    /// secret-like: counted (and shown by `--all-literals`) when at least `min-length` long.
    func recordDefault(_ token: Token, _ site: LiteralSite, _ bytes: UnsafeBufferPointer<UInt8>,
                       file: WalkedFile, repo: String, lines: inout LineTable?) {
        let range = token.valueStart..<token.valueEnd
        let value = UnsafeBufferPointer(rebasing: bytes[range])
        // The same value under the same name is decided once per worker (DefaultDecisions).
        let key = DefaultDecisions.Key(value: Array(value), name: site.target ?? "")
        let decision: DefaultDecisions.Decision
        if let known = defaultDecisions.decision(for: key) {
            decision = known
        } else {
            decision = decideDefault(value, name: key.name, target: site.target)
            defaultDecisions.remember(decision, for: key)
        }
        switch decision.action {
        case .drop: return
        case .countNotSecretLike: notSecretLike += 1
        case .record:
            guard let verdict = decision.verdict else { return }
            record(range, at: token.start, verdict, site, bytes, file: file, repo: repo, lines: &lines,
                   placeholder: decision.placeholder, fingerprint: decision.fingerprint, hint: decision.hint)
        }
    }

    /// `recordDefault`'s judgement of one value under one name, before it is remembered.
    func decideDefault(_ value: UnsafeBufferPointer<UInt8>, name: String, target: String?) -> DefaultDecisions.Decision {
        guard var verdict = classifier.classify(value, target: target, scratch: matchScratch, minLength: 1) else {
            return .init(action: .drop, verdict: nil, placeholder: nil)
        }
        let long = verdict.length >= engine.rules.minLength
        let byValue = DefaultJudgement.byValue(verdict, minLength: engine.rules.minLength)
        let secretName = isSecretName(name)
        // Only a value that may be recorded needs the placeholder test (DefaultJudgement: the
        // declarations' defaults are judged the same way).
        guard secretName || byValue || (long && engine.options.allLiterals) else {
            return .init(action: long ? .countNotSecretLike : .drop, verdict: verdict, placeholder: nil)
        }
        let judged = DefaultJudgement.judge(value, verdict, secretName: secretName, rules: engine.rules, scratch: matchScratch)
        let placeholder = judged.placeholder
        verdict.secretLike = judged.secretLike
        if !(verdict.secretLike || (placeholder && secretName)) {
            guard long else { return .init(action: .drop, verdict: verdict, placeholder: placeholder) }
            guard engine.options.allLiterals else { return .init(action: .countNotSecretLike, verdict: verdict, placeholder: placeholder) }
        }
        return .init(action: .record, verdict: verdict, placeholder: placeholder,
                     fingerprint: engine.fingerprinter.fingerprint(value), hint: Fingerprinter.hint(value))
    }

    /// Whether the rules class the name as a secret's (`describe(name:)`), asked once per name per worker.
    func isSecretName(_ name: String) -> Bool {
        if let known = secretNames[name] { return known }
        let isSecret = engine.rules.describe(name: name).secretClass?.isSecret ?? false
        secretNames[name] = isSecret
        return isSecret
    }
}

enum ContextFinders {
    static let javascript = JavaScriptContexts.finder
    static let python = PythonContexts()
    static let swift = SwiftContexts.finder

    static func forFamily(_ family: Language.Family) -> any LiteralContextFinder {
        switch family {
        case .javascript: return javascript
        case .python: return python
        case .swift: return swift
        }
    }
}

/// Where each file's findings sit in its worker's arrays, by file index. Each index is written
/// by exactly one worker, so no lock is needed.
final class FilePlacement: @unchecked Sendable {  // one writer per index, read after the join
    struct Entry { var worker = 0; var readers = 0..<0; var literals = 0..<0 }
    // A raw buffer, not an Array: concurrent writes to distinct elements of an Array property
    // would trip Swift's exclusivity checks.
    private let storage: UnsafeMutableBufferPointer<Entry>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: Entry())
    }

    deinit { storage.deallocate() }

    var entries: UnsafeMutableBufferPointer<Entry> { storage }

    func record(file: Int, worker: Int, readers: Range<Int>, literals: Range<Int>) {
        storage[file] = Entry(worker: worker, readers: readers, literals: literals)
    }
}

/// Hands out batches of file indices to workers.
final class WorkCounter: Sendable {
    private let next = LockBox(0)

    func claim(_ batch: Int, of total: Int) -> Range<Int>? {
        next.withLock { next in
            guard next < total else { return nil }
            let start = next
            next = min(total, next + batch)
            return start..<next
        }
    }
}
