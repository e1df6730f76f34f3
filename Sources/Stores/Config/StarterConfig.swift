import Declarations
import Foundation
import SourceScan

/// `secretmap init`: a first secretmap.yml inferred from what the repos declare (the article's
/// Phase 0, discover first). Every inference carries its evidence as a comment, for a person to
/// confirm; nothing is guessed where the repos say nothing.
public struct StarterConfig {
    public struct Environment { public var name: String; public var ssm: String?; public var secretsManager: String?; public var github: String?; public var evidence: [String] }

    public var repos: [(name: String, path: String, github: String?)] = []
    public var environments: [Environment] = []
    public var githubEnvironments: [String: [String]] = [:]     // env name → evidence
    public var vault: (mount: String, paths: [String], evidence: [String])?
    /// Developers' local env files (ignored by git) beside an env example: the env-file store.
    public var envFiles: [(path: String, evidence: String)] = []
    /// Env files in the tree that git does not ignore (`.env.test`, `.env.development`):
    /// fixtures, named in a comment so nobody configures them as a store.
    public var committedEnvFiles: [String] = []
    /// What redeploys each repository (workflows, fly.toml, render.yaml, railway.toml, Helm
    /// charts, compose files), as found by the declaration sources: comments for a person to
    /// confirm, and what the rotation runbooks say to run.
    public var deployUnits: [DeployUnit] = []
    /// Per repo, the `secrets.X` names its workflows use and where the first one is: the reason
    /// for a `github:` store even when the checkout has no GitHub remote to name it.
    public var workflowSecrets: [String: (names: Set<String>, evidence: String)] = [:]
    /// Per repo, where it first declares a Vercel variable (vercel.json's `env`, `vercel env
    /// add`): the reason for a `vercel:` store, whose project the repo does not name.
    public var vercelEvidence: [String: String] = [:]
    /// Fly.io apps named by the repos' fly.toml (`app = "…"`), with where.
    public var flyApps: [(app: String, evidence: String)] = []

