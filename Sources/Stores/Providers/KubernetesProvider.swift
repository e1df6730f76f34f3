import Declarations
import Foundation
import Yams

/// Kubernetes Secrets of a namespace, through `kubectl` with the user's kubeconfig and context:
/// each key of each Secret's `data` is an entry named by the key (the Secret's name is in its
/// path, `NAMESPACE/SECRET/KEY`), dated by the Secret's `creationTimestamp` and the latest
/// `managedFields` time, typed by the Secret's `type`. Values (base64) only with
/// `--fingerprint-values`, and then only as fingerprints. Which Deployments read each key
/// (`secretKeyRef`, `envFrom`, a secret volume) and which Secrets another store syncs (owned by an
/// ExternalSecret or a SealedSecret) are tags of the entry. One listing per environment's
/// `kubernetes_namespace`.
struct KubernetesProvider {
    var config: SecretMapConfig.Kubernetes
    var runner: CommandRunner

    /// Items per request: kubectl pages with `limit`/`continue` and joins the pages into one List.
    static let chunkSize = 500

    /// Helm keeps each release's manifests in a Secret of its own and a service account's token is
    /// minted by the cluster: neither is a secret the team puts in or rotates.
    static let skippedTypes: Set<String> = ["kubernetes.io/service-account-token", "helm.sh/release.v1"]

