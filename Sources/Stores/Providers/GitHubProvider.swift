import Declarations
import Foundation
import Yams

/// GitHub Actions secrets of repositories, their environments and organisations: name,
/// created_at, updated_at (GitHub never returns values). Through the REST API with a token
/// (`GITHUB_TOKEN`, any API base URL: GitHub Enterprise, or the tests' local server), following
/// `Link: rel="next"` pages, with `curl`; or through `gh api --paginate` with the CLI's own login.
struct GitHubProvider {
    var config: SecretMapConfig.GitHub
    var runner: CommandRunner

    var apiBase: String { (config.apiURL ?? "https://api.github.com").trimmingCharacters(in: CharacterSet(charactersIn: "/")) }

    /// Which way to go: as configured; else REST when a token is set, else `gh`.
    var useCLI: Bool {
        if let via = config.via { return via == "gh" }
        return runner.environment[config.tokenEnv]?.isEmpty ?? true
    }

    func listRepository(_ repo: String, environment: String?, githubEnvironment: String?) -> StoreListing {
        let location = githubEnvironment.map { "\(repo)@\($0)" } ?? repo
        let path = githubEnvironment.map { "/repos/\(repo)/environments/\(Self.escape($0))/secrets" } ?? "/repos/\(repo)/actions/secrets"
        var l = listing(location: location, apiPath: path, environment: environment)
        if githubEnvironment == nil, l.complete {
            // Environments are listed with the repository; a failure here is a partial listing.
            do { l.githubEnvironments = try environments(repo) } catch {
                l.problem = "environments not listed: \(error)"
            }
        }
        return l
    }

    /// The repository's environments and their protection rules
    /// (GET /repos/{owner}/{repo}/environments): reviewers, wait timers, branch policies.
    func environments(_ repo: String) throws -> [GitHubEnvironment] {
        let pages = useCLI ? try viaCLI("/repos/\(repo)/environments") : try viaREST("/repos/\(repo)/environments")
        return pages.flatMap { $0["environments"] as? [[String: Any]] ?? [] }.compactMap { e in
            guard let name = e["name"] as? String else { return nil }
            var protections: [String] = []
            for rule in e["protection_rules"] as? [[String: Any]] ?? [] {
                switch rule["type"] as? String {
                case "required_reviewers": protections.append("required reviewers: \((rule["reviewers"] as? [Any])?.count ?? 0)")
                case "wait_timer": protections.append("wait timer: \(rule["wait_timer"] as? Int ?? 0) min")
                case "branch_policy": protections.append("branch policy")
                case let other?: protections.append(other)
                case nil: break
                }
            }
            if let policy = e["deployment_branch_policy"] as? [String: Any] {
                if policy["protected_branches"] as? Bool == true { protections.append("protected branches only") }
                else if policy["custom_branch_policies"] as? Bool == true { protections.append("custom branches only") }
            }
            return GitHubEnvironment(name: name, protections: protections)
        }.sorted { $0.name < $1.name }
    }

    func listOrganisation(_ org: String) -> StoreListing {
        listing(location: "org:\(org)", apiPath: "/orgs/\(org)/actions/secrets", environment: nil)
    }

    func listing(location: String, apiPath: String, environment: String?) -> StoreListing {
        var listing = StoreListing(kind: .github, location: location, environment: environment)
        do {
            let pages = useCLI ? try viaCLI(apiPath) : try viaREST(apiPath)
            for page in pages {
                for s in page["secrets"] as? [[String: Any]] ?? [] {
                    guard let name = s["name"] as? String else { continue }
                    var secret = StoredSecret(name: name, path: location + "/" + name)
                    secret.createdAt = StoreDate.iso(s["created_at"])
                    secret.lastModified = StoreDate.iso(s["updated_at"])
                    if let visibility = s["visibility"] as? String { secret.tags = ["visibility": visibility] }
                    listing.secrets.append(secret)
                }
            }
        } catch {
            return .failed(.github, location, environment: environment, "\(error)")
        }
        listing.secrets.sort { $0.name < $1.name }
        return listing
    }