    /// `roots` as given on the command line; `relativeTo` is the folder the config will live in.
    public init(roots: [Root], declared: DeclarationResult, relativeTo base: String) {
        let baseURL = URL(fileURLWithPath: base).standardizedFileURL
        for root in roots {
            let absolute = URL(fileURLWithPath: root.path).standardizedFileURL
            repos.append((root.name, Self.relative(absolute, to: baseURL), Self.githubRemote(absolute.path)))
        }
        // SSM and Secrets Manager prefixes: the folder part of every store path the repos name.
        var ssm: [String: [String]] = [:], sm: [String: [String]] = [:]
        for d in declared.declarations {
            guard let path = d.storePath, d.store == .ssm || d.store == .secretsManager else { continue }
            guard let slash = path.lastIndex(of: "/") else { continue }
            let prefix = String(path[...slash])
            guard !prefix.contains("$"), prefix != "/" else { continue }
            if d.store == .ssm { ssm[prefix, default: []].append("\(d.repo)/\(d.path):\(d.line)") }
            else { sm[prefix, default: []].append("\(d.repo)/\(d.path):\(d.line)") }
        }
        for (prefix, evidence) in ssm.sorted(by: { $0.key.count < $1.key.count || ($0.key.count == $1.key.count && $0.key < $1.key) }) {
            let name = Self.environmentName(prefix, taken: environments.map(\.name))
            environments.append(Environment(name: name, ssm: prefix, secretsManager: nil, github: nil, evidence: Array(Set(evidence)).sorted()))
        }
        for (prefix, evidence) in sm.sorted(by: { $0.key < $1.key }) {
            let name = Self.environmentName(prefix, taken: [])
            if let i = environments.firstIndex(where: { $0.name == name }) {
                environments[i].secretsManager = prefix
                environments[i].evidence += Array(Set(evidence)).sorted()
            } else {
                environments.append(Environment(name: name, ssm: nil, secretsManager: prefix, github: nil, evidence: Array(Set(evidence)).sorted()))
            }
        }
        for d in declared.declarations where d.kind == .workflowSecret || d.kind == .workflowVariable {
            guard let env = d.environment else { continue }
            githubEnvironments[env, default: []].append("\(d.repo)/\(d.path):\(d.line)")
        }
        for (env, evidence) in githubEnvironments {
            if let i = environments.firstIndex(where: { $0.name == env }) { environments[i].github = env; environments[i].evidence += Array(Set(evidence)).sorted() }
        }
        let vaultDecls = declared.declarations.filter { $0.kind == .bootstrapVault }
        if !vaultDecls.isEmpty {
            let paths = Set(vaultDecls.compactMap(\.storePath)).sorted()
            let mount = paths.first.flatMap { $0.split(separator: "/").first.map(String.init) } ?? "secret"
            let folders = Set(paths.map { p in p.split(separator: "/").dropFirst().dropLast().joined(separator: "/") }).filter { !$0.isEmpty }.sorted()
            vault = (mount, folders, Array(Set(vaultDecls.map { "\($0.repo)/\($0.path):\($0.line)" })).sorted())
        }
        deployUnits = declared.deployUnits
        for d in declared.declarations where d.kind == .workflowSecret {
            workflowSecrets[d.repo, default: ([], "\(d.repo)/\(d.path):\(d.line)")].names.insert(d.name)
        }
        for d in declared.declarations.sorted(by: { ($0.repo, $0.path, $0.line) < ($1.repo, $1.path, $1.line) })
        where d.store?.storeKind == .vercel && vercelEvidence[d.repo] == nil {
            vercelEvidence[d.repo] = "\(d.repo)/\(d.path):\(d.line)"
        }
        for unit in deployUnits where unit.path == "fly.toml" || unit.path.hasSuffix("/fly.toml") {
            guard let root = roots.first(where: { $0.name == unit.repo }),
                  case .success(let text) = FileGate.readText(root.path + "/" + unit.path, within: root.path, maxSize: 1024 * 1024),
                  let (app, line) = Self.flyApp(text), !flyApps.contains(where: { $0.app == app }) else { continue }
            flyApps.append((app, "\(unit.repo)/\(unit.path):\(line)"))
        }
        // An env file the walk read is not ignored by git: committed (or about to be), so a
        // fixture of development or test values, not a store. The developers' store is the
        // ignored `.env` beside an example, which the walk never reads: looked for by name.
        for d in declared.declarations where d.kind == .envFile {
            let file = "\(d.repo)/\(d.path)"
            if !committedEnvFiles.contains(file) { committedEnvFiles.append(file) }
        }
        for d in declared.declarations where d.kind == .envExample {
            guard let root = roots.first(where: { $0.name == d.repo }) else { continue }
            let folder = d.path.split(separator: "/").dropLast().joined(separator: "/")
            for name in Self.developerEnvFileNames {
                let rel = folder.isEmpty ? name : folder + "/" + name
                // A link named .env is not offered as a store.
                guard !committedEnvFiles.contains("\(d.repo)/\(rel)"), FileGate.isRegularFileNotLink(root.path + "/" + rel) else { continue }
                let path = Self.relative(URL(fileURLWithPath: root.path + "/" + rel).standardizedFileURL, to: baseURL)
                if !envFiles.contains(where: { $0.path == path }) { envFiles.append((path, "beside \(d.repo)/\(d.path), ignored by git")) }
            }
        }
    }

    /// The local env files developers keep beside an example (dotenv's and Next.js's names for
    /// files that hold this machine's values).
    static let developerEnvFileNames = [".env", ".env.local"]

