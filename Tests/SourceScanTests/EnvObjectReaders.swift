import Foundation
import XCTest
@testable import SourceScan

extension XCTestCase {
    /// Scans a tree written from `files` (path → text) and returns its env-object readers as
    /// `NAME path:line:column via` (and ` test` for a test file's): shared by the env-object tests.
    func objectReaders(_ files: [String: String]) throws -> [String] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-envobj-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        let result = try Fixtures.scan([Root(name: "app", path: root)])
        return result.readers.filter { $0.rule == EnvObjectFollower.rule }
            .map { "\($0.name) \($0.path):\($0.line):\($0.column) \($0.via ?? "-")\($0.isTest ? " test" : "")" }
    }
}