    func list(namespace: String, environment: String?, values: ValueReader?) -> StoreListing {
        let location = config.context.map { "\($0)/\(namespace)" } ?? namespace
        var listing = StoreListing(kind: .kubernetesSecret, location: location, environment: environment)
        let secrets: [[String: Any]]
        do {
            secrets = try items("secrets", namespace: namespace)
            if secrets.isEmpty { try confirmNamespace(namespace) }
        } catch {
            return .failed(.kubernetesSecret, location, environment: environment, "\(error)")
        }
        // Who reads what: a failure here leaves the Secrets listed, as GitHub's environments do.
        var readers: [String: Set<String>] = [:]
        do { readers = Self.readers(try items("deployments", namespace: namespace)) } catch {
            listing.problem = "readers not listed: \(error)"
        }
        for object in secrets {
            let metadata = object["metadata"] as? [String: Any] ?? [:]
            let type = object["type"] as? String ?? "Opaque"
            guard let name = metadata["name"] as? String, !Self.skippedTypes.contains(type) else { continue }
            let created = StoreDate.iso(metadata["creationTimestamp"])
            let modified = Self.lastManaged(metadata["managedFields"])
            let syncedFrom = Self.syncedFrom(metadata["ownerReferences"])
            for (key, encoded) in (object["data"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                var secret = StoredSecret(name: key, path: "\(location)/\(name)/\(key)")
                secret.type = type
                secret.createdAt = created
                secret.lastModified = modified?.time
                secret.lastModifiedBy = modified?.manager
                var tags: [String: String] = [:]
                if let syncedFrom { tags["syncedFrom"] = syncedFrom }
                let readBy = (readers[name + "\u{0}" + key] ?? []).union(readers[name + "\u{0}"] ?? [])
                if !readBy.isEmpty { tags["readBy"] = readBy.sorted().joined(separator: ",") }
                secret.tags = tags.isEmpty ? nil : tags
                // A value that is not text (a keystore) has no fingerprint: it could equal no
                // other store's value or literal, which are all text.
                if let values, let base64 = encoded as? String, let bytes = Data(base64Encoded: base64),
                   let value = String(data: bytes, encoding: .utf8) {
                    values.facts(value).apply(to: &secret)
                }
                listing.secrets.append(secret)
            }
        }
        listing.secrets.sort { $0.path < $1.path }
        return listing
    }

    /// The API server lists a namespace that does not exist as empty: an empty listing is kept
    /// only once the namespace is seen (a misspelt one would make every secret "missing").
    /// Without the right to read namespaces, an empty listing is taken as it is.
    func confirmNamespace(_ namespace: String) throws {
        do { _ = try kubectl(arguments(["get", "namespace", namespace, "-o", "json"]), namespace: namespace) } catch let failure as Failure {
            if failure.problem == .notFound { throw failure }
        }
    }

    /// The context, the kubeconfig and a request timeout around `command`.
    func arguments(_ command: [String]) -> [String] {
        var arguments: [String] = []
        if let kubeconfig = config.kubeconfig { arguments += ["--kubeconfig", kubeconfig] }
        if let context = config.context { arguments += ["--context", context] }
        return arguments + command + ["--request-timeout=\(max(1, Int(runner.timeout)))s"]
    }

    /// `kubectl get RESOURCE -n NS -o json`: the List's items, every page.
    func items(_ resource: String, namespace: String) throws -> [[String: Any]] {
        let arguments = arguments(["get", resource, "-n", namespace, "-o", "json", "--chunk-size=\(Self.chunkSize)"])
        // kubectl 1.21 and later leave managedFields out unless asked; older ones know no such
        // flag and always print them.
        var output = try kubectl(arguments + ["--show-managed-fields"], namespace: namespace)
        if case .unknownFlag = output { output = try kubectl(arguments, namespace: namespace) }
        guard case .json(let data) = output,
              let list = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let items = list["items"] as? [[String: Any]] else {
            throw Problem.notJSON.failure(namespace: namespace)
        }
        return items
    }

    enum Output { case json(Data), unknownFlag }

    /// Runs kubectl; a failure is a `Problem` read from its stderr, which is never repeated: it
    /// quotes what the server said, and a server may quote what it holds.
    func kubectl(_ arguments: [String], namespace: String) throws -> Output {
        guard let executable = CommandRunner.find("kubectl", in: runner.environment["PATH"] ?? "/usr/bin:/bin") else {
            throw Problem.toolMissing.failure(namespace: namespace)
        }
        let result = try runner.runOnce(executable, arguments, [:])
        if result.status == 0 && !result.timedOut { return .json(result.stdout) }
        if result.stderr.contains("unknown flag: --show-managed-fields") { return .unknownFlag }
        throw Problem.of(stderr: result.stderr, timedOut: result.timedOut, status: result.status).failure(namespace: namespace)
    }

    /// Secret name + NUL + key (or + NUL alone: every key) → the Deployments that read it.
    static func readers(_ deployments: [[String: Any]]) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for deployment in deployments {
            guard let name = (deployment["metadata"] as? [String: Any])?["name"] as? String else { continue }
            let reader = "deployment/" + name
            let pod = ((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any] ?? [:]
            let containers = (pod["containers"] as? [[String: Any]] ?? []) + (pod["initContainers"] as? [[String: Any]] ?? [])
            for container in containers {
                for env in container["env"] as? [[String: Any]] ?? [] {
                    guard let ref = (env["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: Any],
                          let secret = ref["name"] as? String, let key = ref["key"] as? String else { continue }
                    out[secret + "\u{0}" + key, default: []].insert(reader)
                }
                for source in container["envFrom"] as? [[String: Any]] ?? [] {
                    guard let secret = (source["secretRef"] as? [String: Any])?["name"] as? String else { continue }
                    out[secret + "\u{0}", default: []].insert(reader)
                }
            }
            // A secret volume mounts every key (or the listed ones) as files.
            for volume in pod["volumes"] as? [[String: Any]] ?? [] {
                guard let source = volume["secret"] as? [String: Any], let secret = source["secretName"] as? String else { continue }
                let keys = (source["items"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
                if keys.isEmpty { out[secret + "\u{0}", default: []].insert(reader) }
                for key in keys { out[secret + "\u{0}" + key, default: []].insert(reader) }
            }
        }
        return out
    }

    /// The latest `managedFields[].time` and its manager (`kubectl-client-side-apply`, `helm`,
    /// `external-secrets`…): when and by what the object was last written.
    static func lastManaged(_ value: Any?) -> (time: String, manager: String?)? {
        let writes = (value as? [[String: Any]] ?? []).compactMap { field -> (Date, String?)? in
            guard let time = (field["time"] as? String).flatMap(StoreDate.parse) else { return nil }
            return (time, field["manager"] as? String)
        }
        return writes.max { $0.0 < $1.0 }.map { (StoreDate.format($0.0), $0.1) }
    }

    /// `ExternalSecret/NAME` or `SealedSecret/NAME` when one of those controllers owns the Secret:
    /// its value comes from another store (or from a sealed file in a repository).
    static func syncedFrom(_ value: Any?) -> String? {
        for owner in value as? [[String: Any]] ?? [] {
            guard let kind = owner["kind"] as? String, ["ExternalSecret", "SealedSecret"].contains(kind) else { continue }
            return kind + "/" + (owner["name"] as? String ?? "?")
        }
        return nil
    }

    /// What went wrong, as a category in our own words.
    enum Problem: Equatable {
        case toolMissing, noContext, noKubeconfig, credentialPlugin, refused, denied, notFound, timeout, unreachable, notJSON, status(Int32)

        /// The first category whose markers kubectl's stderr holds: the server's answers first
        /// (kubectl writes `Error from server (Forbidden): …`), then kubectl's own failures,
        /// timeouts before unreachable ("Unable to connect to the server: … Client.Timeout
        /// exceeded"), a credential plugin's failure (`getting credentials: exec: …`, gke-gcloud-auth-
        /// plugin or aws missing or logged out) before unreachable too; no kubeconfig or context
        /// makes kubectl try localhost:8080.
        static func of(stderr: String, timedOut: Bool, status: Int32) -> Problem {
            if timedOut { return .timeout }
            let markers: [(Problem, [String])] = [
                (.refused, ["(Unauthorized", "must be logged in"]),
                (.denied, ["(Forbidden)"]),
                (.notFound, ["(NotFound)"]),
                (.timeout, ["Client.Timeout exceeded", "context deadline exceeded", "i/o timeout", "TLS handshake timeout"]),
                (.noContext, ["current-context is not set", "error: context \"", "context was not found", "localhost:8080"]),
                (.noKubeconfig, ["error: stat "]),
                (.credentialPlugin, ["getting credentials"]),
                (.unreachable, ["Unable to connect to the server", "connection refused", "no such host"]),
            ]
            return markers.first { $0.1.contains { stderr.contains($0) } }?.0 ?? .status(status)
        }

        func message(namespace: String) -> String {
            switch self {
            case .toolMissing: return "Kubernetes: kubectl not found on PATH: \(CommandRunner.installHint("kubectl"))"
            case .noContext: return "Kubernetes: no such context: set stores.kubernetes.context, or a current-context in the kubeconfig (kubectl config use-context)"
            case .noKubeconfig: return "Kubernetes: the kubeconfig was not found: check stores.kubernetes.kubeconfig or KUBECONFIG"
            case .credentialPlugin: return "Kubernetes: the kubeconfig's credential plugin failed: log in again, or install the plugin it names"
            case .refused: return "Kubernetes: the cluster refused the kubeconfig's credentials (401): log in again or renew them"
            case .denied: return "Kubernetes namespace \(namespace): access denied (403): the kubeconfig's user may not list it"
            case .notFound: return "Kubernetes namespace \(namespace): not found (404): check environments.NAME.kubernetes_namespace"
            case .timeout: return "Kubernetes namespace \(namespace): no answer in time (timeout): check the network or the context's server, or raise timeout_seconds"
            case .unreachable: return "Kubernetes: cannot reach the cluster: check the context's server address"
            case .notJSON: return "Kubernetes namespace \(namespace): kubectl's answer is not the documented JSON"
            case .status(let status): return "Kubernetes namespace \(namespace): kubectl failed: exit status \(status) (\(FailureCategory.notShown))"
            }
        }

        func failure(namespace: String) -> Failure { Failure(problem: self, namespace: namespace) }
    }

    /// A `Problem` with the namespace it was met in; its text is the problem's message.
    struct Failure: Error, CustomStringConvertible {
        var problem: Problem
        var namespace: String
        var description: String { problem.message(namespace: namespace) }
    }
}

extension KubernetesProvider: StoreProvider {
    static let storeKeys: [String: ConfigShape] = [
        "kubernetes": .object(["context": .string, "kubeconfig": .string]),
    ]
    static let environmentKeys = ["kubernetes_namespace"]
    static let kinds: [StoreKind] = [.kubernetesSecret]

    static func section(_ stores: Node?, paths: ConfigPaths) -> SecretMapConfig.Kubernetes? {
        guard let k = stores?["kubernetes"] else { return nil }
        var kubernetes = SecretMapConfig.Kubernetes()
        kubernetes.context = k["context"]?.string
        kubernetes.kubeconfig = k["kubeconfig"]?.string.map(paths.resolve)
        return kubernetes
    }

    /// Each environment's `kubernetes_namespace`, in the config's order.
    static func tasks(_ kubernetes: SecretMapConfig.Kubernetes, _ context: StoreReadContext) -> [@Sendable () -> StoreListing] {
        var tasks: [@Sendable () -> StoreListing] = []
        let provider = KubernetesProvider(config: kubernetes, runner: context.runner)
        let values = context.values
        for env in context.environments {
            guard let namespace = env.kubernetesNamespace else { continue }
            tasks.append { provider.list(namespace: namespace, environment: env.name, values: values) }
        }
        return tasks
    }
}

extension SecretMapConfig {
    /// `stores.kubernetes`: which kubeconfig and context kubectl uses (its own defaults otherwise:
    /// KUBECONFIG or ~/.kube/config, and their current-context).
    public struct Kubernetes: Sendable {
        public var context: String?
        public var kubeconfig: String?
    }

    public var kubernetes: Kubernetes? { section(KubernetesProvider.self) }
}

extension SecretMapConfig.Environment {
    /// `environments.NAME.kubernetes_namespace`: the namespace whose Secrets it runs with.
    public var kubernetesNamespace: String? { stores["kubernetes_namespace"] }
}
