import Foundation

let raw = #"ProcessInfo.processInfo.environment["RAW_TEXT"]"#
let rawInterpolated = #"value: \#(ProcessInfo.processInfo.environment["RAW_INTERPOLATED"] ?? "none")"#
let multi = """
    getenv("MULTILINE_TEXT")
    \(ProcessInfo.processInfo.environment["MULTILINE_INTERPOLATED"] ?? "")
    """
/* outer /* nested */ getenv("NESTED_COMMENT") */
let after = getenv("AFTER_NESTED_COMMENT")

final class Keys {
    class var shared: Keys { Keys() }
    static let signing = "EAw5Kr9TZOZdfqcjvkb69uKPkpGWGKU6l6nHO5STUlsAW6Tj0odpaBCyArMNlsWp0VVFK"
    var computed: String { "EAw5Kr9TZOZdfqcjvkb69uKPkpGWGKU6l6nHO5STUlsAW6Tj0odpaBCyArMNlsWp0VVFK" }
    let secret: String

    init?(secret: String = "xoxb-0000000000-EXAMPLEexample0000") {
        self.secret = ProcessInfo.processInfo.environment["KEYS_SECRET"] ?? "EAw5Kr9TZOZdfqcjvkb69uKPkpGWGKU6l6nHO5STUlsAW6Tj0odpaBCyArMNlsWp0VVFK"
    }
}