    // MARK: REST

    func viaREST(_ apiPath: String) throws -> [[String: Any]] {
        guard let token = runner.environment[config.tokenEnv], !token.isEmpty else {
            throw CommandRunner.Failure(description: "GitHub: \(config.tokenEnv) is not set: export a token with secrets:read, or set via: gh")
        }
        var pages: [[String: Any]] = []
        var next: String? = apiBase + apiPath + "?per_page=100"
        var attempt = 0
        while let url = next, pages.count < 1000 {
            let (status, headers, body) = try HTTP.get(url, runner: runner, headers: [
                "Accept": "application/vnd.github+json", "Authorization": "Bearer \(token)",
                "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "secretmap",
            ])
            switch status {
            case 200:
                guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                    throw CommandRunner.Failure(description: "GitHub \(apiPath): the answer is not the documented JSON")
                }
                pages.append(object)
                next = Self.nextLink(headers["link"])
                attempt = 0
            case 401: throw CommandRunner.Failure(description: "GitHub: the token in \(config.tokenEnv) was refused (401): renew it")
            case 403 where headers["x-ratelimit-remaining"] == "0", 429:
                guard attempt < runner.retries else {
                    throw CommandRunner.Failure(description: "GitHub: rate limit reached, still after retries: run again after the reset")
                }
                CommandRunner.backOff(attempt)
                attempt += 1
            case 403: throw CommandRunner.Failure(description: "GitHub \(apiPath): access denied (403): the token needs secrets read access")
            case 404: throw CommandRunner.Failure(description: "GitHub \(apiPath): not found (404): check the name, or the token cannot see it")
            default: throw CommandRunner.Failure(description: "GitHub \(apiPath): HTTP \(status)")
            }
        }
        return pages
    }

    /// `<https://…?page=2>; rel="next", <…>; rel="last"` → the next page's URL.
    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count >= 2, pieces.dropFirst().contains(where: { $0 == "rel=\"next\"" }) else { continue }
            return pieces[0].trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        }
        return nil
    }

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? s }

    // MARK: gh

    func viaCLI(_ apiPath: String) throws -> [[String: Any]] {
        var args = ["api", "--paginate", "-H", "Accept: application/vnd.github+json", apiPath + "?per_page=100"]
        if let host = config.apiURL.flatMap({ URL(string: $0)?.host }), host != "api.github.com" { args += ["--hostname", host] }
        let data = try runner.run("gh", args)
        // --paginate prints one JSON object per page, back to back.
        return try JSONStream.objects(data).map { $0 }
    }
}

extension GitHubProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = [
        "github": .object(["repos": .list(.string), "orgs": .list(.string), "api_url": .string, "via": .string, "token_env": .string]),
    ]
    static let environmentKeys = ["github_environment"]
    static let kinds: [StoreKind] = [.github]

    static func section(_ stores: Node?, paths: ConfigPaths) -> SecretMapConfig.GitHub? {
        guard let g = stores?["github"] else { return nil }
        var github = SecretMapConfig.GitHub()
        github.repos = (g["repos"]?.sequence ?? []).compactMap(\.string)
        github.orgs = (g["orgs"]?.sequence ?? []).compactMap(\.string)
        github.apiURL = g["api_url"]?.string
        github.via = g["via"]?.string
        if let t = g["token_env"]?.string { github.tokenEnv = t }
        return github
    }

    /// Each repository, then its environments (those the config maps), then each organisation.
    static func tasks(_ github: SecretMapConfig.GitHub, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        var tasks: [@Sendable () -> StoreListing] = []
        let provider = GitHubProvider(config: github, runner: context.runner)
        for repo in github.repos {
            tasks.append { provider.listRepository(repo, environment: nil, githubEnvironment: nil) }
            for env in context.environments {
                guard let ghEnv = env.githubEnvironment else { continue }
                tasks.append { provider.listRepository(repo, environment: env.name, githubEnvironment: ghEnv) }
            }
        }
        for org in github.orgs { tasks.append { provider.listOrganisation(org) } }
        return tasks
    }

    static func credentials(_ github: SecretMapConfig.GitHub) -> StoreCredentials {
        StoreCredentials(environmentVariables: [github.tokenEnv], urls: github.apiURL.map { [$0] } ?? [])
    }
}

