import CSupport

/// What a file's bytes must contain before its source parses it: a byte search (memmem) over the
/// buffer the gate read, so that the thousands of JavaScript, Python and YAML files of a monorepo
/// that declare nothing are never turned into a `String` nor searched with Foundation.
///
/// A prefilter may only be a superset of its source's own gate: it says "cannot declare anything"
/// only when the source's parser, deploy-unit and task-definition readers would all give nothing
/// for that text. The parser still makes its own decision on every file that passes, so output is
/// unchanged. Needles are ASCII: a UTF-8 byte search for them finds every place a search of the
/// decoded text does (invalid UTF-8, replaced when decoded, cannot make or hide an ASCII match).
indirect enum DeclarationPrefilter: Sendable {
    /// Every file is parsed (few files per repository, or a gate no byte search can express).
    case always
    /// The bytes hold this needle.
    case contains(ByteNeedle)
    /// The file's own name (last path component) starts with this.
    case nameStarts(with: String)
    case anyOf([DeclarationPrefilter])
    case allOf([DeclarationPrefilter])

    /// Whether a file called `name` with these bytes may declare something for its source.
    func mayDeclare(_ bytes: UnsafeRawBufferPointer, name: String) -> Bool {
        switch self {
        case .always: return true
        case .contains(let needle): return needle.occurs(in: bytes)
        case .nameStarts(let prefix): return name.hasPrefix(prefix)
        case .anyOf(let filters): return filters.contains { $0.mayDeclare(bytes, name: name) }
        case .allOf(let filters): return filters.allSatisfy { $0.mayDeclare(bytes, name: name) }
        }
    }

    static func anyOf(_ needles: String...) -> DeclarationPrefilter { .anyOf(needles.map { .contains(ByteNeedle($0)) }) }
    static func allOf(_ needles: String...) -> DeclarationPrefilter { .allOf(needles.map { .contains(ByteNeedle($0)) }) }
}

/// An ASCII byte string searched for with memmem.
struct ByteNeedle: Sendable, Equatable {
    let bytes: [UInt8]

    init(_ text: String) {
        precondition(text.utf8.allSatisfy { $0 < 0x80 } && !text.isEmpty, "a prefilter needle is non-empty ASCII")
        bytes = Array(text.utf8)
    }

    func occurs(in haystack: UnsafeRawBufferPointer) -> Bool {
        guard let base = haystack.baseAddress, haystack.count >= bytes.count else { return false }
        return bytes.withUnsafeBytes { needle in secretmap_memmem(base, haystack.count, needle.baseAddress!, needle.count) != nil }
    }
}

extension DeclarationSource {
    /// Most sources are few files per repository and parse every one.
    static var prefilter: DeclarationPrefilter { .always }
}

// The sources whose files are numerous (every JS/TS or Python file, every YAML file), each with
// the prefilter of its own gate. Keep each in step with the gate it names: a test checks that no
// fixture a source declares something from is refused by its prefilter.

extension EnvSchemas {
    /// `mayHoldSchema` (`createEnv` or `.object(`), and `parse`'s own condition for a zod object:
    /// a file that reads the environment (`process.env`, `import.meta.env`) or is named `env.*`.
    /// Zod schemas are everywhere in a TypeScript monorepo; the ones of the environment are few.
    static var prefilter: DeclarationPrefilter {
        .anyOf([.anyOf("createEnv"),
                .allOf([.anyOf(".object("), .anyOf([.anyOf("process.env", "import.meta.env"), .nameStarts(with: "env.")])])])
    }
}

extension PydanticSettings {
    /// `mayHoldSettings`: `BaseSettings`.
    static var prefilter: DeclarationPrefilter { .anyOf("BaseSettings") }
}

extension CloudTemplates {
    /// `isTemplate`.
    static var templatePrefilter: DeclarationPrefilter { .anyOf("{{resolve:", "AWSTemplateFormatVersion", "AWS::Serverless") }
}

extension YAMLManifests {
    /// A CloudFormation/SAM template (`CloudTemplates.isTemplate`, which also covers the SAM
    /// deploy unit's `AWS::Serverless`) or a Kubernetes manifest (`Kubernetes.isManifest`).
    static var prefilter: DeclarationPrefilter {
        .anyOf([CloudTemplates.templatePrefilter, .allOf("apiVersion:", "kind:")])
    }
}

extension CloudTemplateJSON {
    /// `CloudTemplates.isTemplate`.
    static var prefilter: DeclarationPrefilter { CloudTemplates.templatePrefilter }
}
