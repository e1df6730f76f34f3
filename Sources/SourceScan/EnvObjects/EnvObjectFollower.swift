import CSupport
import Dispatch

/// After the scan: the env objects scanned modules build (EnvObject) and their property reads in
/// the files that import them, as readers (`rule: env-object`, `via: "env (src/env.mjs:4)"`).
///
/// It costs nothing on a tree without one: modules are looked at only when the scan saw them
/// touch the environment (a reader keyword, or `BaseSettings` in Python), and only the files of
/// a root that holds an object are searched for its importers, by a byte search (the module's
/// name, `settings`) before anything is tokenized. An object whose fields read another object
/// (a class over a proxy of `process.env`) is found in a second round, from the first round's
/// readers.
struct EnvObjectFollower {
    static let rule = "env-object"
    let roots: [Root]
    let files: [WalkedFile]
    let maxFileSize: Int
    let threads: Int
    /// `scan --staged`: the index's blobs, read instead of the working tree.
    var staged: StagedBlobs? = nil

    /// The readers through env objects, not already among `readers`.
    func follow(candidates allCandidates: [WalkedFile], readers: [Reader]) -> [Reader] {
        // The workers kept only the files that pass `mayDefine`: with none, not even an index of
        // the readers is built.
        let candidates = allCandidates
        guard !candidates.isEmpty else { return [] }
        var byFile: [FileKey: [Reader]] = [:]
        for r in readers { byFile[FileKey(repo: r.repo, path: r.path), default: []].append(r) }
        var known = Set(readers.map(ReaderKey.init))
        var found: [Reader] = []
        func add(_ new: [Reader]) {
            for r in new where known.insert(ReaderKey(r)).inserted {
                found.append(r)
                byFile[FileKey(repo: r.repo, path: r.path), default: []].append(r)
            }
        }

        // Python: settings classes of all candidates, then Django modules, then their reads.
        let python = candidates.filter { $0.language.family == .python }
        var classes: [PythonEnvObjects.ClassDefinition] = [], pythonObjects: [EnvObject] = []
        var texts: [String: String] = [:]
        for file in python {
            guard let text = read(file) else { continue }
            texts["\(file.rootIndex)/\(file.relativePath)"] = text
            classes += PythonEnvObjects.classes(text, path: file.relativePath, root: file.rootIndex)
            if PythonEnvObjects.isDjangoSettings(file.relativePath),
               let django = PythonEnvObjects.djangoSettings(text, path: file.relativePath, root: file.rootIndex,
                                                           readers: byFile[key(file)] ?? []) {
                pythonObjects.append(django)
            }
        }
        let settings = PythonEnvObjects.settingsObjects(classes)
        pythonObjects = settings + pythonObjects
        if !pythonObjects.isEmpty {
            let names = Set(settings.flatMap(\.bindings))
            let instances = Set(python.flatMap { texts["\($0.rootIndex)/\($0.relativePath)"].map { PythonEnvObjects.instances($0, of: names) } ?? [] })
            for object in settings {
                let via = object.evidence(as: object.bindings[0])
                add(PythonEnvObjects.fieldReads(object, classes).map {
                    Reader(name: $0.variable, repo: roots[object.root].name, path: object.path, line: $0.line, column: $0.column,
                           language: "python", rule: Self.rule, via: via)
                })
                if let text = texts["\(object.root)/\(object.path)"] {
                    add(PythonEnvObjects.selfReads(object, classes, code: CodeTokens(text, family: .python)).map {
                        Reader(name: $0.variable, repo: roots[object.root].name, path: object.path, line: $0.at.line,
                               column: $0.at.column, language: "python", rule: Self.rule, via: via)
                    })
                }
            }
            add(pythonReads(pythonObjects, instances: instances))
        }

        // JavaScript: objects of the candidates, their importers; then again for the modules
        // whose own reads the first round found (a class whose fields read a proxy).
        var seen = Set<String>()
        var objects: [EnvObject] = []
        func define(_ new: [EnvObject], language: String) {
            for object in new where seen.insert("\(object.root)/\(object.path)#\(object.bindings[0])").inserted {
                objects.append(object)
                add(schemaReads(object, readers: byFile[FileKey(repo: roots[object.root].name, path: object.path)] ?? [], language: language))
            }
        }
        let passOne = byFile
        let built = inParallel(candidates.filter { $0.language.family == .javascript }) { file -> [([EnvObject], String, [Reader])] in
            guard let bytes = readBytes(file) else { return [] }
            let (exports, stdEnv) = bytes.withUnsafeBufferPointer { (Self.contains($0, Self.export), Self.contains($0, Self.stdEnvWord)) }
            guard exports || stdEnv else { return [] }
            let code = CodeTokens(String(decoding: bytes, as: UTF8.self), family: .javascript)
            let objects = exports ? JavaScriptEnvObjects.definitions(code, path: file.relativePath, root: file.rootIndex,
                                                                     readers: passOne[key(file)] ?? []) : []
            // std-env's `env` read in place is a proxy of the environment (StdEnvImports).
            let direct = stdEnv ? StdEnvImports.directReads(code, names: StdEnvImports.environmentNames(code),
                                                            path: file.relativePath, root: file.rootIndex) : []
            let own = (JavaScriptEnvImports.ownReads(code, objects: objects) + direct).map { read in
                Reader(name: read.variable, repo: roots[file.rootIndex].name, path: file.relativePath, line: read.at.line,
                       column: read.at.column, language: file.language.rawValue, rule: Self.rule,
                       via: read.object.evidence(as: read.object.bindings[0]))
            }
            return objects.isEmpty && own.isEmpty ? [] : [(objects, file.language.rawValue, own)]
        }
        for (objects, language, own) in built { define(objects, language: language); add(own) }
        for round in 0..<3 where !objects.isEmpty {
            let results = javaScriptReads(objects, readersByFile: byFile, parameters: round == 0)
            objects = []
            for result in results { add(result.readers) }
            for result in results where !result.objects.isEmpty { define(result.objects, language: result.language) }
        }
        return found
    }