    /// fly.toml's top-level `app = "name"` (before the first table) and its line; a name that is
    /// not a plain app name (letters, digits, `-`) is not taken.
    static func flyApp(_ text: String) -> (String, Int)? {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: [" ", "\t", "\r"])
            if line.hasPrefix("[") { return nil }
            guard line.hasPrefix("app"), let eq = line.firstIndex(of: "="), line[..<eq].trimmingCharacters(in: [" ", "\t"]) == "app" else { continue }
            let value = line[line.index(after: eq)...].trimmingCharacters(in: [" ", "\t", "\"", "'"])
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
            return (value, index + 1)
        }
        return nil
    }

    /// `/planb-staging/` → staging; `/planb/` → production; other words are kept as they are.
    static func environmentName(_ prefix: String, taken: [String]) -> String {
        let lower = prefix.lowercased()
        for (word, name) in [("staging", "staging"), ("stage", "staging"), ("admin", "admin"), ("dev", "development"), ("test", "test"), ("qa", "qa"), ("prod", "production")]
        where lower.contains(word) { return name }
        return taken.contains("production") ? prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/")).replacingOccurrences(of: "/", with: "-") : "production"
    }

    static func relative(_ url: URL, to base: URL) -> String {
        let a = url.pathComponents, b = base.pathComponents
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        let path = Array(repeating: "..", count: b.count - i) + a[i...]
        return path.isEmpty ? "." : path.joined(separator: "/")
    }

    /// `owner/name` of the checkout's GitHub origin, from .git/config.
    static func githubRemote(_ root: String) -> String? {
        guard case .success(let text) = FileGate.readText(root + "/.git/config", within: root, maxSize: 1024 * 1024) else { return nil }
        for line in text.split(separator: "\n") where line.contains("url =") && line.contains("github.com") {
            var url = line.split(separator: "=", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
            if let r = url.range(of: "github.com") { url = String(url[r.upperBound...]) }
            url = url.trimmingCharacters(in: CharacterSet(charactersIn: ":/"))
            if url.hasSuffix(".git") { url.removeLast(4) }
            return url
        }
        return nil
    }

    /// `schemaLine`: the `# yaml-language-server: $schema=…` comment, first so editors find it.
    public func yaml(schemaLine: String? = nil) -> String {
        var out = schemaLine.map { $0 + "\n" } ?? ""
        out += """
        # secretmap.yml — written by `secretmap init` from what the repositories declare.
        # Every value below was inferred; the comments say from where. Confirm each one, then run
        # `secretmap stores` to check secretmap can read them.

        repos:

        """
        for r in repos {
            out += "  - { name: \(r.name), path: \(quote(r.path)) }\(r.github.map { "   # GitHub: \($0)" } ?? "")\n"
            out += deployComments(r.name)
        }
        out += "\nenvironments:\n"
        if environments.isEmpty { out += "  {}   # no SSM or Secrets Manager path found in the repos: add yours\n" }
        for e in environments {
            var fields: [String] = []
            if let s = e.ssm { fields.append("ssm: \(s)") }
            if let s = e.secretsManager { fields.append("secrets_manager_prefix: \(s)") }
            if let g = e.github { fields.append("github_environment: \(g)") }
            out += "  \(e.name): { \(fields.joined(separator: ", ")) }\n"
            for ev in e.evidence.prefix(3) { out += "    # evidence: \(ev)\n" }
        }
        out += "\nstores:\n  aws: { region: eu-west-1 }   # set your region and profile; iam: true lists who can read\n"
        if environments.contains(where: { $0.secretsManager != nil }) { out += "  secrets_manager: {}\n" }
        out += githubStore()
        out += vercelStore()
        if !flyApps.isEmpty {
            // Commented, as the file's first run must read without credentials: every read of
            // an app needs FLY_API_TOKEN.
            out += "  # fly: { apps: [\(flyApps.map(\.app).joined(separator: ", "))] }   # uncomment with FLY_API_TOKEN set; or fly_app per environment\n"
            for f in flyApps.prefix(3) { out += "    # evidence: \(Printable.escape(f.evidence))\n" }
        }
        if let v = vault {
            out += "  vault: { cli: bao, mount: \(v.mount), paths: [\(v.paths.joined(separator: ", "))] }\n"
            for ev in v.evidence.prefix(3) { out += "    # evidence: \(ev)\n" }
        }
        if !envFiles.isEmpty {
            out += "  env_files:\n"
            for f in envFiles { out += "    - { path: \(quote(f.path)) }   # \(f.evidence)\n" }
        }
        if !committedEnvFiles.isEmpty {
            let listed = committedEnvFiles.prefix(5).joined(separator: ", ") + (committedEnvFiles.count > 5 ? " and \(committedEnvFiles.count - 5) more" : "")
            out += "  # not stores: \(listed) (not ignored by git: committed fixtures; their names are read as declarations)\n"
        }
        out += """
          # postgres:                      # per-tenant credentials, if the application keeps them
          #   url_env: DATABASE_URL
          #   query: select tenant_id, name, created_at, updated_at from private.secrets

        owners:
          "*": platform                    # glob → owner; the first match wins

        fingerprint_key: { env: SECRETMAP_FINGERPRINT_KEY }   # or { file: PATH } outside every repo

        """
        return out
    }

    /// The repository's deploy units as comments under its entry (the first few: a monorepo may
    /// have dozens of workflows).
    func deployComments(_ repo: String) -> String {
        let units = deployUnits.filter { $0.repo == repo }
        guard !units.isEmpty else { return "    # deploys: nothing found (no deploy workflow, fly.toml, render.yaml, railway.toml, Helm chart or compose file)\n" }
        var out = units.prefix(5).map { "    # deploys: \(Printable.escape($0.how))   (evidence: \(Printable.escape("\($0.repo)/\($0.path)")))\n" }.joined()
        if units.count > 5 { out += "    # deploys: and \(units.count - 5) more\n" }
        return out
    }

    /// `stores.github` when a checkout has a GitHub remote, its workflows use `secrets.X` or
    /// GitHub environments: the remotes' `owner/name`s; a checkout with secrets but no remote gets
    /// a comment saying what to fill in, rather than a made-up repository the read would fail on.
    func githubStore() -> String {
        let named = repos.compactMap(\.github)
        let unnamed = repos.filter { $0.github == nil && workflowSecrets[$0.name] != nil }.map(\.name)
        guard !named.isEmpty || !unnamed.isEmpty || !githubEnvironments.isEmpty else { return "" }
        let fill = "the GitHub OWNER/REPO of \(unnamed.isEmpty ? "your repository" : unnamed.joined(separator: ", ")) (no GitHub remote in the checkout)"
        var out = named.isEmpty ? "  # github: { repos: [OWNER/REPO] }   # fill in \(fill), then uncomment\n"
                                : "  github: { repos: [\(named.joined(separator: ", "))] }\n"
        for repo in repos.map(\.name) {
            guard let used = workflowSecrets[repo] else { continue }
            out += "    # evidence: \(repo)'s workflows use \(used.names.count) secrets.X name\(used.names.count == 1 ? "" : "s") (first at \(Printable.escape(used.evidence)))\n"
        }
        if !named.isEmpty, !unnamed.isEmpty { out += "    # add to repos: \(fill)\n" }
        return out
    }

    /// A commented `stores.vercel` when a repo declares Vercel variables: the project's name or
    /// id is not in the repository (`.vercel/` is ignored by git), so a person fills it in.
    func vercelStore() -> String {
        guard !vercelEvidence.isEmpty else { return "" }
        let repos = repos.map(\.name).filter { vercelEvidence[$0] != nil }
        var out = "  # vercel: { projects: [PROJECT] }   # fill in the Vercel project of \(repos.joined(separator: ", ")) (VERCEL_TOKEN), then uncomment\n"
        for repo in repos { out += "    # evidence: \(Printable.escape(vercelEvidence[repo] ?? ""))\n" }
        return out
    }

    func quote(_ s: String) -> String { s.contains(" ") || s.contains(":") ? "\"\(s)\"" : s }
}
