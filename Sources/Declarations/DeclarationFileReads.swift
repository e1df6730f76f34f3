import Dispatch
import SourceScan

/// What one walked file gave its source: read through the gate as bytes, tried against the
/// source's byte prefilter, and only then decoded and parsed.
struct FileDeclarations {
    /// The gate refused the file: a skip with its reason, and nothing of the file was read.
    var refused: Skip?
    var parsed = Parsed()
    var deployUnit: DeployUnit?
    var references: [TaskDefinitions.Reference] = []
}

extension DeclarationScanner {
    /// Reads and parses `files` on `threads` workers (files claimed a few at a time, so one large
    /// file does not hold the others back). Each file's outcome lands at its own index: merged in
    /// walk order afterwards, the result is the one a single thread gives, whatever the timing.
    func readAll(_ files: [SelectedFile<Int>], roots: [Root], threads: Int) -> [FileDeclarations] {
        // nonisolated(unsafe): each worker writes only the indexes it claimed; read after all end.
        nonisolated(unsafe) let outcomes = UnsafeMutableBufferPointer<FileDeclarations>.allocate(capacity: files.count)
        outcomes.initialize(repeating: FileDeclarations())
        defer { outcomes.deinitialize(); outcomes.deallocate() }
        let next = LockBox(0)
        let workers = max(1, min(threads, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let range: Range<Int>? = next.withLock { start in
                    guard start < files.count else { return nil }
                    defer { start = min(files.count, start + 4) }
                    return start..<min(files.count, start + 4)
                }
                guard let range else { return }
                for i in range {
                    outcomes[i] = read(files[i], root: roots[files[i].rootIndex])
                    progress?.fileScanned()
                }
            }
        }
        return Array(outcomes)
    }

    /// One file: the gate's bytes (within its root), the source's prefilter on them, then the
    /// parse of the decoded text (invalid UTF-8 replaced) when the prefilter lets it through.
    private func read(_ file: SelectedFile<Int>, root: Root) -> FileDeclarations {
        let source = SourceFile(repo: root.name, path: file.relativePath)
        var out = FileDeclarations()
        let bytes: [UInt8]
        switch FileGate.read(file.absolutePath, within: root.path, maxSize: maxFileSize) {
        case .success(let read): bytes = read
        case .failure(let refusal):
            out.refused = Skip(repo: source.repo, path: source.path, reason: refusal.skipReason, detail: refusal.detail)
            return out
        }
        let reader = DeclarationSources.all[file.tag]
        let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
        guard bytes.withUnsafeBytes({ reader.prefilter.mayDeclare($0, name: name) }) else { return out }
        let text = String(decoding: bytes, as: UTF8.self)
        out.parsed = reader.declarations(in: text, DeclarationFile(source: source, name: name, root: root, absolutePath: file.absolutePath,
                                                                 fingerprinter: fingerprinter, maxFileSize: maxFileSize,
                                                                 defaults: defaults))
        out.deployUnit = reader.deployUnit(in: text, source)
        out.references = reader.taskDefinitionReferences(in: text)
        return out
    }
}
