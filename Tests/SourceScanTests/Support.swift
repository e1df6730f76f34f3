import Foundation
@_exported import TestSupport
@testable import SourceScan

/// Paths and helpers shared by the scanner tests.
enum Fixtures {
    static let packageRoot = FixturePaths.packageRoot
    static func path(_ relative: String) -> String { FixturePaths.path(relative) }

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

