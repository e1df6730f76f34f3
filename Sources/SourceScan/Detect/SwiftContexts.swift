/// Swift words for the brace-scoped constructor contexts: `init(token: String = "…")` (failable
/// `init?` too), `self.token = "…"` in an `init` body, stored-property initialisers in a type body
/// (`let token = "…"`, `static var key: String = "…"`).
enum SwiftContexts {
    static let finder = BraceScopedContexts(.init(
        keywords: ["init", "let", "var"],
        constructorWord: "init",
        failableMarkers: true,
        receiver: "self",
        typeWords: ["struct", "class", "actor", "enum", "extension"],
        opensTypeBody: opensTypeBody,
        parameterModifiers: [],
        fieldName: { v, eq in storedPropertyName(v, eq).map { .some($0) } }
    ))

    /// `class func` / `class var`: there `class` is a modifier, not a type.
    static let notTypeNames: Set<String> = ["func", "var", "let", "subscript", "init", "override", "final",
                                           "static", "private", "public", "internal", "fileprivate", "open"]

    /// For a type word (`struct`, `class`, …): a type follows, not `func`/`var`/… (`class func`).
    static func opensTypeBody(_ v: TokenView, _ i: Int) -> Bool {
        let n = v.next(i)
        return n < v.tokens.count && v.tokens[n].kind == .identifier && !notTypeNames.contains(v.text(n))
    }

    /// `let|var NAME [: Type] =`: the name, found by walking back from the `=` to `let`/`var`.
    static func storedPropertyName(_ v: TokenView, _ eq: Int) -> String? {
        var j = v.previous(eq)
        var steps = 0
        while j >= 0 && steps < 16 {
            if v.is(j, "let") || v.is(j, "var") {
                let n = v.next(j)
                return n < eq && v.tokens[n].kind == .identifier ? v.text(n) : nil
            }
            if v.is(j, ";") || v.is(j, "{") || v.is(j, "}") { return nil }
            j = v.previous(j)
            steps += 1
        }
        return nil
    }
}
