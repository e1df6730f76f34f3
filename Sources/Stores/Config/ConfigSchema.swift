import Foundation

/// The JSON Schema of `secretmap.yml`, built from `SecretMapConfig.shape`: the shape the validator
/// checks, so the two cannot disagree about a key. Editors (yaml-language-server, IntelliJ) use
/// it to complete and check the file; `secretmap init` names it on the first line it writes.
///
/// Draft-07, the draft editors support best. The schema is as strict as the validator on keys
/// (no unknown key anywhere a key is known) and on bounds; where the validator accepts any
/// scalar as a string (`version: 1` is an int, `ssm: /x/` a string), the schema says "string".
public enum ConfigSchema {
    /// Where the schema of this version is published (the committed `schema/secretmap.schema.json`
    /// at the release tag). `version` is the CLI's.
    public static func url(version: String) -> String {
        "https://raw.githubusercontent.com/secretmap/secretmap/v\(version)/schema/secretmap.schema.json"
    }

    /// The first line `init` writes, so editors pick the schema up without settings.
    public static func modeline(version: String) -> String {
        "# yaml-language-server: $schema=\(url(version: version))"
    }

    /// The schema as JSON text: keys sorted, two-space indent, one trailing newline, so the
    /// committed file diffs cleanly and a test can compare it byte for byte.
    public static func json(version: String) -> String {
        var root = schema(SecretMapConfig.shape)
        root["$schema"] = "http://json-schema.org/draft-07/schema#"
        root["$id"] = url(version: version)
        root["title"] = "secretmap.yml"
        root["description"] = "secretmap's config: repos, environments, stores, owners, fingerprint key (README: What the stores hold)."
        let data = try! JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return compactColons(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// One shape as a schema object.
    static func schema(_ shape: ConfigShape) -> [String: Any] {
        switch shape {
        case .string: return ["type": "string"]
        case .int: return ["type": "integer"]
        case .bool: return ["type": "boolean"]
        case .intIn(let range): return ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
        case .version(let supported): return ["const": supported, "description": "The config format's version: \(supported)."]
        case .plainName:
            // What `ConfigValidator` refuses: empty, `/`, control characters (Cc), U+2028/U+2029.
            return ["type": "string", "minLength": 1, "pattern": #"^[^/\u0000-\u001F\u007F-\u009F\u2028\u2029]+$"#,
                    "description": "A plain name: no '/', line breaks or control characters."]
        case .choice(let words): return ["type": "string", "enum": words]
        case .list(let element): return ["type": "array", "items": schema(element)]
        case .dictionary(let value): return ["type": "object", "additionalProperties": schema(value)]
        case .object(let fields, let required):
            var object: [String: Any] = ["type": "object", "additionalProperties": false,
                                         "properties": fields.mapValues { schema($0) }]
            if !required.isEmpty { object["required"] = required.sorted() }
            return object
        }
    }

    /// Foundation's pretty printer writes `"key" : value`; `"key": value` reads like every other
    /// JSON file in the repository. The schema's own strings never hold `" : "`.
    static func compactColons(_ text: String) -> String {
        text.replacingOccurrences(of: "\" : ", with: "\": ")
    }
}
