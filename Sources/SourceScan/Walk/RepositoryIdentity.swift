import Foundation

/// What a checkout is, wherever it sits on disk: a baseline keyed by it still matches in a clone
/// made in another folder (CI runners, a second worktree, a colleague's machine).
public enum RepositoryIdentity {
    /// The git remote `origin` of the work tree `root` is in, normalised to host/owner/name (no
    /// scheme, credentials, port, `.git` or trailing slash; lower case), plus `:path` when the root
    /// is a folder inside that work tree (a monorepo's packages are apart). nil without one.
    public static func fromOrigin(of root: String) -> String? {
        // The URL as configured: `remote get-url` would apply this machine's `insteadOf`
        // rewrites, and the identity must not depend on the machine.
        guard let url = try? GitProcess.run(in: root, ["config", "--get", "remote.origin.url"]), url.status == 0,
              let normalised = normalise(String(decoding: url.stdout, as: UTF8.self)) else { return nil }
        guard let prefix = try? GitProcess.run(in: root, ["rev-parse", "--show-prefix"]), prefix.status == 0 else { return nil }
        var inside = String(decoding: prefix.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        while inside.hasSuffix("/") { inside.removeLast() }
        return inside.isEmpty ? normalised : normalised + ":" + inside
    }

    /// `https://user:token@github.com/Org/Repo.git`, `git@github.com:org/repo.git` and
    /// `ssh://git@github.com:22/org/repo` all give `github.com/org/repo`; a local path gives
    /// `file:` and the path.
    public static func normalise(_ raw: String) -> String? {
        var s = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !s.isEmpty else { return nil }
        var host = ""
        if let scheme = s.range(of: "://") {
            let name = s[..<scheme.lowerBound].lowercased()
            s = s[scheme.upperBound...]
            if name == "file" { return local(String(s)) }
            let slash = s.firstIndex(of: "/") ?? s.endIndex
            var authority = s[..<slash]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }  // credentials
            if let colon = authority.lastIndex(of: ":") { authority = authority[..<colon] }  // port
            host = String(authority)
            s = s[slash...]
        } else if let colon = s.firstIndex(of: ":"), !s[..<colon].contains("/") {
            // scp-like: [user@]host:path
            var authority = s[..<colon]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            host = String(authority)
            s = s[s.index(after: colon)...]
        } else {
            return local(String(s))
        }
        if let cut = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<cut] }
        var path = s.split(separator: "/").joined(separator: "/")
        if path.hasSuffix(".git") { path.removeLast(4) }
        guard !host.isEmpty, !path.isEmpty else { return nil }
        return (host + "/" + path).lowercased()
    }

    private static func local(_ path: String) -> String? {
        var p = URL(fileURLWithPath: path).standardizedFileURL.path
        while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
        if p.hasSuffix(".git") { p.removeLast(4) }
        while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
        return p.isEmpty ? nil : "file:" + p
    }
}
