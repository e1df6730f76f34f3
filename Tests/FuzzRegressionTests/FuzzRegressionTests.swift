import Foundation
import FuzzTargets
import TestSupport
import XCTest

/// Every input the fuzzer ever kept (Tests/FuzzRegressions/<target>/), replayed through its target
/// on every `swift test`: a crash found once stays fixed. The fixtures that seed each target are
/// replayed too, so every target runs even before the fuzzer has kept anything.
final class FuzzRegressionTests: XCTestCase {
    func testEveryKeptInputAndEverySeedRunsClean() throws {
        let root = FixturePaths.packageRoot
        let fm = FileManager.default
        var replayed: [String: Int] = [:]
        for target in FuzzTargets.names {
            let folder = root.appendingPathComponent("Tests/FuzzRegressions/\(target)")
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasPrefix(".") {
                try replay(target, folder.appendingPathComponent(name))
                replayed[target, default: 0] += 1
            }
        }
        let seeds: [String: (String) -> Bool] = [
            "javascript": { $0.hasSuffix(".js") || $0.hasSuffix(".ts") || $0.hasSuffix(".mjs") },
            "readers": { $0.hasSuffix(".js") || $0.hasSuffix(".py") || $0.hasSuffix(".swift") },
            "python": { $0.hasSuffix(".py") }, "swift": { $0.hasSuffix(".swift") },
            "yaml-workflow": { $0.contains("workflows/") }, "env-file": { $0.contains(".env") },
            "task-definition": { $0.contains("task-def") }, "script": { $0.hasSuffix(".sh") || $0.hasSuffix("Makefile") },
            "hcl": { $0.hasSuffix(".tf") }, "compose": { $0.contains("compose") || $0.hasSuffix("Dockerfile") },
            "kubernetes": { $0.contains("deploy/") && $0.hasSuffix(".yaml") },
            "tools": { $0.hasSuffix("package.json") || $0.hasSuffix(".prisma") },
        ]
        let fixtures = root.appendingPathComponent("Fixtures")
        let files = fm.enumerator(atPath: fixtures.path)!.compactMap { $0 as? String }.filter { !$0.contains("node_modules") }.sorted()
        for (target, picks) in seeds.sorted(by: { $0.key < $1.key }) {
            let chosen = files.filter(picks)
            XCTAssertFalse(chosen.isEmpty, "no seed fixture for \(target)")
            for rel in chosen { try replay(target, fixtures.appendingPathComponent(rel)) }
        }
        XCTAssertEqual(Set(seeds.keys), Set(FuzzTargets.names), "every fuzz target has seeds")
    }

    func replay(_ target: String, _ file: URL) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), !isDir.boolValue else { return }
        let data = try Data(contentsOf: file)
        data.withUnsafeBytes { XCTAssertTrue(FuzzTargets.run(target, $0.bindMemory(to: UInt8.self))) }
    }
}