    /// Readers at a schema's keys, for a module that hands `process.env` whole to a validator
    /// (zod, envalid, t3-env without a `runtimeEnv` read of the name): the key is where it is read.
    func schemaReads(_ object: EnvObject, readers: [Reader], language: String) -> [Reader] {
        guard [.zod, .envalid, .t3Env].contains(object.form), let properties = object.properties else { return [] }
        let readHere = Set(readers.map(\.name))
        return properties.sorted { $0.key < $1.key }.flatMap { _, p in
            p.variables.filter { !readHere.contains($0) }.map {
                Reader(name: $0, repo: roots[object.root].name, path: object.path, line: p.line, column: p.column,
                       language: language, rule: Self.rule, via: object.evidence(as: object.bindings[0] == "default" ? "env" : object.bindings[0]))
            }
        }
    }

    /// Reads of `objects` in the JavaScript files of their roots that import them; and the objects
    /// an importer builds from what it reads (a class whose fields read a proxy of `process.env`),
    /// from the same tokens. `parameters`: also the reads of parameters that are the environment
    /// by their type (EnvParameters), in the same files (the first round's roots).
    func javaScriptReads(_ objects: [EnvObject], readersByFile: [FileKey: [Reader]], parameters: Bool = false)
        -> [(readers: [Reader], objects: [EnvObject], language: String)] {
        let byRoot = Dictionary(grouping: objects, by: \.root)
        // An import of src/env.mjs names `/env` (`~/env`, `./env`, `@/src/env.mjs`).
        let needles = byRoot.mapValues { objects in Set(objects.map { Array(("/" + stem($0.path)).utf8) }) }
        let targets = files.filter { $0.language.family == .javascript && byRoot[$0.rootIndex] != nil }
        let modulesByRoot = byRoot.mapValues { JavaScriptEnvImports.Modules(Array(Set($0.map(\.path))).sorted()) }
        return inParallel(targets) { file in
            guard let bytes = readBytes(file) else { return [] }
            let (imports, typed) = bytes.withUnsafeBufferPointer { b in
                (needles[file.rootIndex]!.contains { Self.contains(b, $0) }, parameters && EnvParameters.mayHold(b))
            }
            guard imports || typed else { return [] }
            let code = CodeTokens(String(decoding: bytes, as: UTF8.self), family: .javascript)
            let objects = byRoot[file.rootIndex]!
            let modules = modulesByRoot[file.rootIndex]!
            var out: [Reader] = []
            for binding in imports ? JavaScriptEnvImports.imports(code) : [] {
                guard let module = JavaScriptEnvImports.resolve(binding.specifier, from: file.relativePath, among: modules) else { continue }
                for (object, member) in JavaScriptEnvImports.targets(binding, module: module, among: objects) {
                    for read in JavaScriptEnvImports.reads(code, local: binding.local, member: member, object: object, siblings: objects) {
                        out.append(Reader(name: read.variable, repo: roots[file.rootIndex].name, path: file.relativePath,
                                          line: read.at.line, column: read.at.column, language: file.language.rawValue,
                                          rule: Self.rule, via: object.evidence(as: binding.local)))
                    }
                }
            }
            let typedReads = typed ? EnvParameters.reads(code, path: file.relativePath, root: file.rootIndex).map { read in
                Reader(name: read.variable, repo: roots[file.rootIndex].name, path: file.relativePath, line: read.at.line,
                       column: read.at.column, language: file.language.rawValue, rule: Self.rule,
                       via: read.object.evidence(as: read.object.bindings[0]))
            } : []
            let exports = imports && bytes.withUnsafeBufferPointer { Self.contains($0, Self.export) }
            // A module that hands the object on (`export { env } from "./env"`) is one too.
            let handedOn = exports ? JavaScriptReExports.objects(code, path: file.relativePath, root: file.rootIndex, among: objects) : []
            guard !out.isEmpty || !handedOn.isEmpty || !typedReads.isEmpty else { return [] }
            let built = exports && !out.isEmpty
                ? JavaScriptEnvObjects.definitions(code, path: file.relativePath, root: file.rootIndex,
                                                   readers: (readersByFile[key(file)] ?? []) + out) : []
            return [(out + typedReads, handedOn + built, file.language.rawValue)]
        }
    }

