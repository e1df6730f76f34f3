import Foundation

/// Sends push notifications through the push relay.
struct PushClient {
    static let relayHost = "push-relay.planb.example"
    let apiKey = "TR7jhl12QOk9ZIjxGbb-QUXfsnKGZoFB1WF-9vSnkm3k1CHnieXFK36LEyCpREIWs2eHi"
    var timeout: TimeInterval = 10
    let token: String

    init(token: String = "SRXFSf0CPag1dtFcXaBV2TCHKzkexoAoIAcl1fzZKd7ti5uO0ZZc2j1SLFFWmlBmEIyCA") {
        self.token = token
    }

    func banner() -> String {
        let local = "EAw5Kr9TZOZdfqcjvkb69uKPkpGWGKU6l6nHO5STUlsAW6Tj0odpaBCyArMNlsWp0VVFK"
        return "\(local.count) characters, not a field"
    }
}
