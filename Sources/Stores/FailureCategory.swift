/// The kinds of failure a store's CLI can report, read from its stderr. A failure is reported as
/// its category in our own words: a tool's message may quote a URL, a password or a token
/// (psql's "invalid percent-encoded token" quotes the password), so it never reaches output.
public enum FailureCategory: String, Sendable, CaseIterable {
    case timeout, throttled, expiredCredentials, noCredentials, authFailed, permissionDenied
    case connectionRefused, badURL, notFound, toolMissing, other

    /// The first category whose markers the tool's stderr holds; the order settles overlaps.
    /// Status codes count only with their prefix ("HTTP 403", "Code: 403"): a bare number could
    /// be a port or part of a path.
    static func of(stderr: String, timedOut: Bool) -> FailureCategory {
        if timedOut { return .timeout }
        let text = stderr.lowercased()
        for category in [throttled, expiredCredentials, noCredentials, authFailed, permissionDenied, connectionRefused, badURL, notFound]
        where category.markers.contains(where: { text.contains($0.lowercased()) }) {
            return category
        }
        return .other
    }

    /// Words in the stderr of aws, psql, bao/vault, gh, curl and doppler that mean this category
    /// (doppler prints no status code, only the API's message: "Invalid Auth token", "…does not
    /// have access to requested config…", "Could not find requested config…").
    var markers: [String] {
        switch self {
        case .throttled: return ["ThrottlingException", "Rate exceeded", "TooManyRequests", "HTTP 429", "Code: 429", "rate limit", "Too Many Requests"]
        case .expiredCredentials: return ["ExpiredToken", "token has expired", "RequestExpired", "credentials have expired"]
        case .noCredentials: return ["Unable to locate credentials", "NoCredentialProviders", "missing client token", "VAULT_TOKEN", "no token",
                                     "must provide a token"]
        case .authFailed: return ["password authentication failed", "authentication failed", "no password supplied", "Bad credentials", "HTTP 401",
                                  "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "invalid token",
                                  "Invalid Auth token"]
        case .permissionDenied: return ["AccessDenied", "not authorized", "permission denied", "HTTP 403", "Code: 403", "UnauthorizedOperation", "Forbidden",
                                     "does not have access", "do not have access"]
        case .connectionRefused: return ["Could not connect", "connection refused", "EndpointConnectionError", "could not connect to server", "dial tcp",
                                         "Name or service not known", "Failed to connect", "Couldn't connect", "Could not resolve host",
                                         "could not translate host name"]
        case .badURL: return ["invalid percent-encoded token", "invalid URI", "invalid connection option", "invalid sslmode", "invalid integer value",
                              "missing \"=\" after", "URL using bad/illegal format", "Invalid endpoint", "unsupported protocol",
                              "Port number was not a decimal", "URL rejected", "malformed"]
        case .notFound: return ["does not exist", "No value found", "not found", "NoSuchEntity", "ResourceNotFoundException", "ParameterNotFound",
                                "HTTP 404", "Code: 404", "Could not find requested"]
        case .timeout, .toolMissing, .other: return []
        }
    }

    /// One line naming the tool, what happened and what to do; never the tool's own words.
    func message(tool: String, status: Int32) -> String {
        switch self {
        case .timeout: return "\(tool) did not answer in time: check the network or endpoint, or raise the store's timeout"
        case .throttled: return "\(tool): throttled by the store, still after retries: run again later"
        case .expiredCredentials: return "\(tool): credentials expired: log in again (aws sso login, bao login…)"
        case .noCredentials: return "\(tool): no credentials: set a profile or token for this store"
        case .authFailed: return "\(tool): authentication failed: check the credentials for this store"
        case .permissionDenied: return "\(tool): access denied: the identity in use may not list this store"
        case .connectionRefused: return "\(tool): cannot reach the store: check its address or endpoint"
        case .badURL: return "\(tool): bad URL or connection string: check it (\(Self.notShown))"
        case .notFound: return "\(tool): not found: check the name, path or query the store was asked for"
        case .toolMissing: return "\(tool) not found on PATH: \(CommandRunner.installHint(tool))"
        case .other: return "\(tool) failed: exit status \(status) (\(Self.notShown))"
        }
    }

    static let notShown = "the tool's own message is not shown: it may quote a credential"
}
