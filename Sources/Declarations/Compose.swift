import Foundation
import SourceScan
import Yams

/// docker-compose files (`compose.yaml`, `docker-compose*.yml`, `*-compose.yml`): each service's `environment:`
/// (map or `KEY=value` list; a bare `KEY` passes the host's value through), `env_file:`, the
/// `secrets:` it mounts, the top-level `secrets:` (from a file or from a host variable), and
/// every `${VAR}` / `$VAR` the file interpolates from the host (see ComposeInterpolation).
enum Compose {
    static func isCompose(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") else { return false }
        if lower.hasPrefix("docker-compose") || lower.hasPrefix("compose.") || lower.hasPrefix("compose-") { return true }
        // `dev-compose.yml`, `services-compose.yaml`, `app.compose.yml`: named for what they run.
        let stem = lower.hasSuffix(".yml") ? lower.dropLast(4) : lower.dropLast(5)
        return stem.count > 8 && (stem.hasSuffix("-compose") || stem.hasSuffix(".compose") || stem.hasSuffix("_compose"))
    }

    static func parse(_ text: String, _ file: SourceFile, defaults measure: EnvironmentDefaults? = nil) -> Parsed {
        let root: Node?
        switch YAMLText.compose(text) {
        case .success(let node): root = node
        case .failure(let problem): return Parsed(warnings: [file.warning("invalid YAML: \(problem)", line: problem.line)])
        }
        var out: [Declaration] = []
        var defaults: [Literal] = []
        // The file's own services: a default URL that points at one (`postgres://app:pw@api-db/app`)
        // is the address of a container this file starts, a local default.
        let services = Set((root?["services"]?.mapping ?? [:]).keys.compactMap { $0.string?.lowercased() })
        // Interpolations inside a service that runs someone else's image, by name and line.
        var imageInterpolations: [String: String] = [:]
        for (key, service) in root?["services"]?.mapping ?? [:] {
            let serviceName = key.string ?? ""
            let image = thirdPartyImage(service)
            out += environment(service["environment"], file).map { var d = $0; d.job = serviceName; d.thirdPartyImage = image; return d }
            if image == nil { defaults += environmentValues(service["environment"], file, services: services, measure) }
            if let image {
                for d in ComposeInterpolation.declarations(in: service, text: text, file) { imageInterpolations["\(d.name)\u{0}\(d.line)"] = image }
            }
            for entry in list(service["env_file"]) {
                let envFile = entry.string ?? entry["path"]?.string ?? ""
                out.append(file.declare("*", .composeEnvFile, line: entry.line) { $0.job = serviceName; $0.store = .file; $0.storePath = envFile })
            }
            for entry in list(service["secrets"]) {
                guard let source = entry.string ?? entry["source"]?.string else { continue }
                out.append(file.declare(source, .composeSecret, line: entry.line) {
                    $0.job = serviceName
                    $0.alias = entry["target"]?.string
                })
            }
        }
        for (key, secret) in root?["secrets"]?.mapping ?? [:] {
            out.append(file.declare(key.string ?? "", .composeSecret, line: key.line) {
                if let path = secret["file"]?.string { $0.store = .file; $0.storePath = path }
                if let variable = secret["environment"]?.string { $0.store = .environmentVariable; $0.storePath = variable }
                if secret["external"]?.bool == true { $0.store = .kind(.external) }
            })
        }
        if let root {
            out += ComposeInterpolation.declarations(in: root, text: text, file).map { d in
                var d = d
                d.thirdPartyImage = imageInterpolations["\(d.name)\u{0}\(d.line)"]
                return d
            }
            defaults += ComposeInterpolation.defaultLiterals(in: root, text: text, file, services: services, measure)
        }
        // An `environment:` shared through an anchor (`<<: *common`) is one place, one literal.
        var seen = Set<String>()
        defaults = defaults.filter { seen.insert("\($0.target ?? "")\u{0}\($0.line)\u{0}\($0.column)").inserted }
        return Parsed(declarations: out, defaults: defaults)
    }