    static let export = Array("export".utf8)
    /// A module that imports std-env's `env` (StdEnvImports) reads the environment without a
    /// reader keyword: the workers keep it by this word.
    static let stdEnvWord = Array(StdEnvImports.package.utf8)

    /// What a JavaScript module that builds an env object says, one of which it must contain
    /// (a plain object is `export const NAME = {` / `export default {`, tested apart).

    static let settings = Array("Settings".utf8)
    static let settingsPathWord = Array("settings".utf8)

    /// `PythonEnvObjects.isDjangoSettings`, asked of every Python file: its substring searches go
    /// through Foundation (CFString), so a path without `settings` in its bytes is answered first.
    static func mayBeDjangoSettings(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { TestPathRule.contains($0, settingsPathWord) } && PythonEnvObjects.isDjangoSettings(path)
    }

    /// The word `mayDefine` looks for in a family's bytes, searched for in the worker's keyword
    /// pass (FilePrefilter) instead of a pass of its own.
    static func prefilterWord(_ family: Language.Family) -> [UInt8]? {
        switch family {
        case .python: return settings
        case .javascript: return stdEnvWord
        case .swift: return nil
        }
    }

    /// Whether a JavaScript module imports std-env (`prefilterWord`), when the worker's keyword
    /// pass did not say.
    static func importsStdEnv(_ b: UnsafeBufferPointer<UInt8>, wordPresent: Bool?) -> Bool {
        wordPresent ?? contains(b, stdEnvWord)
    }

    /// The cheap test the scan's workers run on a file's bytes while they hold them: whether the
    /// module may build an env object (what such a module must contain), so that most files that
    /// read the environment are never read again.
    /// `wordPresent`: whether the family's `prefilterWord` occurs, when the worker's keyword pass
    /// already said (it searches for it with the reader keywords, in the same pass over the bytes).
    static func mayDefine(_ b: UnsafeBufferPointer<UInt8>, _ file: WalkedFile, wordPresent: Bool? = nil) -> Bool {
        switch file.language.family {
        case .python: return (wordPresent ?? contains(b, settings)) || mayBeDjangoSettings(file.relativePath)
        case .javascript: return mayDefineJavaScript(b)
        case .swift: return false
        }
    }

    /// What a JavaScript module that builds an env object contains: `createEnv`, `cleanEnv`,
    /// `(process.env)`, `(process.env,`, `= process.env;` or at a line's end, `export default new`,
    /// or an exported object literal. Three passes over the bytes, not one per form (a file that
    /// reads the environment is searched on every scan): `Env` with `create`/`clean` before it,
    /// `process.env` with its neighbours, `export ` with what follows.
    static func mayDefineJavaScript(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if firstHit(of: env, in: b, where: { at in
            precededBy(b, at, create) || precededBy(b, at, clean)
        }) { return true }
        if firstHit(of: processEnv, in: b, where: { at in
            let end = at + processEnv.count
            guard end < b.count else { return false }
            let next = b[end]
            if at >= 1, b[at - 1] == 0x28, next == 0x29 || next == 0x2C { return true }            // (process.env) (process.env,
            if at >= 2, b[at - 2] == 0x3D, b[at - 1] == 0x20, next == 0x3B || next == 0x0A { return true }  // = process.env; / \n
            return false
        }) { return true }
        return exportsObjectLiteral(b)
    }

    static let env = Array("Env".utf8), create = Array("create".utf8), clean = Array("clean".utf8)
    static let processEnv = Array("process.env".utf8)

    static func precededBy(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: [UInt8]) -> Bool {
        at >= word.count && b[(at - word.count)..<at].elementsEqual(word)
    }

    /// Whether some occurrence of `needle` satisfies `test` (given its offset).
    static func firstHit(of needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, where test: (Int) -> Bool) -> Bool {
        guard let base = b.baseAddress else { return false }
        var at = 0
        while at < b.count, let hit = secretmap_memmem(base + at, b.count - at, needle, needle.count) {
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if test(offset) { return true }
            at = offset + 1
        }
        return false
    }

