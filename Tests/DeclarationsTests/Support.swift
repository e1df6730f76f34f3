import Foundation
@testable import Declarations
import SourceScan
@_exported import TestSupport

/// Paths and a one-line rendering of declarations, so tests compare exact names, files and lines.
enum Fixtures {
    static func path(_ relative: String) -> String { FixturePaths.path(relative) }

    /// A fixed key, so fingerprints in assertions do not depend on the environment.
    static let fingerprinter = Fingerprinter(key: "secretmap-tests")

    static func declared(_ roots: [(String, String)]) -> DeclarationResult {
        DeclarationScanner(fingerprinter: fingerprinter).scan(roots.map { Root(name: $0.0, path: path($0.1)) })
    }

    /// Declarations in a temporary tree (absolute path), as one root named `t`.
    static func declared(in tree: TempTree) -> DeclarationResult {
        DeclarationScanner(fingerprinter: fingerprinter).scan([Root(name: "t", path: tree.path)])
    }
}

extension Declaration {
    /// `kind NAME repo/path:line` and whatever else is known, in a fixed order.
    var line_: String {
        var parts = ["\(kind.rawValue) \(name) \(repo)/\(path):\(line)"]
        if commented == true { parts.append("commented") }
        if let job { parts.append("job=\(job)") }
        if let environment { parts.append("env=\(environment)") }
        if let alias { parts.append("alias=\(alias)") }
        if let store { parts.append("store=\(store)") }
        if let storePath { parts.append("at=\(storePath)") }
        if let jsonKey { parts.append("key=\(jsonKey)") }
        if let hint { parts.append("hint=\(hint)") }
        return parts.joined(separator: " ")
    }
}

extension DeclarationResult {
    func lines(_ kinds: Set<Declaration.Kind>? = nil) -> [String] {
        declarations.filter { kinds?.contains($0.kind) ?? true }.map(\.line_)
    }
}