    /// The image of a service that has `image:` and no `build:` (postgres, minio, rabbitmq,
    /// gotenberg…): what its environment is for is that image's code, not ours. Only the
    /// repository part (no tag, no digest), and only when it is spelled as one (lower case,
    /// digits, `._/-`, `:` of a registry's port); an image named at run time (`${REGISTRY}/x`)
    /// or spelled otherwise is said as such, so no other text of the file travels with the fact.
    /// A service that gets `build:` through `extends:` or a `<<:` merge is not seen as ours.
    static func thirdPartyImage(_ service: Node) -> String? {
        guard service["build"] == nil, let image = service["image"]?.string else { return nil }
        if image.contains("$") { return "an image named at run time" }
        var repository = Substring(image.prefix { $0 != "@" })
        if let colon = repository.lastIndex(of: ":"), !repository[colon...].contains("/") { repository = repository[..<colon] }
        let spelled = !repository.isEmpty && repository.utf8.count <= 128
            && repository.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2F || $0 == 0x2D || $0 == 0x3A }
        return spelled ? String(repository) : "an image"
    }

    /// `environment:` as a map (`KEY: value`) or a list (`- KEY=value`, `- KEY`).
    static func environment(_ node: Node?, _ file: SourceFile) -> [Declaration] {
        switch node {
        case .mapping(let m)?:
            return m.mergedEntries.map { k, v in
                file.declare(k.string ?? "", .composeEnvironment, line: k.line) { d in if let value = v.string { d.pointAtOnePassword(value) } }
            }
        case .sequence(let s)?:
            return s.compactMap { entry in
                guard let text = entry.string else { return nil }
                let name = String(text.prefix { $0 != "=" })
                return EnvFiles.isName(name) ? file.declare(name, .composeEnvironment, line: entry.line) { d in
                    if let eq = text.firstIndex(of: "=") { d.pointAtOnePassword(text[text.index(after: eq)...]) }
                } : nil
            }
        default: return []
        }
    }

    /// The literal values of a service's `environment:` (`KEY: value`, `- KEY=value`), asked only
    /// for services we build: that value is what our code reads for KEY, hard-coded. A service
    /// running someone else's image (postgres, minio) sets that image's variables, nearly always
    /// local credentials of a container the file itself starts; joined by name they would hang
    /// a database's setting on our secret of the same name. A value that interpolates (`${X}`,
    /// `$X`) is the host's, not hard-coded (its `${X:-…}` default is read as such); `$$` is `$`;
    /// a bare `KEY` or `KEY:` (passed through from the host) sets nothing.
    static func environmentValues(_ node: Node?, _ file: SourceFile, services: Set<String>, _ measure: EnvironmentDefaults?) -> [Literal] {
        func literal(_ name: String, _ value: String, line: Int, column: Int) -> Literal? {
            guard !["", "~", "null", "Null", "NULL"].contains(value), !value.replacingOccurrences(of: "$$", with: "").contains("$") else { return nil }
            // A 1Password reference names where the value lives: nothing is hard-coded.
            guard OnePasswordReference.path(value) == nil else { return nil }
            let value = value.replacingOccurrences(of: "$$", with: "$")
            return file.defaultLiteral(value, of: name, .composeDefault, line: line, column: column, language: "compose",
                                       placeholder: isServiceAddress(value, services: services), measure)
        }
        switch node {
        case .mapping(let m)?:
            return m.mergedEntries.compactMap { k, v in
                guard let name = k.string, case .scalar(let scalar) = v else { return nil }
                return literal(name, scalar.string, line: v.line, column: v.mark?.column ?? 1)
            }
        case .sequence(let s)?:
            return s.compactMap { entry in
                guard let text = entry.string, let eq = text.firstIndex(of: "=") else { return nil }
                let name = String(text[..<eq])
                return literal(name, String(text[text.index(after: eq)...]), line: entry.line, column: (entry.mark?.column ?? 1) + name.count + 1)
            }
        default: return []
        }
    }

    /// Whether `value` is an address (`scheme://[user[:password]@]host[:port]/…` or `host:port`)
    /// whose host is one of `services`, the compose file's own.
    static func isServiceAddress(_ value: String, services: Set<String>) -> Bool {
        guard !services.isEmpty else { return false }
        var rest = Substring(value)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        let host = hostPort.prefix { $0 != ":" }
        guard !host.isEmpty, host.count < hostPort.count || value.contains("://") else { return false }   // a bare word is no address
        return services.contains(host.lowercased())
    }

    /// A value that may be one item or a list of them.
    static func list(_ node: Node?) -> [Node] {
        switch node {
        case .sequence(let s)?: return Array(s)
        case let n?: return [n]
        case nil: return []
        }
    }
}

extension Compose: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { isCompose(name) }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { parse(text, file.source, defaults: file.defaults) }

    /// A compose file that runs the application somewhere is redeployed with `docker compose up`.
    /// Files for development, tests, CI, builds or a dev container (by a word of their name or
    /// folder: `docker-compose.dev.yml`, `tests/e2e/…`, `.devcontainer/…`) deploy nothing.
    static func deployUnit(in text: String, _ file: SourceFile) -> DeployUnit? {
        let words = Set(file.path.lowercased().split(whereSeparator: { "/.-_".contains($0) }).map(String.init))
        let notDeployed: Set<String> = ["dev", "develop", "development", "devcontainer", "local", "test", "tests", "testing", "e2e",
                                        "ci", "build", "override", "example", "examples", "sample", "fixtures", "worktree"]
        guard words.isDisjoint(with: notDeployed) else { return nil }
        return DeployUnit(repo: file.repo, path: file.path, how: "docker compose -f \(file.path) up -d (where it runs)")
    }
}
