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

    /// Progress for `--verbose` and warnings: called from worker threads, one line at a time.
    public typealias Report = @Sendable (String) -> Void

    public func scan(_ roots: [Root], warn: Report = { _ in }) -> ScanResult {
        let walked = Walker(options: options.walk).walk(roots)
        let workerCount = max(1, min(options.threads, walked.files.count))
        let workers = (0..<workerCount).map { _ in Worker(engine: self, roots: roots) }
        let next = WorkCounter()
        let files = walked.files
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            let worker = workers[w]
            while let range = next.claim(8, of: files.count) {
                for i in range { worker.process(files[i], warn: warn) }
            }
        }

        var result = ScanResult()
        result.fingerprintKeyId = fingerprinter.keyId
        result.summary.roots = roots.count
        result.summary.filesIgnored = walked.ignored
        result.summary.filesOtherLanguages = walked.otherLanguages
        result.skipped = walked.skipped
        for skip in walked.skipped { warn("\(skip.repo)/\(skip.path): skipped: \(skip.reason.phrase)\(skip.detail.map { " (\($0))" } ?? "")") }
        for worker in workers {
            result.readers += worker.readers
            result.literals += worker.literals
            result.skipped += worker.skipped
            result.warnings += worker.warnings
            result.summary.filesScanned += worker.filesScanned
            result.summary.bytesScanned += worker.bytesScanned
            result.summary.literalsNotSecretLike += worker.notSecretLike
        }
        result.readers.sort { ($0.repo, $0.path, $0.line, $0.column, $0.name) < ($1.repo, $1.path, $1.line, $1.column, $1.name) }
        result.literals.sort { ($0.repo, $0.path, $0.line, $0.column) < ($1.repo, $1.path, $1.line, $1.column) }
        result.skipped.sort { ($0.repo, $0.path) < ($1.repo, $1.path) }
        result.warnings.sort { ($0.repo, $0.path, $0.message) < ($1.repo, $1.path, $1.message) }
        for skip in result.skipped { result.summary.skipped[skip.reason.rawValue, default: 0] += 1 }
        result.duplicates = CrossRepo.duplicates(result.literals)
        result.sharedReaders = CrossRepo.sharedReaders(result.readers)
        return result
    }

    /// Per-thread state and results; only its own worker touches it during the scan.
    final class Worker: @unchecked Sendable {
        let engine: ScanEngine
        let roots: [Root]
        let buffer = FileBuffer()
        let lexScratch = LexScratch()
        let matchScratch = MatchScratch()
        let readerRules: [Language.Family: ReaderDetector]
        let classifier: LiteralClassifier
        var readers: [Reader] = []
        var literals: [Literal] = []
        var skipped: [Skip] = []
        var warnings: [ScanWarning] = []
        var filesScanned = 0
        var bytesScanned = 0
        var notSecretLike = 0

        init(engine: ScanEngine, roots: [Root]) {
            self.engine = engine
            self.roots = roots
            var byFamily: [Language.Family: ReaderDetector] = [:]
            for family in Language.Family.allCases {
                byFamily[family] = ReaderDetector(rules: engine.rules.readers.filter { $0.families.contains(family) })
            }
            readerRules = byFamily
            classifier = LiteralClassifier(rules: engine.rules, fingerprinter: engine.fingerprinter)
        }

        func process(_ file: WalkedFile, warn: Report) {
            let repo = roots[file.rootIndex].name
            func skip(_ reason: SkipReason, _ detail: String?) {
                skipped.append(Skip(repo: repo, path: file.relativePath, reason: reason, detail: detail))
                warn("\(repo)/\(file.relativePath): skipped: \(reason.phrase)\(detail.map { " (\($0))" } ?? "")")
            }
            switch buffer.read(file.absolutePath, maxSize: engine.options.maxFileSize) {
            case .tooLarge(let size): return skip(.tooLarge, "\(size) bytes")
            case .failed(let why): return skip(.unreadable, why)
            case .ok: break
            }
            if buffer.looksBinary { return skip(.binary, nil) }
            filesScanned += 1
            bytesScanned += buffer.count
            scanContents(buffer.bytes, file: file, repo: repo, warn: warn)
        }

        func scanContents(_ bytes: UnsafeBufferPointer<UInt8>, file: WalkedFile, repo: String, warn: Report) {
            let family = file.language.family
            let detector = readerRules[family]!
            let contexts = ContextFinders.forFamily(family)
            let wantReaders = ReaderDetector.anyKeyword(of: detector.rules, in: bytes)
            let wantLiterals = contexts.keywords.contains { ReaderDetector.contains(bytes, $0) }
            guard wantReaders || wantLiterals else { return }

            let lexed = Tokenizers.forFamily(family).tokenize(bytes, scratch: lexScratch)
            var lines: LineTable?
            func position(_ offset: Int) -> (line: Int, column: Int) {
                if lines == nil { lines = LineTable(bytes) }
                return lines!.position(of: offset)
            }
            if wantReaders {
                let found = detector.find(in: bytes, lexed: lexed, scratch: matchScratch) { rule in
                    let message = "rule '\(rule.id)' hit the PCRE2 backtracking limit; its matches in this file may be incomplete"
                    warnings.append(ScanWarning(repo: repo, path: file.relativePath, message: message))
                    warn("\(repo)/\(file.relativePath): \(message)")
                }
                for r in found {
                    let (line, column) = position(r.offset)
                    readers.append(Reader(name: r.name, repo: repo, path: file.relativePath, line: line, column: column,
                                          language: file.language.rawValue, rule: r.rule))
                }
            }
            if wantLiterals {
                for site in contexts.sites(in: lexed.tokens, bytes) {
                    let token = lexed.tokens[site.tokenIndex]
                    let value = UnsafeBufferPointer(rebasing: bytes[token.valueStart..<token.valueEnd])
                    guard let verdict = classifier.classify(value, scratch: matchScratch) else { continue }
                    if !verdict.secretLike && !engine.options.allLiterals { notSecretLike += 1; continue }
                    let (line, column) = position(token.start)
                    literals.append(Literal(
                        repo: repo, path: file.relativePath, line: line, column: column, length: verdict.length,
                        context: site.context.rawValue, target: site.target,
                        fingerprint: engine.fingerprinter.fingerprint(value), hint: Fingerprinter.hint(value),
                        issuer: verdict.issuer, entropy: verdict.entropy, secretLike: verdict.secretLike,
                        language: file.language.rawValue))
                }
            }
        }
    }
}

enum ContextFinders {
    static let javascript = JavaScriptContexts()
    static let python = PythonContexts()
    static let swift = SwiftContexts()

    static func forFamily(_ family: Language.Family) -> any LiteralContextFinder {
        switch family {
        case .javascript: return javascript
        case .python: return python
        case .swift: return swift
        }
    }
}

/// Hands out batches of file indices to workers.
final class WorkCounter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func claim(_ batch: Int, of total: Int) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < total else { return nil }
        let start = next
        next = min(total, next + batch)
        return start..<next
    }
}
