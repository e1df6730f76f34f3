import TestSupport
import XCTest
@testable import SourceScan

/// The walker sorts a folder's entries as the paths under them sort (a folder as `name/`), so a
/// walk comes out in path byte order and the scan can skip its own sort.
final class PathOrderTests: XCTestCase {
    func testEntriesSortAsThePathsBelowThem() {
        var rng = SplitMix64(seed: 9)
        let alphabet = Array("a.-_ 0Zé".unicodeScalars)
        for _ in 0..<3000 {
            func entry() -> (name: String, folder: Bool) {
                var name = ""
                for _ in 0..<(1 + Int(rng.next() % 4)) { name.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
                return (name, rng.next() % 2 == 0)
            }
            let a = entry(), b = entry()
            guard a.name != b.name else { continue }
            // A path below each: a folder's files start with its name and a slash.
            let pathA = a.folder ? a.name + "/x" : a.name, pathB = b.folder ? b.name + "/x" : b.name
            XCTAssertEqual(a.name.pathPrecedes(b.name, selfIsFolder: a.folder, otherIsFolder: b.folder),
                           pathA.utf8Precedes(pathB), "\(a) vs \(b)")
        }
    }

    func testAWalkListsFilesInPathOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-order-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for path in ["a/z.ts", "a.ts", "a-b/c.py", "a b/d.swift", "a0/e.js", "b.ts", "a/b/c.ts", "a/b.ts"] {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "x\n".write(toFile: full, atomically: false, encoding: .utf8)
        }
        let walked = Walker().walk([Root(name: "r", path: root)]).files.map(\.relativePath)
        XCTAssertEqual(walked, ["a b/d.swift", "a-b/c.py", "a.ts", "a/b.ts", "a/b/c.ts", "a/z.ts", "a0/e.js", "b.ts"])
        XCTAssertEqual(walked, walked.sorted { $0.utf8Precedes($1) })
    }
}

/// Languages by file name, read from the name's bytes.
final class LanguageByNameTests: XCTestCase {
    func testExtensions() {
        let cases: [String: Language?] = [
            "a.js": .javascript, "a.jsx": .javascript, "a.mjs": .javascript, "a.cjs": .javascript,
            "a.ts": .typescript, "a.d.ts": .typescript, "a.tsx": .typescript, "a.mts": .typescript, "a.cts": .typescript,
            "a.py": .python, "a.pyi": .python, "App.swift": .swift, "é.swift": .swift,
            ".ts": nil, ".env": nil, "ts": nil, "a.": nil, "a.TS": nil, "a.json": nil, "a.jsonl": nil, "a.py.bak": nil,
            "a.sw": nil, "a.swiftx": nil, "": nil, "..py": .python,
        ]
        for (name, expected) in cases { XCTAssertEqual(Language(fileName: name), expected, name) }
    }
}
