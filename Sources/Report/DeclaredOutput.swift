import Declarations
import SourceScan
import Foundation

/// `secretmap declared`: what the repositories say the system needs.
public enum DeclaredOutput {
    public static func text(_ result: DeclarationResult) -> String {
        var table = Table(header: ["NAME", "KIND", "WHERE", "DETAIL"])
        for d in result.declarations {
            var detail: [String] = []
            if d.commented == true { detail.append("commented") }
            if let job = d.job { detail.append("job \(job)") }
            if let image = d.thirdPartyImage { detail.append("read by image \(image)") }
            if let env = d.environment { detail.append("environment \(env)") }
            if let alias = d.alias { detail.append("aka \(alias)") }
            if let store = d.store, let p = d.storePath { detail.append("\(store) \(p)" + (d.jsonKey.map { " key \($0)" } ?? "")) }
            if let hint = d.hint { detail.append(hint) }
            table.rows.append([d.name, d.kind.rawValue, "\(d.repo)/\(d.path):\(d.line)", detail.joined(separator: ", ")])
        }
        let names = Set(result.declarations.map(\.name)).count
        return "Declared names: \(names) in \(result.declarations.count) places\n"
            + (result.declarations.isEmpty ? "" : table.text())
            + defaults(result.defaults)
    }

    /// The hard-coded defaults (compose, scripts, Dockerfiles): name, where, hint and what the
    /// value looks like; nothing when there are none. Never the value: the hint and fingerprint.
    static func defaults(_ literals: [Literal]) -> String {
        guard !literals.isEmpty else { return "" }
        var table = Table(header: ["NAME", "CONTEXT", "WHERE", "HINT", "DETAIL"])
        for l in literals {
            var detail: [String] = []
            if l.placeholder == true { detail.append("placeholder") } else if l.secretLike { detail.append("secret-like") }
            if let issuer = l.issuer { detail.append("issuer \(issuer)") }
            detail.append("\(l.length) chars")
            detail.append(l.fingerprint)
            table.rows.append([l.target ?? "?", l.context, "\(l.repo)/\(l.path):\(l.line)", l.hint, detail.joined(separator: ", ")])
        }
        return "\nHard-coded defaults: \(literals.count)\n" + table.text()
    }

    public static func json(_ result: DeclarationResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(result)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