extension SecretMapConfig {
    /// `stores.github`.
    public struct GitHub: Sendable {
        public var repos: [String] = []
        public var orgs: [String] = []
        public var apiURL: String?
        /// `rest` (HTTP with a token) or `gh` (the CLI's own login).
        public var via: String?
        public var tokenEnv: String = "GITHUB_TOKEN"
    }

    public var github: GitHub? { section(GitHubProvider.self) }
}

extension SecretMapConfig.Environment {
    /// `environments.NAME.github_environment`: the GitHub deployment environment it maps to.
    public var githubEnvironment: String? { stores["github_environment"] }
}

/// Splits `{…}{…}` (gh's pages) into objects.
enum JSONStream {
    static func objects(_ data: Data) throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        let bytes = Array(data)
        var depth = 0, start = 0, inString = false, escaped = false
        for (i, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x7B: if depth == 0 { start = i }; depth += 1
            case 0x7D:
                depth -= 1
                if depth == 0, let o = try JSONSerialization.jsonObject(with: Data(bytes[start...i])) as? [String: Any] { out.append(o) }
            default: break
            }
        }
        return out
    }
}

/// A GET through `curl`, as the other stores go through their CLIs: status, lower-cased headers,
/// body. (URLSession would link FoundationNetworking, libcurl and some thirty libraries into
/// every run of secretmap, scans included: half its start-up time.) The headers, the token
/// among them, go to curl on stdin (`--config -`), never on its command line.
enum HTTP {
    /// `store` and `setting` name the store and its URL's setting in the messages.
    static func get(_ url: String, runner: CommandRunner, headers: [String: String],
                    store: String = "GitHub", setting: String = "stores.github.api_url") throws -> (Int, [String: String], Data) {
        guard let u = URL(string: url), let scheme = u.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw CommandRunner.Failure(description: "\(store): bad URL \(URLText.withoutCredentials(url)): check \(setting)", category: .badURL)
        }
        let config = headers.sorted { $0.key < $1.key }.map { "header = \"\(configQuoted("\($0.key): \($0.value)"))\"\n" }.joined()
        let output = try runner.run("curl", ["--silent", "--show-error", "--dump-header", "-", "--max-time", String(Int(runner.timeout.rounded(.up))),
                                             "--config", "-", "--url", url], input: Data(config.utf8))
        guard let (status, headers, body) = parse(output) else {
            throw CommandRunner.Failure(description: "\(store): no HTTP answer from \(u.host ?? URLText.withoutCredentials(url))")
        }
        return (status, headers, body)
    }

    /// curl's config syntax: backslash and double quote escaped inside "…".
    static func configQuoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// `--dump-header -` output: header blocks (a proxy's CONNECT answer, a 100 Continue, then the
    /// response's), each ending with an empty line, then the body. The last block is the answer.
    static func parse(_ data: Data) -> (Int, [String: String], Data)? {
        let bytes = [UInt8](data)
        var start = 0
        var answer: (Int, [String: String])?
        while bytes.count - start >= 5, bytes[start..<start + 5].elementsEqual("HTTP/".utf8) {
            guard let end = blockEnd(bytes, from: start) else { return nil }
            let lines = String(decoding: bytes[start..<end.header], as: UTF8.self)
                .split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            guard let statusLine = lines.first, let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            answer = (status, headers)
            start = end.body
        }
        guard let answer else { return nil }
        return (answer.0, answer.1, Data(bytes[start...]))
    }

    /// Where a header block starting at `from` ends (before its empty line) and what follows it.
    private static func blockEnd(_ bytes: [UInt8], from: Int) -> (header: Int, body: Int)? {
        var i = from
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A { return (i, i + 2) }
            if i + 3 < bytes.count, bytes[i] == 0x0D, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x0D, bytes[i + 3] == 0x0A { return (i, i + 4) }
            i += 1
        }
        return nil
    }
}
