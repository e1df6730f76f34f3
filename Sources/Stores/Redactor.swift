import Foundation
import SourceScan

/// Removes from a text every piece of a credential or value this run has seen, as a second line
/// of defence behind `FailureCategory` (which never repeats a tool's words): store values read
/// with `--fingerprint-values`, the password and query of every URL the stores are reached by,
/// and the process environment's credential variables.
///
/// "Every piece": any run of `window` characters that also occurs in a seen value is removed, so
/// a tool that quotes part of a password (psql quotes the percent-encoded token alone), or cuts
/// a token short, is caught too. A value shorter than the window is removed where it occurs whole.
public final class Redactor: Sendable {
    public static let window = 6
    /// Values shorter than this are too common to hide ("true", a port number) and are ignored.
    static let shortest = 4
    static let marker = "***"

    /// The values seen, and their pieces by length (the window, or a shorter value whole): the
    /// pieces are built on the first redaction after a value was added, as thousands of values
    /// give many pieces.
    private struct State { var seen: Set<String> = []; var pieces: [Int: Set<String>]? }
    private let state = LockBox(State())

    public init() {}

    public func add(_ value: String) {
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.count >= Self.shortest else { return }
        state.withLock { if $0.seen.insert(value).inserted { $0.pieces = nil } }
    }

    /// The credentials a URL carries: the password of its userinfo (a user alone, as in
    /// `https://TOKEN@host`, is a token), and the values of its query, raw and percent-decoded.
    public func addCredentials(ofURL text: String) {
        guard let scheme = text.range(of: "://") else { return }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            let secret = userinfo.firstIndex(of: ":").map { userinfo[userinfo.index(after: $0)...] } ?? userinfo
            addRawAndDecoded(String(secret))
        }
        if let question = text.firstIndex(of: "?") {
            let query = text[text.index(after: question)...].prefix { $0 != "#" }
            for pair in query.split(separator: "&") {
                addRawAndDecoded(String(pair.split(separator: "=", maxSplits: 1).last ?? pair))
            }
        }
    }

    private func addRawAndDecoded(_ value: String) {
        add(value)
        if let decoded = value.removingPercentEncoding, decoded != value { add(decoded) }
    }

    /// Environment variables that hold credentials by name, and every variable whose value is
    /// a URL with credentials in it.
    public func addCredentials(fromEnvironment environment: [String: String]) {
        for (name, value) in environment {
            if Self.isCredentialVariable(name) { add(value) }
            if value.contains("://") { addCredentials(ofURL: value) }
        }
    }

    static let credentialVariables: Set<String> = [
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "VAULT_TOKEN", "BAO_TOKEN",
        "GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "SECRETMAP_FINGERPRINT_KEY", "DATABASE_URL",
    ]
    /// PG* variables that name a place or a setting, not a credential (PGPASSWORD and the rest are).
    static let plainPostgresVariables: Set<String> = [
        "PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGCONNECT_TIMEOUT", "PGSSLMODE", "PGAPPNAME", "PGDATA",
        "PGTZ", "PGCLIENTENCODING", "PGOPTIONS", "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "PGSYSCONFDIR", "PGLOCALEDIR",
        "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY", "PGSSLCRL", "PGTARGETSESSIONATTRS", "PGGSSENCMODE", "PGREQUIRESSL",
    ]

    static func isCredentialVariable(_ name: String) -> Bool {
        if credentialVariables.contains(name) { return true }
        if name.hasPrefix("PG") { return !plainPostgresVariables.contains(name) }
        let upper = name.uppercased()
        return ["_TOKEN", "_SECRET", "_PASSWORD", "_SECRET_KEY", "_DATABASE_URL", "_API_KEY"].contains { upper.hasSuffix($0) }
    }

    /// `text` with every run of characters that is a piece of a seen value replaced by `***`.
    public func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        let pieces = currentPieces()
        guard !pieces.isEmpty else { return text }
        let chars = Array(text)
        var hidden = [Bool](repeating: false, count: chars.count)
        for (width, set) in pieces where width <= chars.count {
            for start in 0...(chars.count - width) where set.contains(String(chars[start..<start + width])) {
                for i in start..<start + width { hidden[i] = true }
            }
        }
        var out = ""
        var i = 0
        while i < chars.count {
            if hidden[i] {
                out += Self.marker
                while i < chars.count, hidden[i] { i += 1 }
            } else {
                out.append(chars[i]); i += 1
            }
        }
        return out
    }

    private func currentPieces() -> [Int: Set<String>] {
        state.withLock { state in
            if let pieces = state.pieces { return pieces }
            var built: [Int: Set<String>] = [:]
            for value in state.seen {
                let v = Array(value)
                let width = min(Self.window, v.count)
                for start in 0...(v.count - width) { built[width, default: []].insert(String(v[start..<start + width])) }
            }
            state.pieces = built
            return built
        }
    }
}

/// URLs as printed: without the credentials of their userinfo (`https://***@ghe.example/…`).
public enum URLText {
    public static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + Redactor.marker + String(rest[at...])
    }
}
