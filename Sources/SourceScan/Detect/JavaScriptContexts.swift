/// JavaScript / TypeScript words for the brace-scoped constructor contexts:
/// `constructor(token = "…")` (TS parameter properties `private readonly token = "…"` too),
/// `this.token = a || "…"` in the constructor, class fields (`token = "…"`, `static #token = "…"`,
/// `token: string = "…"`).
enum JavaScriptContexts {
    static let finder = BraceScopedContexts(.init(
        keywords: ["constructor", "class"],
        constructorWord: "constructor",
        failableMarkers: false,
        receiver: "this",
        typeWords: ["class"],
        opensTypeBody: nil,
        parameterModifiers: ["public", "private", "protected", "readonly", "static", "declare",
                             "override", "accessor", "abstract", "async", "get", "set"],
        fieldName: { v, eq in .some(v.declaredName(before: eq, statementStart: fieldStatementStart(v, eq))) }
    ))

    /// Without semicolons a class body's members run together; a field's statement starts after
    /// the end of the previous member: a `;`, a brace, a string, a number or a `)`.
    static func fieldStatementStart(_ v: TokenView, _ eq: Int) -> Int {
        var j = v.previous(eq)
        while j >= 0 {
            let t = v.tokens[j]
            if v.is(j, ";") || v.is(j, "{") || v.is(j, "}") || v.is(j, ")") || t.kind == .string || t.kind == .number {
                return v.next(j)
            }
            j = v.previous(j)
        }
        return 0
    }
}