    /// `export const NAME = {`, `export const NAME: Type = {`, `export default {`, `export default new`
    /// somewhere in the bytes.
    static func exportsObjectLiteral(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        let needle = Array("export ".utf8)
        var at = 0
        while at < b.count, let hit = secretmap_memmem(base + at, b.count - at, needle, needle.count) {
            var p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + needle.count
            at = p
            func skipSpaces() { while p < b.count, b[p] == 0x20 || b[p] == 0x09 { p += 1 } }
            func word(_ w: String) -> Bool {
                let bytes = Array(w.utf8)
                guard p + bytes.count <= b.count, b[p..<(p + bytes.count)].elementsEqual(bytes) else { return false }
                p += bytes.count
                return true
            }
            skipSpaces()
            if word("default") {
                skipSpaces()
                if p < b.count, b[p] == 0x7B { return true }
                if word("new") { return true }
                continue
            }
            guard word("const") || word("let") || word("var") else { continue }
            // The name and an optional type, to the `=` on the same line.
            var limit = 0
            while p < b.count, b[p] != 0x3D, b[p] != 0x0A, limit < 200 { p += 1; limit += 1 }
            guard p + 1 < b.count, b[p] == 0x3D, b[p + 1] != 0x3D else { continue }
            p += 1
            skipSpaces()
            if p < b.count, b[p] == 0x7B { return true }
        }
        return false
    }

    /// Reads of settings objects in the Python files of their roots.
    func pythonReads(_ objects: [EnvObject], instances: Set<String>) -> [Reader] {
        var defined: [Int: [String: (EnvObject, EnvObject.Property)]] = [:]
        for object in objects {
            for (name, property) in object.properties ?? [:] where defined[object.root]?[name] == nil {
                defined[object.root, default: [:]][name] = (object, property)
            }
        }
        let byRoot = defined
        let needles = [Array("settings".utf8), Array("Settings".utf8)] + instances.map { Array($0.utf8) }
        let targets = files.filter { $0.language.family == .python && byRoot[$0.rootIndex] != nil }
        return inParallel(targets) { file in
            guard let bytes = readBytes(file), bytes.withUnsafeBufferPointer({ b in needles.contains { Self.contains(b, $0) } }) else { return [] }
            let code = CodeTokens(String(decoding: bytes, as: UTF8.self), family: .python)
            return PythonEnvObjects.reads(code, properties: byRoot[file.rootIndex]!, instances: instances).map { read in
                Reader(name: read.variable, repo: roots[file.rootIndex].name, path: file.relativePath, line: read.at.line,
                       column: read.at.column, language: file.language.rawValue, rule: Self.rule,
                       via: read.object.evidence(as: read.object.form == .django ? "settings" : read.object.bindings[0]))
            }
        }
    }

    /// The name an import of the module ends with: `env` for src/env.mjs, `env.server` for
    /// app/env.server.ts, the folder's name for an index file.
    func stem(_ path: String) -> String {
        let parts = JavaScriptEnvImports.withoutExtension(path).split(separator: "/")
        guard let last = parts.last else { return path }
        return last == "index" && parts.count > 1 ? String(parts[parts.count - 2]) : String(last)
    }

    func inParallel<T>(_ targets: [WalkedFile], _ body: @Sendable (WalkedFile) -> [T]) -> [T] {
        let results = LockBox<[[T]]>(Array(repeating: [], count: targets.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, targets.count))) { worker in
            var i = worker
            while i < targets.count {
                let found = body(targets[i])
                if !found.isEmpty { results.withLock { $0[i] = found } }
                i += max(1, min(threads, targets.count))
            }
        }
        return results.withLock { $0.flatMap { $0 } }
    }

    func read(_ file: WalkedFile) -> String? {
        readBytes(file).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Through the gate, as the scan read it (a file it refused was reported there); in a
    /// staged scan, the blob the index holds.
    func readBytes(_ file: WalkedFile) -> [UInt8]? {
        if let staged { return staged.bytes(of: file) }
        return try? FileGate.read(file.absolutePath, within: roots[file.rootIndex].path, maxSize: maxFileSize).get()
    }

    func key(_ file: WalkedFile) -> FileKey { FileKey(repo: roots[file.rootIndex].name, path: file.relativePath) }

    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = bytes.baseAddress, !needle.isEmpty else { return false }
        return secretmap_memmem(base, bytes.count, needle, needle.count) != nil
    }

    struct FileKey: Hashable { var repo: String; var path: String }

    struct ReaderKey: Hashable {
        var name: String, repo: String, path: String, line: Int
        init(_ r: Reader) { name = r.name; repo = r.repo; path = r.path; line = r.line }
    }
}
