import SourceScan

/// What one file gave: its declarations, a warning when it could not be read as what its name
/// says, notes for what it leaves unknowable (a name built at run time), and the files it named
/// that the gate refused (an env file a script loops over, linked out of the checkout).
struct Parsed {
    var declarations: [Declaration] = []
    var warnings: [DeclarationWarning] = []
    var notes: [DeclarationWarning] = []
    var skipped: [Skip] = []
    /// Hard-coded defaults of named variables (`${X:-…}`, `ENV X=…`), measured: never the value.
    var defaults: [Literal] = []

    /// Names the file's commands use from the environment they run in (a shell script's `$X`):
    /// reads, not declarations (`DeclarationResult.scriptReads`).
    var scriptReads: [Declaration] = []

    static func + (a: Parsed, b: Parsed) -> Parsed {
        Parsed(declarations: a.declarations + b.declarations, warnings: a.warnings + b.warnings, notes: a.notes + b.notes,
               skipped: a.skipped + b.skipped, defaults: a.defaults + b.defaults, scriptReads: a.scriptReads + b.scriptReads)
    }
}

/// The file being parsed: where to put declarations, and how to make them.
struct SourceFile {
    var repo: String
    var path: String

    func declare(_ name: String, _ kind: Declaration.Kind, line: Int, _ configure: (inout Declaration) -> Void = { _ in }) -> Declaration {
        var d = Declaration(name: name, kind: kind, repo: repo, path: path, line: line)
        configure(&d)
        return d
    }

    func warning(_ message: String, line: Int?) -> DeclarationWarning {
        DeclarationWarning(repo: repo, path: path, line: line, message: message)
    }

    /// The hard-coded default `value` of variable `name` at `line:column`, measured by `measure`
    /// (nil: the caller does not want defaults, as the fuzzer's parse). The value ends here.
    /// `placeholder`: the caller knows it is one from the file itself (a URL of a compose service
    /// the same file starts), beyond what the placeholder rules see in the value alone.
    func defaultLiteral(_ value: String, of name: String, _ context: LiteralContext, line: Int, column: Int = 1,
                        language: String, placeholder: Bool = false, _ measure: EnvironmentDefaults?) -> Literal? {
        guard let measure, !value.isEmpty, EnvFiles.isName(name) else { return nil }
        var literal = measure.literal(value, name: name, context: context, repo: repo, path: path, line: line, column: column, language: language)
        if placeholder { literal.placeholder = true; literal.secretLike = false }
        return literal
    }
}

extension StringProtocol {
    /// The text's lines, split at "\n" and at "\r\n" (which Swift holds as one Character, so a
    /// split at "\n" alone left a CRLF file as one line: every name after the first was lost).
    /// A lone "\r" is not a line break here, as everywhere else in secretmap.
    func textLines() -> [SubSequence] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}
