import Foundation
@testable import SourceScan

/// Paths and helpers shared by the scanner tests.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent("Fixtures/" + relative).path }

    /// A fixed key, so fingerprints in assertions do not depend on the environment.
    static let fingerprinter = Fingerprinter(key: "secretmap-tests")

    static func scan(_ roots: [Root], allLiterals: Bool = false, threads: Int = 2, minLength: Int? = nil,
                     configure: (inout ScanOptions) -> Void = { _ in }) throws -> ScanResult {
        var rules = try RuleSet.builtIn()
        if let minLength { rules.setMinLength(minLength) }
        var options = ScanOptions()
        options.allLiterals = allLiterals
        options.threads = threads
        configure(&options)
        return ScanEngine(rules: rules, options: options, fingerprinter: fingerprinter).scan(roots)
    }

    static var planbRoots: [Root] {
        ["web", "lambda", "worker", "api"].map { Root(name: $0, path: path("planb/" + $0)) }
    }
}

extension Reader {
    var line_: String { "\(name) \(repo)/\(path):\(line):\(column)" }
}

extension Literal {
    var line_: String { "\(repo)/\(path):\(line):\(column) \(context) \(target ?? "-") \(length) \(issuer ?? "-")\(secretLike ? "" : " not-secret-like")" }
}

/// A temporary folder tree for walker tests, removed at deinit.
final class TempTree {
    let root: URL

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var path: String { root.path }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        let url = root.appendingPathComponent(relative)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    func writeBytes(_ relative: String, _ bytes: [UInt8]) {
        let url = root.appendingPathComponent(relative)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(bytes).write(to: url)
    }

    func link(_ relative: String, to target: String) {
        let url = root.appendingPathComponent(relative)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }
}
