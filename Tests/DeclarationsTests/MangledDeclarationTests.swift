import Foundation
import XCTest
@testable import Declarations
import SourceScan

/// Every declaration parser on mangled copies of the fixtures (truncated, bytes flipped to quotes,
/// braces, colons, backslashes, invalid UTF-8): it may warn, it must not crash or hang. Debug
/// builds check every index, so an out-of-range access fails the test.
final class MangledDeclarationTests: XCTestCase {
    static let interesting = Array("\"'`\\{}()[]$#/*\n\r\t=|?:;,.-< >!&%@".utf8) + [0xC3, 0xFF, 0x80, 0x00]

    func testMangledDeclarationFilesNeverCrash() throws {
        let fixtures = FixturePaths.packageRoot.appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(atPath: fixtures.path)!.compactMap { $0 as? String }.sorted()
        let root = Root(name: "t", path: fixtures.path)
        var rng = SplitMix64(seed: 20261127)
        var parsedFiles = 0
        for rel in files where !rel.contains("node_modules") {
            let name = (rel as NSString).lastPathComponent
            guard let index = DeclarationSources.claiming(name: name, path: rel),
                  let original = FileManager.default.contents(atPath: fixtures.appendingPathComponent(rel).path) else { continue }
            parsedFiles += 1
            for round in 0..<40 {
                var bytes = Array(original)
                if round % 3 == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1)))) }
                for _ in 0..<(1 + round % 6) where !bytes.isEmpty {
                    bytes[Int(rng.next() % UInt64(bytes.count))] = Self.interesting[Int(rng.next() % UInt64(Self.interesting.count))]
                }
                let file = DeclarationFile(source: SourceFile(repo: "t", path: rel), name: name, root: root,
                                           absolutePath: fixtures.appendingPathComponent(rel).path,
                                           fingerprinter: Fixtures.fingerprinter, maxFileSize: 5 * 1024 * 1024)
                let parsed = DeclarationSources.all[index].declarations(in: String(decoding: bytes, as: UTF8.self), file)
                for d in parsed.declarations { XCTAssertGreaterThan(d.line, 0, "\(rel) round \(round): \(d.name)") }
            }
        }
        XCTAssertGreaterThan(parsedFiles, 40, "the fixtures hold every declaration source")
    }
}
