import Foundation

/// A platform's REST API reached with a bearer token from an environment variable (Vercel,
/// Fly.io), through `HTTP.get` (curl, the token on its stdin). Every failure is one line naming
/// the store, what was asked and a category in our own words, with what to do: the answer's body
/// is never quoted (an error body may echo what it was sent).
struct BearerREST {
    /// The store's name in messages: `Vercel`, `Fly.io`.
    var store: String
    /// The environment variable holding the token, and what kind of token it must be.
    var tokenEnv: String
    var tokenHint: String
    /// The config key of the base URL, named when the URL is bad.
    var urlSetting: String
    var runner: CommandRunner

    /// What went wrong, as a category: the tests and the messages share it.
    enum Problem: Equatable {
        case noToken, refused, denied, notFound, rateLimited, timeout, notJSON, status(Int)
    }

    func message(_ problem: Problem, _ what: String) -> String {
        switch problem {
        case .noToken: return "\(store): \(tokenEnv) is not set: export \(tokenHint)"
        case .refused: return "\(store): the token in \(tokenEnv) was refused (401): renew it"
        case .denied: return "\(store) \(what): access denied (403): the token in \(tokenEnv) cannot read it"
        case .notFound: return "\(store) \(what): not found (404): check the name, or the token cannot see it"
        case .rateLimited: return "\(store): rate limit reached (429), still after retries: run again later"
        case .timeout: return "\(store) \(what): no answer in time (timeout): check the network or \(urlSetting), or raise timeout_seconds"
        case .notJSON: return "\(store) \(what): the answer is not the documented JSON"
        case .status(let code): return "\(store) \(what): HTTP \(code)"
        }
    }

    func failure(_ problem: Problem, _ what: String) -> CommandRunner.Failure {
        CommandRunner.Failure(description: message(problem, what))
    }

    /// GETs `url` and returns its JSON object; `what` names the thing asked for in messages
    /// (`project web`).
    func object(_ url: String, what: String) throws -> [String: Any] {
        guard let object = try json(url, what: what) as? [String: Any] else { throw failure(.notJSON, what) }
        return object
    }

    /// GETs `url` and returns its JSON (an object or an array). A 429 is retried after the
    /// runner's back-off, `runner.retries` times.
    func json(_ url: String, what: String) throws -> Any {
        guard let token = runner.environment[tokenEnv], !token.isEmpty else { throw failure(.noToken, what) }
        var attempt = 0
        while true {
            let answer: (Int, [String: String], Data)
            do {
                answer = try HTTP.get(url, runner: runner, headers: ["Accept": "application/json", "Authorization": "Bearer \(token)", "User-Agent": "secretmap"],
                                      store: store, setting: urlSetting)
            } catch let e as CommandRunner.Failure where e.category == .timeout || e.status == Self.curlTimedOut {
                throw failure(.timeout, what)
            } catch let e as CommandRunner.Failure where e.category != nil && e.description.hasPrefix("curl") {
                // curl's own failure (cannot connect…), already in our words: say whose store it was.
                throw CommandRunner.Failure(description: "\(store) \(what): " + e.description, category: e.category, status: e.status)
            }
            switch answer.0 {
            case 200:
                guard let json = try? JSONSerialization.jsonObject(with: answer.2) else { throw failure(.notJSON, what) }
                return json
            case 401: throw failure(.refused, what)
            case 403: throw failure(.denied, what)
            case 404: throw failure(.notFound, what)
            case 429:
                guard attempt < runner.retries else { throw failure(.rateLimited, what) }
                CommandRunner.backOff(attempt)
                attempt += 1
            default: throw failure(.status(answer.0), what)
            }
        }
    }

    /// curl's exit status for `--max-time` reached.
    static let curlTimedOut: Int32 = 28

    /// A path segment, escaped (a project or app name holds no `/`).
    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?&#"))) ?? s
    }

    /// A query value, escaped.
    static func query(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
}
