import Yams

/// The expected shape of `secretmap.yml`, checked before anything is read from it, so a typo is
/// one clear line (`secretmap.yml:12: unknown key 'prefixs' in stores.ssm; did you mean 'prefixes'?`)
/// rather than a silently ignored setting.
indirect enum ConfigShape: Sendable {
    case string, int, bool
    /// A whole number within bounds (a timeout of -1 s is a typo, not a setting).
    case intIn(ClosedRange<Int>)
    /// The config format's version: only the one this secretmap reads.
    case version(Int)
    /// A name secretmap prints and uses in paths (a repository's): not empty, no `/`, no line
    /// break or other control character, which would forge lines or paths in every report.
    case plainName
    case list(ConfigShape)
    /// A mapping with free keys (environment names, owner globs), each value of one shape.
    case dictionary(ConfigShape)
    /// A mapping with known keys; the listed ones are required.
    case object([String: ConfigShape], required: Set<String> = [])
    /// One of a fixed set of words (a secret class).
    case choice([String])

    var noun: String {
        switch self {
        case .string: return "a string"
        case .int: return "a whole number"
        case .intIn(let range): return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .version(let supported): return "\(supported)"
        case .plainName: return "a plain name: no '/', line breaks or control characters"
        case .bool: return "true or false"
        case .list: return "a list"
        case .dictionary, .object: return "a mapping"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        }
    }
}

public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var message: String
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

enum ConfigValidator {
    static func validate(_ node: Node, _ shape: ConfigShape, file: String, at path: String = "") -> [ConfigError] {
        let line = node.mark?.line
        let place = path.isEmpty ? "the top level" : path
        func error(_ m: String) -> [ConfigError] { [ConfigError(file: file, line: line, message: m)] }
        switch shape {
        case .string:
            guard case .scalar = node else { return error("\(place) must be \(shape.noun)") }
            return []
        case .int:
            guard case .scalar = node, node.int != nil else { return error("\(place) must be \(shape.noun)") }
            return []
        case .bool:
            guard case .scalar = node, node.bool != nil else { return error("\(place) must be \(shape.noun)") }
            return []
        case .intIn(let range):
            guard case .scalar = node, let n = node.int else { return error("\(place) must be \(ConfigShape.int.noun)") }
            return range.contains(n) ? [] : error("\(place) must be \(shape.noun)")
        case .version(let supported):
            guard case .scalar = node, node.int == supported else {
                return error("\(place) must be \(supported): this secretmap reads version \(supported) of secretmap.yml")
            }
            return []
        case .plainName:
            // The message never repeats the name: it is file text, and could be anything.
            guard case .scalar(let scalar) = node else { return error("\(place) must be \(ConfigShape.string.noun)") }
            if scalar.string.isEmpty { return error("\(place) must not be empty") }
            let bad = scalar.string.unicodeScalars.contains { $0 == "/" || $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator }
            return bad ? error("\(place) must be \(shape.noun)") : []
        case .choice(let words):
            guard case .scalar(let scalar) = node, words.contains(scalar.string) else { return error("\(place) must be \(shape.noun)") }
            return []
        case .list(let element):
            guard let items = node.sequence else { return error("\(place) must be \(shape.noun)") }
            return items.enumerated().flatMap { i, item in validate(item, element, file: file, at: "\(path)[\(i)]") }
        case .dictionary(let value):
            guard let mapping = node.mapping else { return error("\(place) must be \(shape.noun)") }
            return mapping.flatMap { k, v in validate(v, value, file: file, at: join(path, k.string ?? "?")) }
        case .object(let fields, let required):
            guard let mapping = node.mapping else { return error("\(place) must be \(shape.noun)") }
            var errors: [ConfigError] = []
            for (k, v) in mapping {
                let key = k.string ?? "?"
                guard let field = fields[key] else {
                    let hint = suggestion(key, fields.keys).map { "; did you mean '\($0)'?" } ?? "; expected one of \(fields.keys.sorted().joined(separator: ", "))"
                    errors.append(ConfigError(file: file, line: k.mark?.line, message: "unknown key '\(key)' in \(place)\(hint)"))
                    continue
                }
                errors += validate(v, field, file: file, at: join(path, key))
            }
            for key in required.sorted() where mapping[Node(stringLiteral: key)] == nil {
                errors.append(ConfigError(file: file, line: line, message: "\(place) needs '\(key)'"))
            }
            return errors
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The known key nearest to a typo (edit distance at most 2).
    static func suggestion(_ key: String, _ known: Dictionary<String, ConfigShape>.Keys) -> String? {
        known.map { ($0, distance(key, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return row[b.count]
    }
}
